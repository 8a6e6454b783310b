"""The measure table as a file: reading .xlsx, .csv and .docx the way people save them, and
writing it.

Each kind of file is read into tables of rows of texts, with bounds on what it may make the
portal do (organisations/table_files.py for .xlsx and .csv, shared with the ITA results'
import; measures/plan_word.py for .docx); measures.table_layout
finds the header rows and what each cell is, and names what is not read. What cannot be read
faithfully is refused with a Thai message. The rows come out as a tablib Dataset for the
import resource, each with where it is in the file so that every message can name it.
"""

from pathlib import PurePath

import tablib
from django.conf import settings
from import_export.formats import base_formats

from organisations.exports import SafeExport, neutralised
from organisations.table_files import (
    EXTRA_ROWS,
    TableFileError,
    TableKind,
    bounded_rows,
    read_table_rows,
    size_refusal,
)
from organisations.table_files import cell_text as _text
from thai.digits import thai_count, thai_digits

from . import limits
from .limits import FOLLOW_UP_MAX, RESULT_MAX, STEP_MAX, STEPS_PER_MEASURE_MAX, TITLE_MAX
from .plan_word import TooManyRows, WordFileError, word_tables
from .table_layout import (
    FOLLOW_UP,
    INDICATORS,
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
from .table_text import squash_whitespace, thai_spaces

COLUMNS = [MEASURE, STEPS, RESPONSIBLE, RESULT, FOLLOW_UP]
STATUS_COLUMN = STATUS
NUMBER_COLUMN = NUMBER
INDICATORS_COLUMN = INDICATORS
ROW_COLUMN = "แถวในไฟล์"
WHERE_COLUMN = "ตำแหน่งในไฟล์"
NOTES_COLUMN = "ข้อความที่ไม่ได้นำเข้า"
ERRORS_COLUMN = "ข้อผิดพลาดของแถว"
MEASURE_TABLE = TableKind(table="ตารางมาตรการ", unit="มาตรการ")
# A Word document's table rows are counted before it is parsed: its measures, its repeated
# headers, and as many again (empty rows, section rows, other tables).
WORD_ROWS_FACTOR = 2

# The file as a whole cannot be read; the message says why, in Thai.
PlanFileError = TableFileError
# The most text a cell that is read can hold once read (the steps: every step of a measure), and
# what each is called in a message.
CELL_MAX = {
    MEASURE: (TITLE_MAX, "ชื่อมาตรการ"),
    STEPS: (STEP_MAX * STEPS_PER_MEASURE_MAX, STEPS),
    RESULT: (RESULT_MAX, RESULT),
    FOLLOW_UP: (FOLLOW_UP_MAX, FOLLOW_UP),
}
# Spaces between Thai words in the cells read, all rows together: each is judged against the
# dictionary (measures/table_text.py), a few tenths of a millisecond apiece. The seed has 11 a
# measure; this is six times that for every measure of a full plan (bench/bad_inputs.py).
SPACES_MAX = 20_000


def _limits():
    return settings.PLAN_IMPORT_MAX_BYTES, limits.MEASURES_PER_PLAN_MAX


def _too_many_rows(max_rows) -> PlanFileError:
    return PlanFileError(
        f"ไฟล์มีแถวมากเกินกว่าที่นำเข้าได้ในครั้งเดียว (รับได้ไม่เกิน {thai_count(max_rows)} มาตรการ)"
    )


def read_plan_table(content: bytes, filename: str) -> tablib.Dataset:
    """The measure rows of a table file (.xlsx, .csv or .docx) as a Dataset: ROW_COLUMN (a key:
    the row's number in a sheet), WHERE_COLUMN (where a person finds the row: "แถวที่ ๕",
    "ตารางที่ ๒ แถวที่ ๓"), the fields, NOTES_COLUMN and ERRORS_COLUMN (one per line). The
    Dataset's `notes` are what the file holds that is not read, `columns` the fields its tables
    have. PlanFileError, in Thai, for a file that cannot be read faithfully."""
    max_bytes, max_rows = _limits()
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".docx":
        tables = _word_tables(content, max_bytes, max_rows)
    elif suffix in (".xlsx", ".csv"):
        tables = [_sheet_table(content, filename, max_bytes, max_rows)]
    else:
        raise PlanFileError("รับเฉพาะไฟล์ Excel (.xlsx), CSV (.csv) หรือ Word (.docx)")
    for table in tables:
        table.rows = [[_text(row, column) for column in range(len(row))] for row in table.rows]
    try:
        layout = read_layout(tables)
    except LayoutError as error:
        raise PlanFileError(str(error)) from error
    if len(layout.rows) > max_rows:
        raise PlanFileError(
            f"ไฟล์มีมาตรการ {thai_count(len(layout.rows))} แถว "
            f"เกินกว่าที่นำเข้าได้ในครั้งเดียว ({thai_count(max_rows)} แถว)"
        )
    _check_text_to_read(layout.rows)
    fields = [NUMBER_COLUMN, *COLUMNS, STATUS_COLUMN, INDICATORS_COLUMN]
    dataset = tablib.Dataset(
        headers=[ROW_COLUMN, WHERE_COLUMN, *fields, NOTES_COLUMN, ERRORS_COLUMN]
    )
    for row in layout.rows:
        dataset.append(
            [
                row.key,
                row.where,
                *(row.cells.get(name, "") for name in fields),
                "\n".join(row.notes),
                "\n".join(row.errors),
            ]
        )
    dataset.notes = layout.notes
    dataset.columns = layout.columns
    return dataset


def beyond_reading(name: str, text: str) -> bool:
    """Whether the cell holds more than twice what its field can (CELL_MAX), spaces squashed:
    joining cut words could at most halve it, so it is too long whatever its reading, and it
    is refused without being read."""
    limit = CELL_MAX[name][0] * 2 if name in CELL_MAX else None
    return limit is not None and len(text) > limit and len(squash_whitespace(text)) > limit


def _check_text_to_read(rows) -> None:
    spaces = sum(
        thai_spaces(text)
        for row in rows
        for name in CELL_MAX
        if (text := row.cells.get(name, "")) and not beyond_reading(name, text)
    )
    if spaces > SPACES_MAX:
        raise PlanFileError(
            "ข้อความในตารางยาวเกินกว่าที่นำเข้าได้ในครั้งเดียว "
            f"(มีช่องว่างระหว่างคำภาษาไทยเกิน {thai_count(SPACES_MAX)} แห่ง) "
            "กรุณาแบ่งตารางนำเข้าเป็นหลายไฟล์"
        )


def _word_tables(content: bytes, max_bytes: int, max_rows: int) -> list[Table]:
    if not content:
        raise PlanFileError("ไฟล์ว่างเปล่า")
    if too_large := size_refusal(len(content), max_bytes):
        raise PlanFileError(too_large)
    try:
        return word_tables(
            content,
            lambda rows: bounded_rows(rows, max_rows, MEASURE_TABLE),
            rows_max=(max_rows + EXTRA_ROWS) * WORD_ROWS_FACTOR,
        )
    except TooManyRows as error:
        raise _too_many_rows(max_rows) from error
    except WordFileError as error:
        raise PlanFileError(str(error)) from error


def _sheet_table(content: bytes, filename: str, max_bytes: int, max_rows: int) -> Table:
    """An .xlsx's first sheet or a .csv, as one table; cells merged below the header refused."""
    raw = read_table_rows(
        content, filename, max_bytes=max_bytes, max_rows=max_rows, kind=MEASURE_TABLE
    )
    formulas = {(number - 1, column) for number, column in raw.formulas}
    table = Table(raw.rows, list(range(1, len(raw.rows) + 1)), formulas=formulas)
    header_at = first_header_row(table)
    problems = [
        f"เซลล์ {reference} (แถวที่ {thai_digits(first_row)}) ผสานกันอยู่ "
        "กรุณายกเลิกการผสานเซลล์ (unmerge) แล้วนำเข้าใหม่"
        for first_row, last_row, reference in raw.merged
        if header_at is not None and last_row > header_at + 1
    ]
    if problems:
        raise PlanFileError("\n".join(problems))
    return table


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
