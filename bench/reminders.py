"""The worker's daily pass of reminders (operations/reminders.py) on the national-scale database
of bench/scale.py: every organisation's ITA items due (ITA 2567's, due in five days: each
organisation owes its analysis and plan, and its staff the measures of the 6-month report),
what each person owes and whether they were told before; measured without sending.

    .venv/bin/python bench/reminders.py     # after bench/scale.py has built its databases

Last line: `reminders_s=… reminders=… queries=… organisations=…`.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import DEFAULT_URL, django_for  # noqa: E402


def measure(url: str) -> dict:
    django_for(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from scale import _the_ita_year

    from operations.reminders import reminders_due
    from organisations.models import Organisation

    _the_ita_year()  # due dates set, organisation 1's analysis made
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        found = reminders_due(today)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "reminders": len(found),
        "queries": len(queries),
        "organisations": Organisation.objects.count(),
    }


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2])))
        return
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    result = child_of(url)
    print(
        f"reminders_s={result['seconds']:.1f} reminders={result['reminders']} "
        f"queries={result['queries']} organisations={result['organisations']}"
    )


def child_of(url):
    import subprocess

    done = subprocess.run([sys.executable, __file__, "--child", url], capture_output=True,
                          text=True, check=False)  # fmt: skip
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
