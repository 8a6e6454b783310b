"""The databases bench/scale.py measures, built with COPY: N organisations, each in a real
district (geothai's, round the country), with 5 divisions, 3 people, two fiscal years of 20
measures of 3 steps with both periods' progress; and, for the supervisors' overview, ITA
results of two assessment years, plan announcements and 6-month reports in every state (some
published under their item, whose due dates have passed), and a supervisor of the nation, of
organisation 1's province and of its district."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIVISIONS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษาฯ", "กองสาธารณสุขฯ"]
MEASURES, STEPS, YEARS = 20, 3, (2566, 2567)
PASSWORD = "bench-password"
KIND_NAMES = {"sao": "องค์การบริหารส่วนตำบล", "subdistrict_municipality": "เทศบาลตำบล",
              "town_municipality": "เทศบาลเมือง"}  # fmt: skip
OVERSIGHT_TABLES = ["assessments_assessmentresult", "reports_report", "publishing_publication"]
# What each organisation's plan announcement and 6-month report of the latest year is, in turn.
STATES = [None, "draft", "in_review", "returned", "approved", "acknowledged", "published"]


def django_for(url: str):
    sys.path.insert(0, str(ROOT))
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="ita_portal.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def build(url: str, organisations: int) -> None:
    """Migrate and fill the database at `url` (run in a child process per database)."""
    django_for(url)
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.perf_counter()
    password = make_password(PASSWORD)
    tables = [
        "measures_organisation", "measures_division", "auth_user", "measures_membership",
        "measures_membership_divisions", "measures_fiscalyear", "measures_measure",
        "measures_measure_divisions", "measures_measurestep", "measures_progressentry",
        *OVERSIGHT_TABLES,
    ]  # fmt: skip
    raw = connection.cursor().connection
    with raw.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")

        def copy(table, columns, rows):
            quoted = ", ".join(f'"{column}"' for column in columns)
            with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as out:
                for row in rows:
                    out.write_row(row)

        ids = range(1, organisations + 1)
        copy("measures_organisation",
             ["id", "name", "short_name", "kind", "district_id", "province_id", "location_as_typed",
              "phone", "document_prefix", "emblem", "slug"],
             ((o, f"{KIND_NAMES[kind_of(o)]}ทดสอบที่ {o}", f"ทดสอบ{o}", kind_of(o), district_of(o),
               district_of(o)[:2], "", "", f"นธ {o}", "", f"org-{o}") for o in ids))  # fmt: skip
        copy("measures_division", ["id", "organisation_id", "name", "short_name", "order"],
             ((division_id(o, d), o, name, name, d + 1)
              for o in ids for d, name in enumerate(DIVISIONS)))  # fmt: skip
        people = ["staff", "analyst", "site_admin"]
        copy("auth_user",
             ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
              "is_staff", "is_active", "date_joined"],
             ((person_id(o, p), password, False, f"{role}-{o}", role, "", "",
               role != "staff", True, "2026-01-01T00:00:00Z")
              for o in ids for p, role in enumerate(people)))  # fmt: skip
        copy("measures_membership",
             ["id", "user_id", "organisation_id", "role", "display_name", "position_title"],
             ((person_id(o, p), person_id(o, p), o, role, f"{role} {o}", "ตำแหน่ง")
              for o in ids for p, role in enumerate(people)))  # fmt: skip
        copy("measures_membership_divisions", ["membership_id", "division_id"],
             ((person_id(o, 0), division_id(o, 1)) for o in ids))  # fmt: skip
        copy(
            "measures_fiscalyear",
            ["id", "organisation_id", "year"],
            ((year_id(o, y), o, year) for o in ids for y, year in enumerate(YEARS)),
        )
        copy("measures_measure",
             ["id", "fiscal_year_id", "number", "label", "title", "all_divisions"],
             ((measure_id(o, y, n), year_id(o, y), n + 1, "",
               f"มาตรการการเผยแพร่ข้อมูลข่าวสารที่ {n + 1} ของปี {YEARS[y]} หน่วยงาน {o}", False)
              for o in ids for y in range(2) for n in range(MEASURES)))  # fmt: skip
        copy("measures_measure_divisions", ["measure_id", "division_id"],
             ((measure_id(o, y, n), division_id(o, n % len(DIVISIONS)))
              for o in ids for y in range(2) for n in range(MEASURES)))  # fmt: skip
        copy("measures_measurestep", ["measure_id", "position", "text"],
             ((measure_id(o, y, n), s + 1, f"ขั้นตอนที่ {s + 1} จัดทำประกาศและเผยแพร่ทางเว็บไซต์")
              for o in ids for y in range(2) for n in range(MEASURES)
              for s in range(STEPS)))  # fmt: skip
        copy("measures_progressentry",
             ["measure_id", "period", "status", "result", "follow_up", "updated_at", "version"],
             ((measure_id(o, y, n), period, "done" if n % 3 else "in_progress",
               f"ดำเนินการแล้ว เผยแพร่ทางเว็บไซต์ของหน่วยงาน {o} รอบที่ {period}", "",
               "2026-03-31T00:00:00Z", 1)
              for o in ids for y in range(2) for n in range(MEASURES)
              for period in (1, 2)))  # fmt: skip
        oversight_data(copy, cursor, ids)
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        cursor.execute("ANALYZE")
    raw.commit()
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("operator", "", PASSWORD)
    supervisors()
    _first_report()
    print(f"built {organisations} organisations in {time.perf_counter() - started:.0f} s")


def division_id(organisation, index):
    return (organisation - 1) * len(DIVISIONS) + index + 1


def person_id(organisation, index):
    return (organisation - 1) * 3 + index + 1


def year_id(organisation, index):
    return (organisation - 1) * 2 + index + 1


def measure_id(organisation, year, number):
    return ((organisation - 1) * 2 + year) * MEASURES + number + 1


def _first_report():
    """A draft report of organisation 1's latest year, for the analyst's pages."""
    from measures.models import FiscalYear
    from organisations.models import Membership
    from reports.services import report_create

    analyst = Membership.objects.get(organisation_id=1, role="analyst").user
    report_create(fiscal_year=FiscalYear.objects.get(organisation_id=1, year=YEARS[-1]),
                  period=1, author=analyst)  # fmt: skip


def district_codes() -> list[str]:
    import geothai

    provinces = [p.code for p in geothai.provinces() if p.code != "10"]  # Bangkok has no LAOs
    return [d.code for code in provinces for d in geothai.districts(code)]


_DISTRICTS = []


def district_of(organisation) -> str:
    if not _DISTRICTS:
        _DISTRICTS.extend(district_codes())
    return _DISTRICTS[(organisation - 1) % len(_DISTRICTS)]


def kind_of(organisation) -> str:
    if organisation % 50 == 0:
        return "town_municipality"
    return "subdistrict_municipality" if organisation % 5 == 0 else "sao"


def score_of(organisation, year) -> str:
    return f"{55 + (organisation * 7 + year) % 45}.{organisation % 100:02d}"


def oversight_data(copy, cursor, ids) -> None:
    """ITA results of the years of the plans; the latest plan's announcement and 6-month report
    in every state, a published one under its item (due dates set in the past)."""
    cursor.execute("SELECT year, id FROM publishing_assessmentyear")
    assessment_years = dict(cursor.fetchall())
    copy("assessments_assessmentresult",
         ["organisation_id", "assessment_year_id", "total_score", "level", "updated_at"],
         ((o, assessment_years[year], score_of(o, year), "A", "2026-09-01T00:00:00Z")
          for o in ids if o % 10 for year in YEARS))  # fmt: skip
    year = YEARS[-1]
    cursor.execute(
        "UPDATE publishing_assessmentitem SET due_date = %s WHERE assessment_year_id = %s",
        ["2024-06-30", assessment_years[year]],
    )
    cursor.execute(
        "SELECT document_kind, id FROM publishing_assessmentitem WHERE assessment_year_id = %s",
        [assessment_years[year]],
    )
    items = dict(cursor.fetchall())
    documents = [
        (report_id(o, kind), o, kind, state)
        for o in ids if o > 1  # organisation 1's report is made by its analyst (the pages)
        for kind, turn in (("plan", o), ("report", o // 3))
        if (state := STATES[turn % len(STATES)])
    ]  # fmt: skip
    copy("reports_report",
         ["id", "fiscal_year_id", "kind", "period", "revision", "state", "round", "department",
          "phone", "document_number", "subject", "addressee", "body", "closing", "author_name",
          "author_position", "created_at", "updated_at"],
         ((pk, year_id(o, 1), kind, 1 if kind == "report" else None, 1,
           "acknowledged" if state == "published" else state, 1, "", "", "", "รายงาน", "",
           "ข้อความ", "จึงเรียนมาเพื่อโปรดทราบ", "นักวิเคราะห์", "นักวิเคราะห์นโยบายและแผน",
           "2024-04-01T00:00:00Z", "2024-04-01T00:00:00Z")
          for pk, o, kind, state in documents))  # fmt: skip
    copy("publishing_publication",
         ["document_id", "path", "item_id", "published_at", "withdrawn_reason"],
         ((pk, f"org-{o}/{year}/{kind}", items.get(kind), "2024-05-01T00:00:00Z", "")
          for pk, o, kind, state in documents if state == "published"))  # fmt: skip


def report_id(organisation, kind) -> int:
    return organisation * 2 + (kind == "report")


def supervisors() -> None:
    from organisations.access import SYSTEM
    from organisations.models import Organisation, Supervision
    from organisations.supervision import supervision_grant

    first = Organisation.objects.select_related("district", "province").get(pk=1)
    for username, level, area in (
        ("national", Supervision.Level.NATION, {}),
        ("province", Supervision.Level.PROVINCE, {"province": first.province}),
        ("district", Supervision.Level.DISTRICT, {"district": first.district}),
    ):
        user = supervision_grant(by=SYSTEM, username=username, level=level, display_name=username,
                                 position_title="ท้องถิ่น", **area).user  # fmt: skip
        user.set_password(PASSWORD)
        user.save()
