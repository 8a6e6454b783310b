"""The measure table as a file: reading .xlsx and .csv the way people save them, and writing it.

Reading finds the document's own header row (มาตรการ | ขั้นตอนหรือวิธีการ | ผู้รับผิดชอบ |
ผลการดำเนินการ | หมายเหตุ or การกำกับติดตาม), skips empty rows and the header rows repeated by
every page of a pasted table, and refuses what it cannot read faithfully with a Thai message.
The rows come out as a tablib Dataset for the import resource, each with its row number in the
file so that every message can name it.
"""

import re

import tablib
from django.conf import settings
from import_export.formats import base_formats

from organisations.exports import SafeExport, neutralised
from organisations.table_files import TableFileError, TableKind, read_table_rows
from organisations.table_files import cell_text as _text
from thai.digits import thai_count, thai_digits

COLUMNS = ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "การกำกับติดตาม"]
STATUS_COLUMN = "สถานะ"
ROW_COLUMN = "แถวในไฟล์"
REQUIRED = COLUMNS[:3]
# Header spellings seen in real tables (the seed heads the last column หมายเหตุ on some pages,
# and cuts long headings short on others).
HEADER_ALIASES = {
    "หมายเหตุ": "การกำกับติดตาม",
    "การกำกับ": "การกำกับติดตาม",
    "ผลการ": "ผลการดำเนินการ",
    "ขั้นตอน": "ขั้นตอนหรือวิธีการ",
    "วิธีการ": "ขั้นตอนหรือวิธีการ",
}
MEASURE_TABLE = TableKind(table="ตารางมาตรการ", unit="มาตรการ")

# The file as a whole cannot be read; the message says why, in Thai.
PlanFileError = TableFileError


def _limits():
    return settings.PLAN_IMPORT_MAX_BYTES, settings.PLAN_IMPORT_MAX_ROWS


def read_plan_table(content: bytes, filename: str) -> tablib.Dataset:
    max_bytes, max_rows = _limits()
    table = read_table_rows(
        content, filename, max_bytes=max_bytes, max_rows=max_rows, kind=MEASURE_TABLE
    )
    rows, merged, formulas = table.rows, table.merged, table.formulas

    header_at, columns = _header(rows)
    problems = []
    for first_row, last_row, reference in merged:
        if last_row > header_at:
            problems.append(
                f"เซลล์ {reference} (แถวที่ {thai_digits(first_row)}) ผสานกันอยู่ "
                "กรุณายกเลิกการผสานเซลล์ (unmerge) แล้วนำเข้าใหม่"
            )
    for number, column in formulas:
        if number > header_at + 1 and column in columns.values():
            name = next(n for n, c in columns.items() if c == column)
            problems.append(
                f"แถวที่ {thai_digits(number)} คอลัมน์ {name} เป็นสูตร (ขึ้นต้นด้วย =) ระบบรับเฉพาะข้อความ"
            )
    if problems:
        raise PlanFileError("\n".join(problems))

    dataset = tablib.Dataset(headers=[ROW_COLUMN, *COLUMNS, STATUS_COLUMN])
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        cells = {name: _text(row, column) for name, column in columns.items()}
        if not any(cells.values()) or _is_header(cells):
            continue
        dataset.append([number, *(cells.get(name, "") for name in [*COLUMNS, STATUS_COLUMN])])
    if not dataset:
        raise PlanFileError("ไม่พบมาตรการในไฟล์ (มีแต่หัวตาราง)")
    if len(dataset) > max_rows:
        raise PlanFileError(
            f"ไฟล์มีมาตรการ {thai_count(len(dataset))} แถว "
            f"เกินกว่าที่นำเข้าได้ในครั้งเดียว ({thai_count(max_rows)} แถว)"
        )
    return dataset


def _normalise_header(cell: str) -> str:
    name = re.sub(r"\s+", "", cell or "")
    return HEADER_ALIASES.get(name, name)


def _is_header(cells: dict) -> bool:
    return _normalise_header(cells.get("มาตรการ", "")) == "มาตรการ" and _normalise_header(
        cells.get("ขั้นตอนหรือวิธีการ", "")
    ) in ("ขั้นตอนหรือวิธีการ",)


def _header(rows) -> tuple[int, dict[str, int]]:
    """The first row naming the required columns; its index and the column of each name."""
    best_missing = None
    for index, row in enumerate(rows[:50]):
        columns = {}
        for column, cell in enumerate(row):
            name = _normalise_header(cell)
            if name in [*COLUMNS, STATUS_COLUMN] and name not in columns:
                columns[name] = column
        if "มาตรการ" not in columns:
            continue
        missing = [name for name in REQUIRED if name not in columns]
        if not missing:
            return index, columns
        best_missing = best_missing or missing
    if best_missing:
        raise PlanFileError(f"หัวตารางขาดคอลัมน์: {', '.join(best_missing)}")
    raise PlanFileError(
        "ไม่พบหัวตาราง ต้องมีคอลัมน์ " + " | ".join(COLUMNS) + " (คอลัมน์สุดท้ายชื่อ หมายเหตุ ก็ได้)"
    )


# Writing ---------------------------------------------------------------------------------------


def dataset_bytes(dataset: tablib.Dataset, file_format: str) -> bytes:
    safe = neutralised(dataset)
    safe.title = dataset.title or "มาตรการ"
    if file_format == "csv":
        # Excel opens CSV as UTF-8 only with a BOM.
        return safe.export("csv").encode("utf-8-sig")
    return safe.export("xlsx")


# Formats for django-import-export: the admin reads tables the same way and writes them safely.


class PlanXLSX(SafeExport, base_formats.XLSX):
    def create_dataset(self, in_stream):
        return read_plan_table(in_stream, "table.xlsx")


class PlanCSV(SafeExport, base_formats.CSV):
    """Read as bytes, so TIS-620 / Windows-874 files are recognised too."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream):
        return read_plan_table(in_stream, "table.csv")
