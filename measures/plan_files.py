"""The measure table as a file: reading .xlsx and .csv the way people save them, and writing it.

Reading finds the document's own header row (มาตรการ | ขั้นตอนหรือวิธีการ | ผู้รับผิดชอบ |
ผลการดำเนินการ | หมายเหตุ or การกำกับติดตาม), skips empty rows and the header rows repeated by
every page of a pasted table, and refuses what it cannot read faithfully with a Thai message.
The rows come out as a tablib Dataset for the import resource, each with its row number in the
file so that every message can name it.
"""

import csv
import io
import re
import zipfile
from pathlib import PurePath

import tablib
from django.conf import settings
from import_export.formats import base_formats

from organisations.exports import FORMULA_START, SafeExport, neutralised
from thai.digits import megabytes, thai_digits

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


class PlanFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Thai."""


def _limits():
    return settings.PLAN_IMPORT_MAX_BYTES, settings.PLAN_IMPORT_MAX_ROWS


def read_plan_table(content: bytes, filename: str) -> tablib.Dataset:
    max_bytes, max_rows = _limits()
    if not content:
        raise PlanFileError("ไฟล์ว่างเปล่า")
    if len(content) > max_bytes:
        raise PlanFileError(
            f"ไฟล์ใหญ่เกินไป ({thai_digits(megabytes(len(content)))} MB) "
            f"รับได้ไม่เกิน {thai_digits(max_bytes // 1024 // 1024)} MB"
        )
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xlsx":
        rows, merged, formulas = _xlsx_rows(content)
    elif suffix == ".csv":
        rows, merged = _csv_rows(content), []
        formulas = [
            (number, column)
            for number, row in enumerate(rows, start=1)
            for column, cell in enumerate(row)
            if cell.startswith("=")
        ]
    else:
        raise PlanFileError("รับเฉพาะไฟล์ Excel (.xlsx) หรือ CSV (.csv)")

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
            f"ไฟล์มีมาตรการ {thai_digits(f'{len(dataset):,}')} แถว "
            f"เกินกว่าที่นำเข้าได้ในครั้งเดียว ({thai_digits(f'{max_rows:,}')} แถว)"
        )
    return dataset


def _text(row, column) -> str:
    value = row[column] if column < len(row) else ""
    value = value.strip()
    # A leading apostrophe marks text that only looks like a formula (our own export writes it).
    if value.startswith("'") and value[1:2] in FORMULA_START:
        value = value[1:]
    return value


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


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    if not content.startswith(b"PK\x03\x04"):
        raise PlanFileError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) แม้จะตั้งชื่อเช่นนั้น")
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise PlanFileError("เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย") from error
    sheet = workbook.worksheets[0]
    rows, formulas = [], []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        row = []
        for column, cell in enumerate(cells):
            if cell.data_type == "f":
                formulas.append((number, column))
            row.append(_cell_text(cell.value))
        rows.append(row)
    merged = [(r.min_row, r.max_row, r.coord) for r in sheet.merged_cells.ranges]
    return rows, merged, formulas


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(content: bytes) -> list[list[str]]:
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise PlanFileError(f"อ่านไฟล์ CSV ไม่ได้: {error}") from error


def _decode(content: bytes) -> str:
    """UTF-8 with or without a BOM, or TIS-620 / Windows-874 from older Thai Excel."""
    if b"\x00" in content[:4096]:
        raise PlanFileError(
            "ไฟล์นี้ไม่ใช่ไฟล์ CSV ที่อ่านได้ (อาจเป็น UTF-16 หรือไฟล์ชนิดอื่น) กรุณาบันทึกเป็น CSV UTF-8"
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp874")
    except UnicodeDecodeError as error:
        raise PlanFileError(
            "อ่านไฟล์ CSV ไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620/Windows-874 กรุณาบันทึกเป็น CSV UTF-8"
        ) from error
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
        raise PlanFileError("ไฟล์นี้ไม่ใช่ไฟล์ CSV ที่อ่านได้")
    return text


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
