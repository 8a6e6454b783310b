"""One organisation's pages, and the deployment's own admin, on a national-scale database,
against the same pages on a database holding only that organisation; measured in one run.

    .venv/bin/python bench/scale.py [--organisations 7850] [--rebuild] [--repeat 5]

Needs PostgreSQL (the production database): BENCH_DATABASE_URL names a database the script may
fill (default postgres://ita_ci:ita_ci@127.0.0.1:5432/ita_scale; the role needs CREATEDB). It
builds, once, with COPY: N organisations × 5 divisions, 3 people each, two fiscal years of 20
measures with 3 steps and both periods' progress (N=7,850: 314,000 measures, 942,000 steps,
628,000 progress entries), plus a one-organisation database of the same shape beside it. Each
page is timed (median of --repeat, after one warm-up) in a child process per database, with
its query count and size. The last line: `worst_page_ratio=… superuser_admin_ms=…
oversight_ms=…` (targets ≤ 1.5, < 500 ms and < 300 ms: the slowest supervisors' overview on the
national database; bench/_scale_data.py says what the databases hold).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _scale_data import MEASURES, YEARS, build, django_for  # noqa: E402

DEFAULT_URL = "postgres://ita_ci:ita_ci@127.0.0.1:5432/ita_scale"


def database_state(url: str, organisations: int) -> str:
    """'ready' if the database holds this many organisations, else why not."""
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://")) as connection:
            # The report is made last: with it, the build finished.
            count = connection.execute(
                "SELECT count(*) FROM measures_progressentry WHERE EXISTS "
                "(SELECT 1 FROM reports_report) "
                "AND EXISTS (SELECT 1 FROM organisations_supervision)"
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
        "supervisor: national overview": ("national", "/oversight/"),
        "supervisor: national, one province": (
            "national",
            f"/oversight/?province={ids['province']}",
        ),
        "supervisor: national, overdue by score": ("national", "/oversight/?overdue=1&sort=score"),
        "supervisor: province overview": ("province", "/oversight/"),
        "supervisor: district overview": ("district", "/oversight/"),
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
    from organisations.models import Organisation
    from reports.models import Report

    call_command("migrate", verbosity=0)  # the database was built by an earlier version
    settings.ALLOWED_HOSTS = ["testserver"]
    measures = Measure.objects.filter(fiscal_year__organisation_id=1, fiscal_year__year=YEARS[-1])
    reports = Report.objects.filter(fiscal_year__organisation_id=1, kind="report")
    ids = {
        "measure": measures.order_by("number").values_list("pk", flat=True)[1],
        "report": reports.values_list("pk", flat=True)[0],
        "analysis": _the_ita_year().pk,
        "province": Organisation.objects.get(pk=1).province_id,
    }
    clients, results = {}, {}
    for name, (username, path) in pages(ids).items():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(_user(username))
        client = clients[username]
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        times, cpu = [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
        slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
        results[name] = {
            "ms": 1000 * statistics.median(times),
            "cpu_ms": 1000 * statistics.median(cpu),
            "queries": len(queries),
            "kb": len(response.content) / 1024,
            "slowest_ms": 1000 * float(slowest["time"]),
            "sql_ms": 1000 * sum(float(query["time"]) for query in queries.captured_queries),
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
    ratios, operator_ms, oversight_ms = [], [], []
    for name in one:
        a, b = one[name], national[name]
        ratio = b["ms"] / a["ms"]
        if name.startswith("operator"):
            operator_ms.append(b["ms"])
        elif name.startswith("supervisor"):
            oversight_ms.append(b["ms"])
        else:
            ratios.append(ratio)
        print(f"{name:38} {a['ms']:10.1f} {b['ms']:11.1f} {ratio:6.2f} "
              f"{a['queries']:4d}/{b['queries']:<4d} {b['kb']:6.0f}")  # fmt: skip
    print("\nthe supervisors' pages on the national database: wall / this process's CPU / SQL")
    for name, page in national.items():
        if name.startswith("supervisor"):
            sql = page["sql_ms"]
            print(f"  {name}: {page['ms']:.0f} / {page['cpu_ms']:.0f} / {sql:.0f} ms")
    print("\nthe slowest query of each page on the national database, as EXPLAIN reads it:")
    for name, page in national.items():
        print(f"  {name}: {page['slowest_ms']:.1f} ms — {page['plan']}")
    print(f"worst_page_ratio={max(ratios):.2f} superuser_admin_ms={max(operator_ms):.0f} "
          f"oversight_ms={max(oversight_ms):.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
