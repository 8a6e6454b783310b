"""Where a staff page's CPU goes: each page of a staff member's loop (my measures, a measure,
the progress form, saving it) on the national-scale database of bench/scale.py, with DEBUG off
and the production middleware, timed by the process's CPU clock and profiled with cProfile.

    .venv/bin/python bench/profile_pages.py [--repeat 50] [--top 12]

Prints each page's CPU ms per request (median of --repeat) and, for the whole loop, the
functions with the most cumulative time that belong to the project, Django's template engine,
the ORM and the database driver. The last line: `staff_loop_cpu_ms=… worst_page_cpu_ms=…`.
"""

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import tempfile
import time

from scale import DEFAULT_URL, YEARS, django_for

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
PROJECT = ("ita_portal", "thai", "organisations", "measures", "reports", "publishing", "operations")
GROUPS = {
    "templates (Django)": ("django/template/", "django/templatetags/", "django/forms/"),
    "ORM (Django)": ("django/db/models/", "django/db/utils", "django/db/transaction"),
    "database driver": ("psycopg/", "django/db/backends/"),
    "middleware, sessions, auth": (
        "django/contrib/sessions/",
        "django/contrib/auth/",
        "django/middleware/",
        "csp/",
        "axes/",
    ),  # fmt: skip
    "history (simple-history)": ("simple_history/",),
}


def part_of(path: str) -> str:
    if "site-packages" not in path and any(f"/{name}/" in path for name in PROJECT):
        return "the project's own code"
    for group, prefixes in GROUPS.items():
        if any(prefix in path for prefix in prefixes):
            return group
    return "Python built-ins (C)" if path == "~" else "other libraries and Django"


def loop(client, measure: int):
    """One pass of the staff member's loop, as bench/locustfile.py walks it."""
    progress = f"/measures/{measure}/progress/1/"
    yield "my measures", lambda: client.get("/measures/")
    yield "a measure", lambda: client.get(f"/measures/{measure}/")
    yield "progress form", lambda: client.get(progress)

    def save():
        fields = dict(HIDDEN.findall(client.get(progress).content.decode()))
        return client.post(progress, {**fields, "status": "done", "result": "ดำเนินการแล้ว"})

    yield "save (with its form)", save


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ.update(SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0")
    os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="ita-profile-static-")
    django_for(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest DEBUG=0 reads

    from measures.models import Measure

    settings.ALLOWED_HOSTS = ["testserver"]
    measure = Measure.objects.filter(
        fiscal_year__organisation_id=1, fiscal_year__year=YEARS[-1], number=2
    ).values_list("pk", flat=True)[0]
    client = Client()
    client.force_login(get_user_model().objects.get(username="staff-1"))
    cpu = {}
    for name, request in loop(client, measure):
        assert request().status_code in (200, 302), name
        times = []
        for _ in range(args.repeat):
            start = time.process_time()
            request()
            times.append(1000 * (time.process_time() - start))
        cpu[name] = statistics.median(times)
        print(f"{name:22} {cpu[name]:6.1f} ms CPU per request")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeat):
        for _name, request in loop(client, measure):
            request()
    profile.disable()
    stats = pstats.Stats(profile)
    parts: dict[str, float] = {}
    for (path, _line, _name), row in stats.stats.items():
        parts[part_of(path)] = parts.get(part_of(path), 0) + row[2]  # the function's own time
    total = sum(parts.values())
    print(f"\nown time by part, over {args.repeat} loops ({1000 * total / args.repeat:.0f} ms a "
          "loop, with the profiler's overhead):")  # fmt: skip
    for part, own in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"  {part:30} {100 * own / total:5.1f} %")
    print("\nthe project's functions with the most cumulative time:")
    stats.sort_stats("cumulative").print_stats(
        rf"/({'|'.join(PROJECT)})/(?!.*site-packages)", args.top
    )
    loop_ms = cpu["my measures"] + cpu["a measure"] + cpu["progress form"]
    loop_ms += cpu["save (with its form)"]
    print(f"staff_loop_cpu_ms={loop_ms:.0f} worst_page_cpu_ms={max(cpu.values()):.0f}")


if __name__ == "__main__":
    sys.exit(main())
