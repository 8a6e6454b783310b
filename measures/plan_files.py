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
from thai.digits import megabytes, thai_count, thai_digits

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


# Bounds on what a file may make the portal do, whatever its size on disk: an .xlsx is a zip,
# and a small one may hold a million rows or gigabytes of XML.
XLSX_MAX_UNCOMPRESSED = 30 * 1024 * 1024
XLSX_MAX_MEMBERS = 500
# Rows read beyond the measures themselves: headers repeated by each page of a pasted table.
EXTRA_ROWS = 100
# Empty rows are skipped, but reading them costs too: a file may not have more than this many
# rows per measure row allowed.
EMPTY_ROWS_FACTOR = 20


def _limits():
    return settings.PLAN_IMPORT_MAX_BYTES, settings.PLAN_IMPORT_MAX_ROWS


def _too_many_rows(max_rows) -> PlanFileError:
    return PlanFileError(
        f"ไฟล์มีแถวมากเกินกว่าที่นำเข้าได้ในครั้งเดียว (รับได้ไม่เกิน {thai_count(max_rows)} มาตรการ)"
    )


def bounded_rows(rows, max_rows):
    """The rows, read until there are more than a table of `max_rows` measures can hold; then
    PlanFileError, without reading the rest."""
    filled = 0
    for number, row in enumerate(rows, start=1):
        if any(cell.strip() for cell in row):
            filled += 1
        if filled > max_rows + EXTRA_ROWS or number > (max_rows + EXTRA_ROWS) * EMPTY_ROWS_FACTOR:
            raise _too_many_rows(max_rows)
        yield row


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
        rows, merged, formulas = _xlsx_rows(content, max_rows)
    elif suffix == ".csv":
        rows, merged = _csv_rows(content, max_rows), []
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
            f"ไฟล์มีมาตรการ {thai_count(len(dataset))} แถว "
            f"เกินกว่าที่นำเข้าได้ในครั้งเดียว ({thai_count(max_rows)} แถว)"
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


def _xlsx_rows(content: bytes, max_rows: int):
    from openpyxl import load_workbook

    if not content.startswith(b"PK\x03\x04"):
        raise PlanFileError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) แม้จะตั้งชื่อเช่นนั้น")
    try:
        _check_package_size(zipfile.ZipFile(io.BytesIO(content)))
        # Read-only: rows stream from the sheet's XML instead of being loaded whole.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        formulas = []
        rows = list(bounded_rows(_sheet_rows(sheet, formulas), max_rows))
        merged = _merged_cells(content, sheet._worksheet_path)
        workbook.close()
    except PlanFileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise PlanFileError("เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย") from error
    return rows, merged, formulas


def _sheet_rows(sheet, formulas: list):
    """Each row's texts; the (row, column) of every formula cell goes into `formulas`."""
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        texts = []
        for column, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                formulas.append((number, column))
            texts.append(_cell_text(cell.value))
        yield texts


def _check_package_size(package: zipfile.ZipFile) -> None:
    members = package.infolist()
    if len(members) > XLSX_MAX_MEMBERS or sum(m.file_size for m in members) > XLSX_MAX_UNCOMPRESSED:
        raise PlanFileError(
            "ไฟล์ Excel นี้มีข้อมูลภายในมากเกินกว่าตารางมาตรการจะมีได้ "
            "กรุณาคัดลอกเฉพาะตารางมาตรการไปยังไฟล์ใหม่แล้วนำเข้าอีกครั้ง"
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


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(content: bytes, max_rows: int) -> list[list[str]]:
    if b"\x00" in content:
        raise PlanFileError(
            "ไฟล์นี้ไม่ใช่ไฟล์ CSV ที่อ่านได้ (อาจเป็น UTF-16 หรือไฟล์ชนิดอื่น) กรุณาบันทึกเป็น CSV UTF-8"
        )
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(bounded_rows(csv.reader(io.StringIO(text), dialect), max_rows))
    except csv.Error as error:
        raise PlanFileError(f"อ่านไฟล์ CSV ไม่ได้: {error}") from error


def _decode(content: bytes) -> str:
    """UTF-8 with or without a BOM, or TIS-620 / Windows-874 from older Thai Excel."""
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
