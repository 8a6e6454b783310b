"""How long importing a 300-measure table takes, preview and confirm, from Excel and from Word,
and how fast and in how much memory a hostile Word file is refused, measured in one run.

    .venv/bin/python bench/import_plan.py [--measures 300]

The table is the seed's (its wrapped lines and repeated header rows as they are) repeated and
renumbered up to the size asked for, imported into an empty fiscal year of the demo organisation
in a temporary SQLite database: as a workbook, and as a Word document of one table a page, each
with its header typed again (tests/measures/word_tables.py). Target (issue 5, issue 15): preview
+ confirm under 10 s; a plan holds at most 300 measures (measures/limits.py).

The hostile Word files each run in a process of their own, so that the memory measured (growth of
the process's peak RSS from the bytes to the Thai message) is theirs: one inflating to 2 GB, one
of 700,000 XML tags, one of 20,000 table rows, and one just under the bound on tags (595,000,
no measure table), the most a file can make the portal parse. Target: refused within a second or
two, memory bounded. The last line is

    import_preview_s=… import_confirm_s=… import_total_s=… import_total_cpu_s=… docx_total_s=…
    docx_total_cpu_s=… docx_worst_refusal_s=… docx_worst_refusal_mb=…

CPU seconds are printed beside wall-clock seconds: on a machine shared with other work the wall
clock measures the neighbours too.
"""

import argparse
import io
import json
import os
import re
import resource
import shutil
import sys
import time
from pathlib import Path

HEADING_NUMBER = re.compile(r"^\s*\(?[0-9๐-๙]+")
HOSTILE = [
    "inflating_docx",
    "many_tags_docx",
    "rows_beyond_a_plan_docx",
    "just_under_the_bounds_docx",
]


def large_table(size: int) -> bytes:
    from openpyxl import Workbook

    from tests.measures.seed_table import seed_rows

    header, *rows = seed_rows()
    measures = [row for row in rows if not row[0].startswith("มาตรการ")]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for number in range(1, size + 1):
        row = list(measures[(number - 1) % len(measures)])
        row[0] = HEADING_NUMBER.sub(f"{number}", row[0], count=1)
        sheet.append(row)
        if number % 20 == 0:
            sheet.append(header)  # a page break's repeated header row
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed_import(organisation, content, filename, year, size):
    from measures.plans import plan_import
    from organisations.access import SYSTEM

    start, cpu = time.perf_counter(), time.process_time()
    preview = plan_import(organisation=organisation, year=year, period=1, content=content,
                          filename=filename, by=SYSTEM)  # fmt: skip
    preview_s = time.perf_counter() - start
    assert preview.ok and preview.count("new") == size, preview.errors[:5]
    start = time.perf_counter()
    done = plan_import(organisation=organisation, year=year, period=1, content=content,
                       filename=filename, by=SYSTEM, confirm=True)  # fmt: skip
    confirm_s = time.perf_counter() - start
    assert done.written and done.count("new") == size
    return preview_s, confirm_s, time.process_time() - cpu


class ResidentPeak:
    """The most the process's resident memory grew above where it was, sampled every 5 ms (the
    setup's own peak, migrations and the demo, would hide it from getrusage's maximum)."""

    def __enter__(self):
        import threading

        self.start = self.peak = self._resident()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self._resident())

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, self._resident())
            time.sleep(0.005)

    @staticmethod
    def _resident() -> int:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 1024 / 1024


def hostile(name: str) -> dict:
    """One hostile Word file refused, in this process: seconds, peak memory growth, message."""
    from _setup import temporary_django

    workdir = temporary_django("ita-bench-hostile-")
    from measures.demo import load_demo, read_demo_fixture
    from measures.plans import plan_import
    from organisations.access import SYSTEM
    from tests.measures import crafted_files

    organisation = load_demo(read_demo_fixture()).organisation
    content = {
        "inflating_docx": lambda: crafted_files.docx_bomb(2_000),
        "many_tags_docx": lambda: crafted_files.docx_streamed(
            lambda stream: stream.write(b"<w:p/>" * 700_000)
        ),
        "rows_beyond_a_plan_docx": lambda: crafted_files.docx_with_rows(20_000),
        # The most a Word file can make the portal parse: just under the element bound, and no
        # measure table in it.
        "just_under_the_bounds_docx": lambda: crafted_files.docx_streamed(
            lambda stream: stream.write(b"<w:p/>" * 595_000)
        ),
    }[name]()
    with ResidentPeak() as peak:
        start, cpu = time.perf_counter(), time.process_time()
        outcome = plan_import(organisation=organisation, year=2570, period=1, content=content,
                              filename="plan.docx", by=SYSTEM)  # fmt: skip
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    shutil.rmtree(workdir, ignore_errors=True)
    return {
        "seconds": seconds, "cpu": cpu, "peak_mb": peak.growth_mb,
        "input_kb": len(content) // 1024,
        "message": "accepted" if outcome.ok else outcome.errors[0][:70],
    }  # fmt: skip


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--hostile":
        print(json.dumps(hostile(sys.argv[2]), ensure_ascii=False))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measures", type=int, default=300)
    size = parser.parse_args().measures

    from _setup import in_own_process, temporary_django

    workdir = temporary_django("ita-bench-import-")
    from measures.demo import load_demo, read_demo_fixture
    from measures.plans import plan_import
    from organisations.access import SYSTEM
    from tests.measures.word_tables import large_docx

    organisation = load_demo(read_demo_fixture()).organisation
    content = large_table(size)
    word = large_docx(size)
    plan_import(organisation=organisation, year=2599, period=1, content=content,
                filename="warm.xlsx", by=SYSTEM)  # fmt: skip  # warm: pythainlp's dictionary

    preview_s, confirm_s, cpu_s = timed_import(organisation, content, "plan.xlsx", 2600, size)
    word_preview_s, word_confirm_s, word_cpu_s = timed_import(
        organisation, word, "plan.docx", 2601, size
    )
    shutil.rmtree(workdir, ignore_errors=True)

    here = Path(__file__).resolve()
    refusals = {name: in_own_process(here, "--hostile", name) for name in HOSTILE}
    assert all(r["message"] != "accepted" for r in refusals.values()), "a hostile file was accepted"

    print(f"table of {size} measures: xlsx {len(content) // 1024} KB, docx {len(word) // 1024} KB")
    print(f"xlsx: preview {preview_s:.2f} s, confirm {confirm_s:.2f} s (CPU {cpu_s:.2f} s)")
    print(
        f"docx: preview {word_preview_s:.2f} s, confirm {word_confirm_s:.2f} s "
        f"(CPU {word_cpu_s:.2f} s)"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, r in refusals.items():
        print(f"{name:<24} {r['input_kb']:>6} KB in  {r['seconds']:5.2f} s (CPU {r['cpu']:4.2f})  "
              f"+{r['peak_mb']:5.1f} MB  {r['message']}")  # fmt: skip
    worst_s = max(r["seconds"] for r in refusals.values())
    worst_mb = max(r["peak_mb"] for r in refusals.values())
    print(
        f"import_preview_s={preview_s:.2f} import_confirm_s={confirm_s:.2f} "
        f"import_total_s={preview_s + confirm_s:.2f} import_total_cpu_s={cpu_s:.2f} "
        f"docx_total_s={word_preview_s + word_confirm_s:.2f} docx_total_cpu_s={word_cpu_s:.2f} "
        f"docx_worst_refusal_s={worst_s:.2f} docx_worst_refusal_mb={worst_mb:.0f}"
    )


if __name__ == "__main__":
    main()
