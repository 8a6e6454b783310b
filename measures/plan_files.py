"""The measure table as a file: reading .xlsx, .csv and .docx the way people save them, and
writing it.

Each kind of file is read into tables of rows of texts, with bounds on what it may make the
portal do (here for .xlsx and .csv, measures/plan_word.py for .docx); measures.table_layout
finds the header rows and what each cell is, and names what is not read. What cannot be read
faithfully is refused with a Thai message. The rows come out as a tablib Dataset for the
import resource, each with where it is in the file so that every message can name it.
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

from .plan_word import TooManyRows, WordFileError, word_tables
from .table_layout import (
    FOLLOW_UP,
    MEASURE,
    NUMBER,
    RESPONSIBLE,
    RESULT,
    STATUS,
    STEPS,
    LayoutError,
    Table,
    first_header_row,
    read_layout,
)

COLUMNS = [MEASURE, STEPS, RESPONSIBLE, RESULT, FOLLOW_UP]
STATUS_COLUMN = STATUS
NUMBER_COLUMN = NUMBER
ROW_COLUMN = "แถวในไฟล์"
WHERE_COLUMN = "ตำแหน่งในไฟล์"
NOTES_COLUMN = "ข้อความที่ไม่ได้นำเข้า"
ERRORS_COLUMN = "ข้อผิดพลาดของแถว"
FORMATS = (".xlsx", ".csv", ".docx")


class PlanFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Thai."""


# Bounds on what a file may make the portal do, whatever its size on disk: an .xlsx is a zip,
# and a small one may hold a million rows or gigabytes of XML (a .docx: measures/plan_word.py).
XLSX_MAX_UNCOMPRESSED = 30 * 1024 * 1024
XLSX_MAX_MEMBERS = 500
# Rows read beyond the measures themselves: headers repeated by each page of a pasted table.
EXTRA_ROWS = 100
# Empty rows are skipped, but reading them costs too: a file may not have more than this many
# rows per measure row allowed.
EMPTY_ROWS_FACTOR = 20
# A Word document's table rows are counted before it is parsed: its measures, its repeated
# headers, and as many again (empty rows, section rows, other tables).
WORD_ROWS_FACTOR = 2


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
    """The measure rows of a table file (.xlsx, .csv or .docx) as a Dataset: ROW_COLUMN (a key:
    the row's number in a sheet), WHERE_COLUMN (where a person finds the row: "แถวที่ ๕",
    "ตารางที่ ๒ แถวที่ ๓"), the fields, NOTES_COLUMN and ERRORS_COLUMN (one per line). The
    Dataset's `notes` are what the file holds that is not read, `columns` the fields its tables
    have. PlanFileError, in Thai, for a file that cannot be read faithfully."""
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
        tables = [_xlsx_table(content, max_rows)]
    elif suffix == ".csv":
        rows = _csv_rows(content, max_rows)
        formulas = {
            (index, column)
            for index, row in enumerate(rows)
            for column, cell in enumerate(row)
            if cell.startswith("=")
        }
        tables = [Table(rows, list(range(1, len(rows) + 1)), formulas=formulas)]
    elif suffix == ".docx":
        try:
            tables = word_tables(
                content,
                lambda rows: bounded_rows(rows, max_rows),
                rows_max=(max_rows + EXTRA_ROWS) * WORD_ROWS_FACTOR,
            )
        except TooManyRows as error:
            raise _too_many_rows(max_rows) from error
        except WordFileError as error:
            raise PlanFileError(str(error)) from error
    else:
        raise PlanFileError("รับเฉพาะไฟล์ Excel (.xlsx), CSV (.csv) หรือ Word (.docx)")
    for table in tables:
        table.rows = [[_text(cell) for cell in row] for row in table.rows]
    try:
        layout = read_layout(tables)
    except LayoutError as error:
        raise PlanFileError(str(error)) from error
    if len(layout.rows) > max_rows:
        raise PlanFileError(
            f"ไฟล์มีมาตรการ {thai_count(len(layout.rows))} แถว "
            f"เกินกว่าที่นำเข้าได้ในครั้งเดียว ({thai_count(max_rows)} แถว)"
        )
    fields = [NUMBER_COLUMN, *COLUMNS, STATUS_COLUMN]
    dataset = tablib.Dataset(
        headers=[ROW_COLUMN, WHERE_COLUMN, *fields, NOTES_COLUMN, ERRORS_COLUMN]
    )
    for row in layout.rows:
        dataset.append(
            [row.key, row.where, *(row.cells.get(name, "") for name in fields),
             "\n".join(row.notes), "\n".join(row.errors)]
        )  # fmt: skip
    dataset.notes = layout.notes
    dataset.columns = layout.columns
    return dataset


def _text(value) -> str:
    value = (value or "").strip()
    # A leading apostrophe marks text that only looks like a formula (our own export writes it).
    if value.startswith("'") and value[1:2] in FORMULA_START:
        value = value[1:]
    return value


def _xlsx_table(content: bytes, max_rows: int) -> Table:
    rows, merged, formulas = _xlsx_rows(content, max_rows)
    table = Table(rows, list(range(1, len(rows) + 1)), formulas=formulas)
    header_at = first_header_row(table)
    problems = [
        f"เซลล์ {reference} (แถวที่ {thai_digits(first_row)}) ผสานกันอยู่ "
        "กรุณายกเลิกการผสานเซลล์ (unmerge) แล้วนำเข้าใหม่"
        for first_row, last_row, reference in merged
        if header_at is not None and last_row > header_at + 1
    ]
    if problems:
        raise PlanFileError("\n".join(problems))
    return table


def _xlsx_rows(content: bytes, max_rows: int):
    from openpyxl import load_workbook

    if not content.startswith(b"PK\x03\x04"):
        raise PlanFileError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) แม้จะตั้งชื่อเช่นนั้น")
    try:
        _check_package_size(zipfile.ZipFile(io.BytesIO(content)))
        # Read-only: rows stream from the sheet's XML instead of being loaded whole.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        formulas = set()
        rows = list(bounded_rows(_sheet_rows(sheet, formulas), max_rows))
        merged = _merged_cells(content, sheet._worksheet_path)
        workbook.close()
    except PlanFileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise PlanFileError("เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย") from error
    return rows, merged, formulas


def _sheet_rows(sheet, formulas: list):
    """Each row's texts; the (row index, column) of every formula cell goes into `formulas`."""
    for index, cells in enumerate(sheet.iter_rows()):
        texts = []
        for column, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                formulas.add((index, column))
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


class PlanDOCX(base_formats.Format):
    """The measure table of a Word document; import only (the plan goes out as a spreadsheet)."""

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return "docx"

    def get_extension(self):
        return "docx"

    def get_content_type(self):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def can_import(self):
        return True

    def can_export(self):
        return False

    def create_dataset(self, in_stream):
        return read_plan_table(in_stream, "table.docx")


class PlanCSV(SafeExport, base_formats.CSV):
    """Read as bytes, so TIS-620 / Windows-874 files are recognised too."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream):
        return read_plan_table(in_stream, "table.csv")
