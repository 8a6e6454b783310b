"""The production stack under load, measured in one run: bin/run-production (nginx, gunicorn,
the worker) on the national-scale PostgreSQL database of bench/scale.py, driven by locust
(bench/locustfile.py) from the same machine.

    .venv/bin/python bench/load.py [--seconds 60] [--staff 50] [--think-staff 200]

Two runs: --staff people of different organisations without a pause (sign in, my measures, a
measure, the progress form, save), with 5 planning analysts downloading their report's PDF; then
--think-staff people pausing ~10 s before each request (reading, typing). Each person signs in
once; the figures start when everyone has (the sign-ins are reported apart: their password
hashing is slow on purpose).
Prints requests/s, p50/p95/p99, each kind of request, errors, and lost updates: saves the page
confirmed that the database does not hold. Targets (issue 12): 0 errors, 0 lost updates,
>= 40 requests/s without a pause, p95 < 300 ms with the pause.
The last line: `requests_per_s=… p95_ms=… think_p95_ms=… errors=… lost_updates=…`.
"""

import argparse
import csv
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import DEFAULT_URL, YEARS, database_state, django_for, recreate

ROOT = Path(__file__).resolve().parent.parent
HTTP_PORT, GUNICORN_PORT = 8095, 8096
ANALYSTS = 5


def analyst_organisations(organisations: int) -> range:
    """The analysts' organisations: the last ones, whose plans no staff of the run edits."""
    return range(organisations, organisations - ANALYSTS, -1)


def prepare(url: str, people: int, organisations: int) -> dict[str, int]:
    """Reports for the analysts' organisations; the versions of the staff's progress entries."""
    django_for(url)
    from measures.models import FiscalYear, ProgressEntry
    from organisations.models import Membership
    from reports.models import Report
    from reports.services import report_create

    for number in analyst_organisations(organisations):
        plan = FiscalYear.objects.get(organisation_id=number, year=YEARS[-1])
        if not Report.objects.filter(fiscal_year=plan).exists():
            analyst = Membership.objects.get(organisation_id=number, role="analyst").user
            report_create(fiscal_year=plan, period=1, author=analyst)
    entries = ProgressEntry.objects.filter(
        period=1, measure__fiscal_year__year=YEARS[-1],
        measure__fiscal_year__organisation_id__lte=people,
    )  # fmt: skip
    return {
        f"/measures/{measure}/progress/1/": version
        for measure, version in entries.values_list("measure_id", "version")
    }


def lost_updates(before: dict[str, int], saves: dict[str, int]) -> int:
    from measures.models import ProgressEntry

    after = {
        f"/measures/{measure}/progress/1/": version
        for measure, version in ProgressEntry.objects.filter(
            period=1, measure_id__in=[int(path.split("/")[2]) for path in saves]
        ).values_list("measure_id", "version")
    }
    return sum(max(0, saves[path] - (after[path] - before[path])) for path in saves)


def start_stack(url: str, workdir: Path) -> subprocess.Popen:
    environment = {
        **os.environ, "DATABASE_URL": url, "VAR_DIR": str(workdir), "HTTP_PORT": str(HTTP_PORT),
        "GUNICORN_BIND": f"127.0.0.1:{GUNICORN_PORT}", "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING", "DEBUG": "0",
        # Every simulated person signs in from this one machine's address.
        "SIGN_IN_PER_MINUTE": "1000000",
    }  # fmt: skip
    stack = subprocess.Popen(
        [str(ROOT / "bin" / "run-production")], env=environment, cwd=ROOT,
        stdout=open(workdir / "stack.log", "w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    for _ in range(120):
        if "==> ready" in (workdir / "stack.log").read_text():
            return stack
        if stack.poll() is not None:
            break
        time.sleep(1)
    sys.exit("bin/run-production did not start:\n" + (workdir / "stack.log").read_text()[-3000:])


def run_locust(workdir: Path, name: str, users: int, spawn_rate: int, seconds: int, think: float):
    prefix = workdir / name
    # Starting everyone and their sign-ins (about 0.25 s of a core each) come before the figures.
    warmup = users // spawn_rate + int(users * 0.25 / 2) + 5
    saves_file = workdir / f"{name}-saves.json"
    environment = {
        **os.environ, "LOAD_THINK_SECONDS": str(think), "LOAD_SAVES_FILE": str(saves_file),
        "LOAD_SIGN_IN_FILE": str(workdir / f"{name}-sign-in.json"),
    }  # fmt: skip
    run_time = f"{seconds + warmup}s"
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
         "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", run_time,
         "--host", f"http://127.0.0.1:{HTTP_PORT}", "--csv", str(prefix),
         "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
        env=environment, check=False, capture_output=True,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    saves = json.loads(saves_file.read_text()) if saves_file.exists() else {}
    sign_in_file = workdir / f"{name}-sign-in.json"
    sign_in = json.loads(sign_in_file.read_text()) if sign_in_file.exists() else {}
    return rows, saves, sign_in


def figures(rows) -> dict:
    total = rows["Aggregated"]
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--staff", type=int, default=50)
    parser.add_argument("--think-staff", type=int, default=200)
    parser.add_argument("--think-seconds", type=int, default=90)
    parser.add_argument("--organisations", type=int, default=7850)
    args = parser.parse_args()
    if importlib.util.find_spec("locust") is None:
        sys.exit('locust is missing: .venv/bin/pip install -e ".[bench]"')

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if database_state(url, args.organisations) != "ready":
        print(f"building the national database ({args.organisations} organisations)")
        recreate(url)
        subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), "--child-build", url,
                        "--organisations", str(args.organisations)], check=True)  # fmt: skip
    before = prepare(url, max(args.staff, args.think_staff), args.organisations)
    workdir = Path(tempfile.mkdtemp(prefix="ita-load-"))
    stack = start_stack(url, workdir)
    try:
        runs = {}
        for name, users, think, seconds, rate in (
            ("no-pause", args.staff, 0, args.seconds, args.staff),
            ("think", args.think_staff, 10, args.think_seconds, 10),
        ):
            rows, saves, sign_in = run_locust(workdir, name, users + ANALYSTS, rate, seconds, think)
            lost = lost_updates(before, saves)
            before.update({path: before[path] + count for path, count in saves.items()})
            runs[name] = {**figures(rows), "lost": lost, "saves": sum(saves.values())}
            result = runs[name]
            print(f"{name}: {users} staff + {ANALYSTS} analysts, {seconds} s, think {think} s: "
                  f"{result['requests']} requests, {result['rps']:.1f}/s, "
                  f"p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms, "
                  f"p99 {result['p99']:.0f} ms, errors {result['errors']}, "
                  f"saves {result['saves']}, lost {lost}")  # fmt: skip
            print(f"    before that, {sign_in.get('count')} sign-ins: median "
                  f"{sign_in.get('median_ms')} ms, p95 {sign_in.get('p95_ms')} ms")  # fmt: skip
            for row_name, row in rows.items():
                print(f"    {row_name:16} {row['Request Count']:>6} requests  median "
                      f"{row['Median Response Time']:>6} ms  p95 {row['95%']:>6} ms  "
                      f"failures {row['Failure Count']}")  # fmt: skip
    finally:
        os.killpg(stack.pid, signal.SIGTERM)
        stack.wait(timeout=60)
    fast, slow = runs["no-pause"], runs["think"]
    print(f"requests_per_s={fast['rps']:.1f} p95_ms={fast['p95']:.0f} "
          f"think_p95_ms={slow['p95']:.0f} errors={fast['errors'] + slow['errors']} "
          f"lost_updates={fast['lost'] + slow['lost']}")  # fmt: skip


if __name__ == "__main__":
    main()
