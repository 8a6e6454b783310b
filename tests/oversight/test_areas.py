"""Where organisations are: the provinces and districts from their kept source, the free text of
earlier versions moved onto them by name, onboarding and the admin, and the supervisors granted
by the operator alone."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from pythainlp.corpus import provinces as pythainlp_provinces

from organisations.area_names import ensure_areas, kind_from_name, place
from organisations.models import District, Organisation, Province, Supervision
from organisations.refusals import Refusal
from organisations.supervision import supervision_grant

BEFORE = [("organisations", "0006_emblem_decodes_completely")]
AFTER = [("organisations", "0007_areas_kinds_and_supervisors")]


@pytest.mark.django_db
def test_the_77_provinces_are_pythainlps_and_every_one_has_its_districts():
    ensure_areas()
    assert Province.objects.count() == 77
    assert set(Province.objects.values_list("name", flat=True)) == set(pythainlp_provinces())
    assert District.objects.count() == 928
    assert list(
        District.objects.filter(province__name="นราธิวาส")
        .order_by("code")
        .values_list("name", flat=True)
    )[:3] == ["เมืองนราธิวาส", "ตากใบ", "บาเจาะ"]
    assert not Province.objects.exclude(districts__isnull=False).exists()


@pytest.mark.django_db
def test_names_are_read_as_offices_write_them():
    ensure_areas()
    assert place("จ.นราธิวาส", "อ.สุคิริน")[1].code == "9609"
    assert place("จังหวัดยะลา", "เมือง")[1].name == "เมืองยะลา"
    assert place("กทม.", "พระนคร")[1].name == "เขตพระนคร"
    with pytest.raises(LookupError, match="ไม่พบอำเภอ “สุคิริน” ในจังหวัดยะลา"):
        place("ยะลา", "สุคิริน")
    assert kind_from_name("เทศบาลตำบลตากใบ") == "subdistrict_municipality"
    assert kind_from_name("ชื่ออื่น", "ทน.ยะลา") == "city_municipality"
    assert kind_from_name("ศูนย์บางอย่าง") == ""


@pytest.mark.django_db(transaction=True)
def test_the_free_text_moves_onto_the_areas_and_what_matches_nothing_is_kept_and_said(capsys):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("organisations", "Organisation")
    typed = [
        ("องค์การบริหารส่วนตำบลเกียร์", "อบต.เกียร์", "สุคิริน", "นราธิวาส"),
        ("เทศบาลเมืองยะลาทดสอบ", "ทม.ยะลาทดสอบ", "อำเภอเมือง", "จ.ยะลา"),
        ("หน่วยงานไม่รู้ที่", "ไม่รู้ที่", "ไม่มีอำเภอนี้", "ยะลา"),
        ("องค์การบริหารส่วนตำบลไกล", "อบต.ไกล", "ก", "ข"),
    ]
    for name, short, district, province in typed:
        old.objects.create(name=name, short_name=short, district=district, province=province)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    said = capsys.readouterr().out
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    kiar = Organisation.objects.get(short_name="อบต.เกียร์")
    assert (kiar.kind, kiar.district.code, kiar.province.name) == ("sao", "9609", "นราธิวาส")
    assert kiar.location == "อำเภอสุคิริน จังหวัดนราธิวาส" and kiar.location_as_typed == ""
    yala = Organisation.objects.get(short_name="ทม.ยะลาทดสอบ")
    assert (yala.kind, yala.district.name) == ("town_municipality", "เมืองยะลา")
    lost = Organisation.objects.get(short_name="ไม่รู้ที่")
    assert lost.district is None and lost.province.name == "ยะลา" and lost.kind == ""
    assert lost.location == "อำเภอไม่มีอำเภอนี้ จังหวัดยะลา"  # as documents printed it before
    far = Organisation.objects.get(short_name="อบต.ไกล")
    assert far.province is None and far.location_as_typed == "อำเภอก จังหวัดข"
    assert "หน่วยงานไม่รู้ที่: อำเภอไม่มีอำเภอนี้ จังหวัดยะลา" in said
    assert "องค์การบริหารส่วนตำบลไกล: อำเภอก จังหวัดข" in said
    assert "ระบุประเภทจากชื่อไม่ได้" in said
    assert "หน่วยงานไม่รู้ที่" in said.split("ระบุประเภทจากชื่อไม่ได้")[1]


def onboard(**options):
    defaults = {"admin_username": options["slug"], "admin_email": f"{options['slug']}@t.go.th",
                "admin_name": "นายทดสอบ ดูแล", "stdout": io.StringIO()}  # fmt: skip
    call_command("create_organisation", **{**defaults, **options})


@pytest.mark.django_db
def test_onboarding_places_the_organisation_or_says_why_not():
    ensure_areas()
    onboard(name="องค์การบริหารส่วนตำบลมาโมง", short_name="อบต.มาโมง", slug="mamong",
            district="อ.สุคิริน", province="นราธิวาส")  # fmt: skip
    created = Organisation.objects.get(slug="mamong")
    assert (created.kind, created.district.name) == ("sao", "สุคิริน")
    with pytest.raises(CommandError, match="ไม่พบอำเภอ “ตากใบ” ในจังหวัดยะลา"):
        onboard(name="เทศบาลตำบลตากใบ", short_name="ทต.ตากใบ", slug="takbai",
                district="ตากใบ", province="ยะลา")  # fmt: skip
    with pytest.raises(CommandError, match="กรุณาระบุ --kind"):
        onboard(name="ศูนย์ทดสอบ", short_name="ศูนย์", slug="centre", district="ตากใบ",
                province="นราธิวาส")  # fmt: skip
    assert not Organisation.objects.filter(slug__in=["takbai", "centre"]).exists()


def grant(**options):
    options.setdefault("stdout", io.StringIO())
    call_command("grant_supervisor", **options)
    return options["stdout"].getvalue()


@pytest.mark.django_db
def test_only_the_operator_grants_a_supervisor_and_the_area_must_fit_the_level(cast):
    with pytest.raises(Refusal, match="เฉพาะผู้ดูแลระบบทั้งหมด"):
        supervision_grant(by=cast.sam, username="x", level="nation", display_name="x",
                          position_title="x")  # fmt: skip
    said = grant(username="yala-office", province="ยะลา", name="นายยะลา ดูแล",
                 position="ท้องถิ่นจังหวัดยะลา")  # fmt: skip
    granted = Supervision.objects.get(user__username="yala-office")
    assert granted.province.name == "ยะลา" and "ลิงก์ตั้งรหัสผ่าน" in said
    with pytest.raises(CommandError, match="กำกับดูแลพื้นที่นี้อยู่แล้ว"):
        grant(username="yala-office", province="ยะลา", name="ซ้ำ", position="ซ้ำ")
    with pytest.raises(CommandError, match="--in-province"):
        grant(username="d", district="เมือง", name="ด", position="ด")
    grant(username="yala-office", province="ยะลา", revoke=True)
    assert not Supervision.objects.filter(user__username="yala-office").exists()


@pytest.mark.django_db
def test_the_operator_grants_in_the_admin_and_a_site_admin_cannot_move_their_organisation(
    client, cast, django_user_model
):
    operator = django_user_model.objects.create_superuser("op", password="x")
    client.force_login(operator)
    add = reverse("admin:organisations_supervision_add")
    mismatch = client.post(
        add,
        {
            "username": "z",
            "level": "nation",
            "province": cast.home.province_id,
            "display_name": "ซ",
            "position_title": "ซ",
        },
    )
    assert "พื้นที่ไม่ตรงกับระดับ" in mismatch.content.decode()
    done = client.post(
        add,
        {
            "username": "betong-office",
            "level": "district",
            "district": place("ยะลา", "เบตง")[1].code,
            "display_name": "นายเบตง",
            "position_title": "ท้องถิ่นอำเภอเบตง",
        },
    )
    assert done.status_code == 302
    assert Supervision.objects.get(user__username="betong-office").district.name == "เบตง"
    client.force_login(cast.sam)
    assert client.get(reverse("admin:organisations_supervision_changelist")).status_code == 403
    change = client.get(reverse("admin:organisations_organisation_change", args=[cast.home.pk]))
    page = change.content.decode()
    assert 'name="district"' not in page and "เมืองยะลา" in page  # shown, not editable


@pytest.mark.django_db
def test_loading_the_areas_again_changes_nothing_and_renames_by_code():
    ensure_areas()
    District.objects.filter(code="9609").update(name="สุคิรินเดิม")
    out = io.StringIO()
    call_command("load_areas", stdout=out)
    assert "อำเภอ ๑ " in out.getvalue() and District.objects.get(code="9609").name == "สุคิริน"
    call_command("load_areas", stdout=out)
    assert "จังหวัด ๐ อำเภอ ๐" in out.getvalue()


@pytest.mark.django_db
def test_the_operator_places_an_organisation_the_migration_could_not_and_the_old_text_goes(
    client, cast, django_user_model
):
    Organisation.objects.filter(pk=cast.home.pk).update(
        province=None, district=None, location_as_typed="อำเภอก จังหวัดข"
    )
    client.force_login(django_user_model.objects.create_superuser("op", password="x"))
    url = reverse("admin:organisations_organisation_change", args=[cast.home.pk])
    assert "อำเภอก จังหวัดข" in client.get(url).content.decode()
    province, district = place("ยะลา", "เบตง")
    form = {"name": cast.home.name, "short_name": cast.home.short_name, "slug": cast.home.slug,
            "kind": "sao", "province": province.code, "district": district.code,
            "divisions-TOTAL_FORMS": 0, "divisions-INITIAL_FORMS": 0}  # fmt: skip
    assert client.post(url, form).status_code == 302
    cast.home.refresh_from_db()
    assert cast.home.location == "อำเภอเบตง จังหวัดยะลา" and cast.home.location_as_typed == ""
    assert "อำเภอก จังหวัดข" not in client.get(url).content.decode()
