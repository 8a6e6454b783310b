"""One organisation's pages, and the deployment's own admin, on a national-scale database,
against the same pages on a database holding only that organisation; measured in one run.

    .venv/bin/python bench/scale.py [--organisations 7850] [--rebuild] [--repeat 5]

Needs PostgreSQL (the production database): BENCH_DATABASE_URL names a database the script may
fill (default postgres://ita_ci:ita_ci@127.0.0.1:5432/ita_scale; the role needs CREATEDB). It
builds, once, with COPY: N organisations × 5 divisions, 3 people each, two fiscal years of 20
measures with 3 steps and both periods' progress (N=7,850: 314,000 measures, 942,000 steps,
628,000 progress entries), plus a one-organisation database of the same shape beside it. Each
page is timed (median of --repeat, after one warm-up) in a child process per database, with
its query count and size. The last line: `worst_page_ratio=… superuser_admin_ms=…`
(targets ≤ 1.5 and < 500 ms).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://ita_ci:ita_ci@127.0.0.1:5432/ita_scale"
DIVISIONS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษาฯ", "กองสาธารณสุขฯ"]
MEASURES, STEPS, YEARS = 20, 3, (2566, 2567)
PASSWORD = "bench-password"


def django_for(url: str):
    sys.path.insert(0, str(ROOT))
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="ita_portal.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


# ---------------------------------------------------------------- building the database


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
             ["id", "name", "short_name", "district", "province", "phone", "document_prefix",
              "emblem", "slug"],
             ((o, f"องค์การบริหารส่วนตำบลทดสอบที่ {o}", f"อบต.ทดสอบ{o}", "เมือง",
               f"จังหวัดที่ {o % 76 + 1}", "", f"นธ {o}", "", f"org-{o}") for o in ids))  # fmt: skip
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


def database_state(url: str, organisations: int) -> str:
    """'ready' if the database holds this many organisations, else why not."""
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://")) as connection:
            # The report is made last: with it, the build finished.
            count = connection.execute(
                "SELECT count(*) FROM measures_progressentry WHERE EXISTS "
                "(SELECT 1 FROM reports_report)"
            ).fetchone()[0]
            expected = organisations * len(YEARS) * MEASURES * 2
            return "ready" if count == expected else f"holds {count} progress entries"
    except psycopg.Error as error:
        return type(error).__name__


def recreate(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


# ---------------------------------------------------------------- timing the pages


def pages(ids: dict) -> dict[str, tuple[str, str]]:
    """Name: (username, path). Organisation 1's people, and the deployment's operator."""
    return {
        "staff: start page": ("staff-1", "/"),
        "staff: my measures": ("staff-1", "/measures/"),
        "staff: a measure": ("staff-1", f"/measures/{ids['measure']}/"),
        "staff: record progress": ("staff-1", f"/measures/{ids['measure']}/progress/1/"),
        "analyst: plans": ("analyst-1", "/measures/plans/"),
        "analyst: ITA results": ("analyst-1", "/ita-results/"),
        "analyst: an ITA result": ("analyst-1", "/ita-results/1/2566/"),
        "analyst: start page": ("analyst-1", "/"),
        "analyst: reports": ("analyst-1", "/reports/"),
        "analyst: the report": ("analyst-1", f"/reports/{ids['report']}/"),
        "analyst: the analysis": ("analyst-1", f"/reports/{ids['analysis']}/"),
        "analyst: ITA year at a glance": ("analyst-1", f"/ita-year/1/{YEARS[-1]}/"),
        "analyst: admin measures": ("analyst-1", "/admin/measures/measure/"),
        "analyst: admin progress": ("analyst-1", "/admin/measures/progressentry/"),
        "analyst: admin measure search": ("analyst-1", "/admin/measures/measure/?q=ขั้นตอนที่"),
        "site admin: admin people": ("site_admin-1", "/admin/organisations/membership/"),
        "operator: admin index": ("operator", "/admin/"),
        "operator: admin measures": ("operator", "/admin/measures/measure/"),
        "operator: admin measure search": ("operator", "/admin/measures/measure/?q=หน่วยงาน 1"),
        "operator: admin one organisation": ("operator", "/admin/measures/measure/?organisation=1"),
        "operator: admin its progress": (
            "operator",
            "/admin/measures/progressentry/?organisation=1",
        ),
        "operator: admin progress": ("operator", "/admin/measures/progressentry/"),
        "operator: admin progress search": ("operator", "/admin/measures/progressentry/?q=รอบที่ 2"),
        "operator: admin organisations": ("operator", "/admin/organisations/organisation/"),
        "operator: admin organisation search": (
            "operator",
            "/admin/organisations/organisation/?q=ทดสอบที่ 7",
        ),  # fmt: skip
        "operator: admin people": ("operator", "/admin/organisations/membership/"),
        "operator: admin divisions": ("operator", "/admin/organisations/division/"),
        "operator: admin fiscal years": ("operator", "/admin/measures/fiscalyear/"),
        "operator: admin reports": ("operator", "/admin/reports/report/"),
        "operator: admin ITA years": ("operator", "/admin/assessments/assessmentyear/"),
        "operator: admin ITA results": ("operator", "/admin/assessments/assessmentresult/"),
    }


def measure_pages(url: str, repeat: int) -> dict:
    """Run in a child process: time each page on the database at `url`."""
    django_for(url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from measures.models import Measure
    from reports.models import Report

    call_command("migrate", verbosity=0)  # the database was built by an earlier version
    settings.ALLOWED_HOSTS = ["testserver"]
    measures = Measure.objects.filter(fiscal_year__organisation_id=1, fiscal_year__year=YEARS[-1])
    reports = Report.objects.filter(fiscal_year__organisation_id=1, kind="report")
    ids = {
        "measure": measures.order_by("number").values_list("pk", flat=True)[1],
        "report": reports.values_list("pk", flat=True)[0],
        "analysis": _the_ita_year().pk,
    }
    clients, results = {}, {}
    for name, (username, path) in pages(ids).items():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(_user(username))
        client = clients[username]
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - start)
        slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
        results[name] = {
            "ms": 1000 * statistics.median(times),
            "queries": len(queries),
            "kb": len(response.content) / 1024,
            "slowest_ms": 1000 * float(slowest["time"]),
            "plan": plan_summary(connection, slowest["sql"]),
        }
    return results


def plan_summary(connection, sql: str) -> str:
    """How PostgreSQL reads the big tables for a query: the scans of its plan, in short."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        lines = [row[0] for row in cursor.fetchall()]
    scans = []
    for line in lines:
        text = line.strip().removeprefix("->  ")
        if " Scan " in f" {text}" and " on " in text:
            scan = text.split("  (")[0]
            if scan not in scans:
                scans.append(scan)
    return "; ".join(scans)


def _the_ita_year():
    """Organisation 1's ITA year (issue 18), made once on an existing database: its ITA 2566
    results, the analysis of FY 2567 drafted from them with two measures answering weaknesses,
    and ITA 2567's items due in five days for every organisation (the start pages show them)."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from assessments.models import AssessmentItem, AssessmentYear
    from assessments.services import ResultValues, results_write
    from measures.services.plan import measure_set_indicators
    from organisations.access import SYSTEM
    from organisations.models import Organisation
    from reports.analysis import analysis_create
    from reports.models import Report

    found = Report.objects.filter(fiscal_year__organisation_id=1, kind="analysis").first()
    if found is not None:
        return found
    ita = AssessmentYear.objects.get(year=YEARS[-1] - 1)
    indicators = list(ita.indicators.order_by("order"))
    scores = {indicator: Decimal(60 + 4 * index) for index, indicator in enumerate(indicators)}
    organisation = Organisation.objects.get(pk=1)
    values = ResultValues(organisation=organisation, total_score=Decimal("80"), level="B",
                          scores=scores)  # fmt: skip
    results_write(assessment_year=ita, values=[values], by=SYSTEM)
    analysis = analysis_create(organisation=organisation, year=YEARS[-1], author=_user("analyst-1"))
    for measure, indicator in zip(analysis.fiscal_year.measures.order_by("number"), indicators[:2]):
        measure_set_indicators(measure=measure, indicators=[indicator], by=SYSTEM)
    AssessmentItem.objects.filter(assessment_year__year=YEARS[-1]).update(
        due_date=timezone.localdate() + timedelta(days=5)
    )
    return analysis


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def child(args) -> dict:
    command = [sys.executable, __file__, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{' '.join(args[:1])} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--organisations", type=int, default=7850)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--child-build")
    parser.add_argument("--child-measure")
    args = parser.parse_args()
    if args.child_build:
        build(args.child_build, args.organisations)
        print(json.dumps({"built": True}))
        return
    if args.child_measure:
        print(json.dumps(measure_pages(args.child_measure, args.repeat)))
        return

    big = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    small = big + "_one"
    for url, count in ((big, args.organisations), (small, 1)):
        state = database_state(url, count)
        if args.rebuild or state != "ready":
            print(f"building {url.rsplit('/', 1)[1]} ({count} organisations; was: {state})")
            recreate(url)
            child(["--child-build", url, "--organisations", str(count)])
    one = child(["--child-measure", small, "--repeat", str(args.repeat)])
    national = child(["--child-measure", big, "--repeat", str(args.repeat)])

    print(
        f"{'page':38} {'one org ms':>10} {'national ms':>11} {'ratio':>6} {'queries':>9} {'KB':>6}"
    )
    ratios, operator_ms = [], []
    for name in one:
        a, b = one[name], national[name]
        ratio = b["ms"] / a["ms"]
        if name.startswith("operator"):
            operator_ms.append(b["ms"])
        else:
            ratios.append(ratio)
        print(f"{name:38} {a['ms']:10.1f} {b['ms']:11.1f} {ratio:6.2f} "
              f"{a['queries']:4d}/{b['queries']:<4d} {b['kb']:6.0f}")  # fmt: skip
    print("\nthe slowest query of each page on the national database, as EXPLAIN reads it:")
    for name, page in national.items():
        print(f"  {name}: {page['slowest_ms']:.1f} ms — {page['plan']}")
    print(f"worst_page_ratio={max(ratios):.2f} superuser_admin_ms={max(operator_ms):.0f}")


if __name__ == "__main__":
    main()
