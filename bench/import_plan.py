"""How long importing a 300-measure table takes, preview and confirm, measured in one run.

    .venv/bin/python bench/import_plan.py [--measures 300]

The table is the seed's (its wrapped lines and repeated header rows as they are) repeated and
renumbered up to the size asked for, imported into an empty fiscal year of the demo organisation
in a temporary SQLite database. Target (issue 5): preview + confirm of 500 measures under 10 s;
a plan holds at most 300 measures since issue 8 (measures/limits.py), the size measured now.
The last line is `import_preview_s=… import_confirm_s=… import_total_s=…`.
"""

import argparse
import io
import re
import shutil
import time

from _setup import temporary_django

WORKDIR = temporary_django("ita-bench-import-")

from openpyxl import Workbook  # noqa: E402

from measures.demo import load_demo, read_demo_fixture  # noqa: E402
from measures.plans import plan_import  # noqa: E402
from organisations.access import SYSTEM  # noqa: E402
from tests.measures.seed_table import seed_rows  # noqa: E402

HEADING_NUMBER = re.compile(r"^\s*\(?[0-9๐-๙]+")


def large_table(size: int) -> bytes:
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measures", type=int, default=300)
    size = parser.parse_args().measures

    organisation = load_demo(read_demo_fixture()).organisation
    content = large_table(size)
    plan_import(organisation=organisation, year=2599, period=1, content=content,
                filename="warm.xlsx", by=SYSTEM)  # fmt: skip  # warm: pythainlp's dictionary

    start = time.perf_counter()
    preview = plan_import(organisation=organisation, year=2600, period=1, content=content,
                          filename="plan.xlsx", by=SYSTEM)  # fmt: skip
    preview_s = time.perf_counter() - start
    assert preview.ok and preview.count("new") == size, preview.errors[:5]

    start = time.perf_counter()
    done = plan_import(organisation=organisation, year=2600, period=1, content=content,
                       filename="plan.xlsx", by=SYSTEM, confirm=True)  # fmt: skip
    confirm_s = time.perf_counter() - start
    assert done.written and done.count("new") == size

    shutil.rmtree(WORKDIR, ignore_errors=True)
    print(f"table of {size} measures, {len(content) // 1024} KB")
    print(f"preview {preview_s:.2f} s, confirm {confirm_s:.2f} s")
    total = preview_s + confirm_s
    print(
        f"import_preview_s={preview_s:.2f} import_confirm_s={confirm_s:.2f} "
        f"import_total_s={total:.2f}"
    )


if __name__ == "__main__":
    main()
