"""Reading a table from a file people saved: .xlsx or .csv, bounded whatever the file holds.

`read_table_rows` returns every row's cell texts (the row number in the file is the list index
+ 1), with the merged ranges and formula cells it found, for the reader of one kind of table to
judge (the plan's measure table: measures/plan_files.py; ITA results: assessments/result_files.py).
What the file cannot be read as, or what would make the portal do too much, raises
TableFileError with a Thai message.
"""

import csv
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from thai.digits import megabytes, thai_count, thai_digits

from .exports import FORMULA_START

logger = logging.getLogger(__name__)


class TableFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Thai."""


# Bounds on what a file may make the portal do, whatever its size on disk: an .xlsx is a zip,
# and a small one may hold a million rows or gigabytes of XML.
XLSX_MAX_UNCOMPRESSED = 30 * 1024 * 1024
XLSX_MAX_MEMBERS = 500
# A sheet's widest row (columns up to its last cell): a table is a few dozen columns wide.
XLSX_MAX_COLUMNS = 1_000
# Rows read beyond the table's own: headers repeated by each page of a pasted table.
EXTRA_ROWS = 100
# Empty rows are skipped, but reading them costs too: a file may not have more than this many
# rows per table row allowed.
EMPTY_ROWS_FACTOR = 20


@dataclass
class RawTable:
    """The rows of the first sheet as texts; merged ranges (first row, last row, reference) and
    formula cells (row number, column index) found on the way."""

    rows: list[list[str]]
    merged: list[tuple[int, int, str]]
    formulas: list[tuple[int, int]]


@dataclass(frozen=True)
class TableKind:
    """What the messages call the table and its rows, e.g. ตารางมาตรการ and มาตรการ."""

    table: str
    unit: str


def read_table_rows(content: bytes, filename: str, *, max_bytes, max_rows, kind) -> RawTable:
    """The rows of an .xlsx (first sheet) or .csv file of at most `max_bytes` bytes and at most
    `max_rows` filled rows (plus EXTRA_ROWS); TableFileError otherwise."""
    if not content:
        raise TableFileError("ไฟล์ว่างเปล่า")
    if too_large := size_refusal(len(content), max_bytes):
        raise TableFileError(too_large)
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(content, max_rows, kind)
    if suffix == ".csv":
        rows = _csv_rows(content, max_rows, kind)
        formulas = [
            (number, column)
            for number, row in enumerate(rows, start=1)
            for column, cell in enumerate(row)
            if cell.startswith("=")
        ]
        return RawTable(rows, [], formulas)
    raise TableFileError("รับเฉพาะไฟล์ Excel (.xlsx) หรือ CSV (.csv)")


def size_refusal(size: int, max_bytes: int) -> str | None:
    """The Thai message refusing a file of `size` bytes, or None when it is small enough (also
    for upload forms, before the file is read)."""
    if size <= max_bytes:
        return None
    return (
        f"ไฟล์ใหญ่เกินไป ({thai_digits(megabytes(size))} MB) "
        f"รับได้ไม่เกิน {thai_digits(max_bytes // 1024 // 1024)} MB"
    )


def cell_text(row, column) -> str:
    """The cell's text, stripped; '' past the row's end. A leading apostrophe marks text that
    only looks like a formula (the portal's own exports write it) and is taken off."""
    value = row[column] if column is not None and column < len(row) else ""
    value = value.strip()
    if value.startswith("'") and value[1:2] in FORMULA_START:
        value = value[1:]
    return value


def _too_many_rows(max_rows, kind) -> TableFileError:
    return TableFileError(
        f"ไฟล์มีแถวมากเกินกว่าที่นำเข้าได้ในครั้งเดียว (รับได้ไม่เกิน {thai_count(max_rows)} {kind.unit})"
    )


def bounded_rows(rows, max_rows, kind):
    """The rows, read until there are more than a table of `max_rows` rows can hold; then
    TableFileError, without reading the rest."""
    filled = 0
    for number, row in enumerate(rows, start=1):
        if any(cell.strip() for cell in row):
            filled += 1
        if filled > max_rows + EXTRA_ROWS or number > (max_rows + EXTRA_ROWS) * EMPTY_ROWS_FACTOR:
            raise _too_many_rows(max_rows, kind)
        yield row


def _xlsx_rows(content: bytes, max_rows: int, kind) -> RawTable:
    from openpyxl import load_workbook

    if not content.startswith(b"PK\x03\x04"):
        raise TableFileError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) แม้จะตั้งชื่อเช่นนั้น")
    try:
        _check_package_size(zipfile.ZipFile(io.BytesIO(content)), kind)
        # Read-only: rows stream from the sheet's XML instead of being loaded whole.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        # Each row as wide as its own last cell, not as the sheet's stated dimension: a cell
        # in column XFD would otherwise widen every row to 16,384 cells.
        sheet.reset_dimensions()
        formulas = []
        rows = list(bounded_rows(_sheet_rows(sheet, formulas), max_rows, kind))
        merged = _merged_cells(content, sheet._worksheet_path)
        workbook.close()
    except TableFileError:
        raise
    except Exception as error:  # noqa: BLE001 - openpyxl on a damaged part raises any kind
        logger.warning("unreadable .xlsx: %r", error)
        raise TableFileError("เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย") from error
    return RawTable(rows, merged, formulas)


def _sheet_rows(sheet, formulas: list):
    """Each row's texts; the (row, column) of every formula cell goes into `formulas`."""
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if len(cells) > XLSX_MAX_COLUMNS:
            raise TableFileError(
                f"แถวที่ {thai_digits(number)} มีเซลล์ถึงคอลัมน์ที่ {thai_count(len(cells))} "
                f"เกินกว่าที่ระบบอ่านได้ (ไม่เกิน {thai_count(XLSX_MAX_COLUMNS)} คอลัมน์) "
                "กรุณาลบคอลัมน์ที่อยู่ท้ายตารางออกแล้วนำเข้าใหม่"
            )
        texts = []
        for column, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                formulas.append((number, column))
            texts.append(_cell_value_text(cell.value))
        yield texts


def _check_package_size(package: zipfile.ZipFile, kind) -> None:
    members = package.infolist()
    if len(members) > XLSX_MAX_MEMBERS or sum(m.file_size for m in members) > XLSX_MAX_UNCOMPRESSED:
        raise TableFileError(
            f"ไฟล์ Excel นี้มีข้อมูลภายในมากเกินกว่า{kind.table}จะมีได้ "
            f"กรุณาคัดลอกเฉพาะ{kind.table}ไปยังไฟล์ใหม่แล้วนำเข้าอีกครั้ง"
        )


MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merged_cells(content: bytes, sheet_path: str) -> list[tuple[int, int, str]]:
    """Merged ranges of the sheet, read from its XML in chunks (read-only sheets don't keep
    them): (first row, last row, reference)."""
    found = []
    tail = b""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        with package.open(sheet_path.lstrip("/")) as xml:
            while chunk := xml.read(1024 * 1024):
                text = tail + chunk
                for match in MERGE_CELL.finditer(text):
                    first_column, first_row, last_column, last_row = match.groups()
                    reference = f"{first_column.decode()}{first_row.decode()}:"
                    reference += f"{last_column.decode()}{last_row.decode()}"
                    found.append((int(first_row), int(last_row), reference))
                tail = text[-200:]
    return sorted(set(found))


def _cell_value_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(content: bytes, max_rows: int, kind) -> list[list[str]]:
    if b"\x00" in content:
        raise TableFileError(
            "ไฟล์นี้ไม่ใช่ไฟล์ CSV ที่อ่านได้ (อาจเป็น UTF-16 หรือไฟล์ชนิดอื่น) กรุณาบันทึกเป็น CSV UTF-8"
        )
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(bounded_rows(csv.reader(io.StringIO(text), dialect), max_rows, kind))
    except csv.Error as error:
        # csv's messages are English ("field larger than field limit", "NUL …").
        too_long = "field larger" in str(error)
        raise TableFileError(
            f"ไฟล์ CSV มีช่องที่ยาวเกินกว่า{kind.table}จะมีได้"
            if too_long
            else "อ่านไฟล์ CSV ไม่ได้ รูปแบบของไฟล์ไม่ถูกต้อง กรุณาบันทึกจาก Excel เป็น CSV UTF-8 ใหม่"
        ) from error


def _decode(content: bytes) -> str:
    """UTF-8 with or without a BOM, or TIS-620 / Windows-874 from older Thai Excel."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp874")
    except UnicodeDecodeError as error:
        raise TableFileError(
            "อ่านไฟล์ CSV ไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620/Windows-874 กรุณาบันทึกเป็น CSV UTF-8"
        ) from error
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
        raise TableFileError("ไฟล์นี้ไม่ใช่ไฟล์ CSV ที่อ่านได้")
    return text
