"""How fast the report renders, against Chromium printing the same HTML, measured in one run.

    .venv/bin/python bench/render_report.py [--repeat 3]

(a) the demo report (17 measures) and (b) a synthetic plan of 170 measures (the seed's measures
ten times over, the same text density), each rendered to PDF in this warm process as the worker
renders a draft (`report_pdf`, the one door from a report to PDF), against Chromium headless
printing the same HTML to PDF as a whole process. Then serving the demo's
stored PDF. Uses its own temporary SQLite database. The last line is

    seed_vs_chromium=… large_vs_chromium=… cached_ms=… final_sign_s=… seed_table_pages=…
    signed_table_pages=…

Targets (issue 3): seed ≤ 1.0, large ≤ 2.0, cached < 50 ms, peak memory for (b) < 400 MB;
(issue 10) signing the finished seed report adds < 0.3 s; (issue 17) the seed report's table
takes at most 7 landscape pages, as a draft and as the signed document (whose verification
mark at the foot of every page leaves the table less room).
"""

import argparse
import resource
import shutil
import statistics
import subprocess
import tempfile
import time

from _setup import ROOT, temporary_django

WORKDIR = temporary_django("ita-bench-")

from django.db import transaction  # noqa: E402

from measures.demo import load_demo, read_demo_fixture  # noqa: E402
from measures.models import FiscalYear, Measure  # noqa: E402
from measures.services.plan import (  # noqa: E402
    measure_save,
    measure_set_divisions,
    measure_set_steps,
)
from measures.services.progress import progress_save  # noqa: E402
from organisations.access import SYSTEM  # noqa: E402
from reports.demo import load_demo_report  # noqa: E402
from reports.pdf.signing import make_demo_certificate, sign_pdf  # noqa: E402
from reports.rendering import report_html, report_pdf  # noqa: E402
from reports.services import report_create  # noqa: E402
from reports.stored_pdfs import stored_bytes, stored_report_pdf  # noqa: E402
from tests.cast import advance  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def signed_seed_report(report) -> bytes:
    """The seed report taken through the chain of superiors: its final, signed PDF."""
    report = advance(report, comment="เห็นควรทราบ", approval="เห็นควรทราบ")
    return stored_bytes(stored_report_pdf(report))


def landscape_pages(pdf: bytes) -> int:
    """The table's pages: the memo is portrait, the table landscape."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    sizes = [document[index].get_size() for index in range(len(document))]
    return sum(width > height for width, height in sizes)


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def chromium_print(html: str, name: str) -> float:
    """Seconds for a whole Chromium process to print the HTML to PDF."""
    static = (ROOT / "static").as_uri()
    page = WORKDIR / f"{name}.html"
    page.write_text(html.replace('"/static/', f'"{static}/'), encoding="utf-8")
    profile = tempfile.mkdtemp(dir=WORKDIR)
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
        f"--print-to-pdf={WORKDIR / (name + '-chromium.pdf')}", page.as_uri(),
    ]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def large_plan(seed_year: FiscalYear, copies: int = 10):
    """The seed's measures `copies` times over, in a new fiscal year, with a report."""
    fiscal_year = FiscalYear.objects.create(organisation=seed_year.organisation, year=2600)
    seed = list(seed_year.measures.prefetch_related("steps", "divisions", "progress_entries"))
    number = 0
    for _ in range(copies):
        for source in seed:
            number += 1
            measure = measure_save(
                measure=Measure(fiscal_year=fiscal_year, number=number, title=source.title),
                by=SYSTEM,
            )
            measure_set_divisions(
                measure=measure, divisions=list(source.divisions.all()),
                all_divisions=source.all_divisions, by=SYSTEM,
            )  # fmt: skip
            measure_set_steps(
                measure=measure, texts=[s.text for s in source.steps.all()], by=SYSTEM
            )
            entry = source.progress_entries.get(period=1)
            progress_save(
                measure=measure, period=1, by=SYSTEM, version=None, status=entry.status,
                result=entry.result, follow_up=entry.follow_up,
            )  # fmt: skip
    author = seed_year.reports.get().author
    return report_create(fiscal_year=fiscal_year, period=1, author=author)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    repeat = parser.parse_args().repeat

    with transaction.atomic():
        data = read_demo_fixture()
        demo = load_demo(data)
        seed_report = load_demo_report(data, demo.fiscal_year)
        large_report = large_plan(demo.fiscal_year)

    # Chromium prints the whole page; WeasyPrint renders as the worker does (report_pdf: the
    # report read, the memo and the table each laid out from their own part of the page).
    seed_html, large_html = report_html(seed_report), report_html(large_report)
    report_pdf(seed_report)  # warm: fonts, WeasyPrint's caches

    seed_s = timed(lambda: report_pdf(seed_report), repeat)
    rss_before_large = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    large_s = timed(lambda: report_pdf(large_report), repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    large_pages = report_pdf(large_report).page_count
    seed = report_pdf(seed_report)
    seed_pdf, seed_pages = seed.pdf, seed.page_count
    seed_table_pages = landscape_pages(seed_pdf)

    stored_report_pdf(seed_report)  # renders and stores once
    cached_ms = 1000 * timed(lambda: stored_report_pdf(seed_report).read(), max(repeat, 5))

    # The finished document: archival PDF/A-3b with its table attached, then signed; signing
    # alone is timed on the draft's bytes of the same size.
    make_demo_certificate()
    sign_s = timed(lambda: sign_pdf(seed_pdf, seed_report.organisation), max(repeat, 5))
    signed_table_pages = landscape_pages(signed_seed_report(seed_report))
    archival_s = timed(lambda: report_pdf(seed_report), repeat) - sign_s

    print(f"seed report (17 measures, {seed_pages} pages, the table {seed_table_pages}; "
          f"signed, the table {signed_table_pages}): weasyprint {seed_s:.2f} s")  # fmt: skip
    print(f"large plan (170 measures, {large_pages} pages): weasyprint {large_s:.2f} s")
    print(f"peak memory: {peak_mb:.0f} MB (before the large plan: {rss_before_large:.0f} MB)")
    print(f"stored PDF served again: {cached_ms:.1f} ms")
    print(f"final document: PDF/A-3b render {archival_s:.2f} s, signing {sign_s * 1000:.0f} ms "
          f"(render + sign {archival_s + sign_s:.2f} s)")  # fmt: skip
    if CHROMIUM is None:
        print("chromium is not installed: no Chromium column (apt-get install chromium)")
        seed_ratio = large_ratio = "n/a"
    else:
        chromium_seed = statistics.median(chromium_print(seed_html, "seed") for _ in range(repeat))
        chromium_large = statistics.median(
            chromium_print(large_html, "large") for _ in range(repeat)
        )
        print(f"chromium whole process: seed {chromium_seed:.2f} s, large {chromium_large:.2f} s")
        seed_ratio = f"{seed_s / chromium_seed:.2f}"
        large_ratio = f"{large_s / chromium_large:.2f}"
    shutil.rmtree(WORKDIR, ignore_errors=True)
    print(
        f"seed_vs_chromium={seed_ratio} large_vs_chromium={large_ratio} cached_ms={cached_ms:.1f} "
        f"final_sign_s={sign_s:.3f} seed_table_pages={seed_table_pages} "
        f"signed_table_pages={signed_table_pages}"
    )


if __name__ == "__main__":
    main()
