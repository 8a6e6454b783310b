"""Provinces and districts from their kept source, and which area a name people typed means.

`load_areas` copies GeoThai's provinces and districts (the `geothai` package: the Department
of Provincial Administration's codes and names, CC BY 4.0) into the database; the migration
runs it once and `manage.py load_areas` again after an upgrade of the package. Names are
matched as offices write them: "นราธิวาส", "จ.นราธิวาส", "จังหวัดนราธิวาส"; "สุคิริน",
"อ.สุคิริน", "อำเภอสุคิริน"; "เมือง" for the province's capital district (อำเภอเมืองนราธิวาส);
"กทม." for Bangkok. A name that means no area (or two) is None: never guessed.
"""

import re

import geothai

from .models import OrganisationKind

BANGKOK_NAMES = {"กทม", "กรุงเทพ", "กรุงเทพฯ", "กรุงเทพมหานคร", "bangkok"}
PROVINCE_PREFIXES = ("จังหวัด", "จ.")
DISTRICT_PREFIXES = ("กิ่งอำเภอ", "อำเภอ", "อ.", "เขต", "ข.")
# The kind of organisation from its name: full names, then short names, first match wins
# (เทศบาลตำบล before เทศบาล…).
KIND_PREFIXES = [
    ("องค์การบริหารส่วนตำบล", OrganisationKind.SAO),
    ("องค์การบริหารส่วนจังหวัด", OrganisationKind.PAO),
    ("เทศบาลตำบล", OrganisationKind.SUBDISTRICT_MUNICIPALITY),
    ("เทศบาลเมือง", OrganisationKind.TOWN_MUNICIPALITY),
    ("เทศบาลนคร", OrganisationKind.CITY_MUNICIPALITY),
    ("อบต.", OrganisationKind.SAO),
    ("อบจ.", OrganisationKind.PAO),
    ("ทต.", OrganisationKind.SUBDISTRICT_MUNICIPALITY),
    ("ทม.", OrganisationKind.TOWN_MUNICIPALITY),
    ("ทน.", OrganisationKind.CITY_MUNICIPALITY),
]


def load_areas(province_model, district_model) -> tuple[int, int]:
    """Every province and district of the installed `geothai` data, added or renamed by code
    (the models are passed in: the migration gives its historical ones). Areas the data no
    longer has are kept (organisations may point at them). Returns how many (provinces,
    districts) were added or changed."""
    written = []
    for model, rows in (
        (
            province_model,
            [(p.code, {"name": p.name_th, "name_en": p.name_en}) for p in geothai.provinces()],
        ),
        (
            district_model,
            [
                (d.code, {"province_id": d.province_code, "name": d.name_th, "name_en": d.name_en})
                for p in geothai.provinces()
                for d in geothai.districts(p.code)
            ],
        ),
    ):
        held = {row.pk: row for row in model.objects.all()}
        new = [model(code=code, **values) for code, values in rows if code not in held]
        changed = [
            held[code] for code, values in rows if code in held and _differs(held[code], values)
        ]
        for row in changed:
            for field, value in dict(rows)[row.pk].items():
                setattr(row, field, value)
            row.save()
        model.objects.bulk_create(new)
        written.append(len(new) + len(changed))
    return written[0], written[1]


def _differs(row, values) -> bool:
    return any(getattr(row, field) != value for field, value in values.items())


def ensure_areas() -> None:
    """The areas are there (a test or demo database emptied by a flush gets them back)."""
    from .models import District, Province

    if not District.objects.exists():
        load_areas(Province, District)


def place(province_name: str, district_name: str):
    """(province, district) named as people type them; LookupError with a Thai message."""
    from .models import District, Province

    province = find_province(Province.objects, province_name)
    if province is None:
        raise LookupError(f"ไม่พบจังหวัด “{province_name}”")
    district = find_district(District.objects, province, district_name)
    if district is None:
        raise LookupError(f"ไม่พบอำเภอ “{district_name}” ใน{province.label}")
    return province, district


def _bare(name: str, prefixes) -> str:
    text = re.sub(r"\s+", "", name or "")
    for prefix in prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


def find_province(queryset, name: str):
    """The province of `queryset` a typed name means, or None."""
    bare = _bare(name, PROVINCE_PREFIXES)
    if bare.rstrip(".").lower() in BANGKOK_NAMES:
        bare = "กรุงเทพมหานคร"
    found = list(queryset.filter(name=bare)[:2])
    return found[0] if len(found) == 1 else None


def find_district(queryset, province, name: str):
    """The district of `province` a typed name means, or None. "เมือง" alone is the
    province's capital district; Bangkok's are named with "เขต"."""
    if province is None:
        return None
    bare = _bare(name, DISTRICT_PREFIXES)
    candidates = {bare, f"เมือง{province.name}" if bare == "เมือง" else bare, f"เขต{bare}"}
    found = list(queryset.filter(province=province, name__in=candidates)[:2])
    return found[0] if len(found) == 1 else None


def kind_from_name(*names: str) -> str:
    """The organisation's kind as its full or short name says it, or "" when neither does."""
    for name in names:
        text = re.sub(r"\s+", "", name or "")
        for prefix, kind in KIND_PREFIXES:
            if text.startswith(prefix):
                return kind
    return ""
