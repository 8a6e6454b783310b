"""The public pages at the national peak, measured in one run: bin/run-production (nginx with its
cache, gunicorn, the worker) on the national database of bench/scale.py, where every one of
the 7,850 organisations has published its measures' announcement and its 6-month report
(bench/published.py, PDFs stored on the local disk), driven by locust
(bench/public_locustfile.py) from the same machine.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/public_load.py [--visitors 200] [--rate 2.5] [--seconds 60]
                                          [--warm-seconds 120] [--popularity zipf|uniform]
                                          [--port 8097]

Visitors without an account read organisations' pages, their ITA tables, documents' pages and
the PDFs, each at most --rate requests a second: first for --warm-seconds from an empty nginx
cache (the window's first minutes, printed as "cold"), then, with the same stack and cache, for
--seconds (the measured run: the assessment window lasts weeks, its peak finds nginx's copies
of what visitors read made and kept fresh in the background). Prints requests/s, p50/p95/p99
per kind of request, errors, how often nginx's copy answered, and the bytes of PDF that came
from the app (nginx's log: $upstream_response_length of every PDF request; 0 when the app only
names the file, X-Accel-Redirect). Targets (issue 19): >= 400 requests/s and p95 < 100 ms at 200
visitors, 0 errors, no PDF byte through Python after the first request. The machine's load
average before and after is printed: other work on it slows everything.
The last line: `public_rps=… public_p95_ms=… pdf_python_bytes=…`.
"""

import argparse
import csv
import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from published import published_state
from scale import DEFAULT_URL, database_state, recreate

ROOT = Path(__file__).resolve().parent.parent
LOG_LINE = re.compile(
    r'^(?P<client>\S+) \[[^]]*\] "GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) \d+ '
    r"cache=(?P<cache>\S*) upstream_bytes=(?P<bytes>\S*)"
)


def documents_root(url: str) -> Path:
    return ROOT / "var" / "bench" / url.rsplit("/", 1)[1] / "documents"


def ready_database(url: str, organisations: int) -> None:
    if database_state(url, organisations) != "ready":
        print(f"building the national database ({organisations} organisations)")
        recreate(url)
        subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), "--child-build", url,
                        "--organisations", str(organisations)], check=True)  # fmt: skip
    state = published_state(url, organisations, documents_root(url))
    if state != "ready":
        print(f"publishing every organisation's documents (was: {state})")
        if "holds 0 " not in state and "files" not in state:
            sys.exit(f"the database {state}: rebuild it (bench/scale.py --rebuild)")
        subprocess.run([sys.executable, str(ROOT / "bench" / "published.py"), url,
                        str(documents_root(url)), "--organisations", str(organisations)],
                       check=True)  # fmt: skip


def start_stack(url: str, port: int) -> tuple[subprocess.Popen, Path]:
    workdir = ROOT / "var" / "public-load"
    workdir.mkdir(parents=True, exist_ok=True)
    environment = {
        **os.environ, "DATABASE_URL": url, "VAR_DIR": str(workdir),
        "DOCUMENTS_ROOT": str(documents_root(url)), "STORAGE": "local",
        "HTTP_PORT": str(port), "GUNICORN_BIND": f"unix:{workdir / 'gunicorn.sock'}",
        "SITE_URL": f"http://127.0.0.1:{port}", "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING", "DEBUG": "0",
    }  # fmt: skip
    log = workdir / "stack.log"
    stack = subprocess.Popen(
        [str(ROOT / "bin" / "run-production")], env=environment, cwd=ROOT,
        stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    for _ in range(180):
        if "==> ready" in log.read_text():
            return stack, ROOT / "var" / "production" / "nginx" / "access.log"
        if stack.poll() is not None:
            break
        time.sleep(1)
    sys.exit("bin/run-production did not start:\n" + log.read_text()[-3000:])


def run_locust(args, workdir: Path, seconds: int, name: str) -> dict:
    prefix = workdir / name
    spawn_rate = 50
    environment = {
        **os.environ, "PUBLIC_ORGANISATIONS": str(args.organisations),
        "PUBLIC_POPULARITY": args.popularity, "PUBLIC_RATE": str(args.rate),
    }  # fmt: skip
    run_time = seconds + args.visitors // spawn_rate + 2
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "public_locustfile.py"),
         "--headless", "--users", str(args.visitors), "--spawn-rate", str(spawn_rate),
         "--run-time", f"{run_time}s", "--host", f"http://127.0.0.1:{args.port}",
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "5"],
        env=environment, check=False, capture_output=True,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def read_access_log(path: Path) -> dict:
    """PDF bytes the app sent (all, and after each address's first request); how nginx's copy
    answered the pages, and the PDF addresses (nginx's second tier, whose lines come from
    "unix:", keeps the app's answer naming the file)."""
    pdf_bytes = pdf_bytes_after_first = 0
    seen, caches, pdf_caches = set(), Counter(), Counter()
    for line in path.read_text().splitlines():
        match = LOG_LINE.search(line)
        if not match:
            continue
        sent = int(match["bytes"]) if match["bytes"].isdigit() else 0
        if not match["path"].endswith("/pdf/"):
            caches[match["cache"] or "-"] += 1
        elif match["client"] == "unix:" or match["cache"] not in ("", "-"):
            # What the app sent for a PDF address (the main server's line only repeats it).
            pdf_bytes += sent
            if match["path"] in seen:
                pdf_bytes_after_first += sent
            seen.add(match["path"])
            pdf_caches[match["cache"] or "-"] += 1
    return {"pdf_bytes": pdf_bytes, "after_first": pdf_bytes_after_first, "caches": caches,
            "pdf_caches": pdf_caches}  # fmt: skip


def print_rows(rows: dict) -> None:
    for name, row in rows.items():
        print(f"    {name:12} {row['Request Count']:>7} requests {float(row['Requests/s']):7.1f}/s"
              f"  median {row['50%']:>5} ms  p95 {row['95%']:>5} ms  p99 {row['99%']:>5} ms"
              f"  failures {row['Failure Count']}")  # fmt: skip


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visitors", type=int, default=200)
    parser.add_argument("--rate", type=float, default=2.5)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--warm-seconds", type=int, default=120)
    parser.add_argument("--popularity", choices=["zipf", "uniform"], default="zipf")
    parser.add_argument("--organisations", type=int, default=7850)
    parser.add_argument("--port", type=int, default=8097)
    args = parser.parse_args()
    if importlib.util.find_spec("locust") is None:
        sys.exit('locust is missing: .venv/bin/pip install -e ".[bench]"')

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ready_database(url, args.organisations)
    before = load_average()
    stack, access_log = start_stack(url, args.port)
    try:
        workdir = ROOT / "var" / "public-load"
        cold = run_locust(args, workdir, args.warm_seconds, "cold") if args.warm_seconds else {}
        access_log.write_text("")  # count the measured run's requests only
        rows = run_locust(args, workdir, args.seconds, "public")
        after = load_average()
        time.sleep(1)  # nginx writes its last lines
        log = read_access_log(access_log)
    finally:
        os.killpg(stack.pid, signal.SIGTERM)
        stack.wait(timeout=60)
    total = rows["Aggregated"]
    print(f"{args.visitors} visitors, at most {args.rate}/s each, {args.popularity} popularity "
          f"over {args.organisations} organisations; load average before {before}, at the end "
          f"{after}")  # fmt: skip
    if cold:
        print(f"  cold: the first {args.warm_seconds} s, from an empty cache")
        print_rows(cold)
    print(f"  measured: the next {args.seconds} s")
    print_rows(rows)
    pages = sum(log["caches"].values())
    print(f"    pages answered by nginx's copy: {log['caches'].get('HIT', 0)} of {pages} "
          f"({dict(log['caches'])})")  # fmt: skip
    pdfs = sum(log["pdf_caches"].values())
    print(f"    PDF addresses answered by nginx's copy of the app's answer: "
          f"{log['pdf_caches'].get('HIT', 0)} of {pdfs} ({dict(log['pdf_caches'])})")  # fmt: skip
    print(f"    PDF bytes from the app: {log['pdf_bytes']} "
          f"(after each PDF's first request: {log['after_first']})")  # fmt: skip
    print(f"public_rps={float(total['Requests/s']):.1f} public_p95_ms={float(total['95%']):.0f} "
          f"errors={total['Failure Count']} pdf_python_bytes={log['pdf_bytes']}")  # fmt: skip


if __name__ == "__main__":
    main()
