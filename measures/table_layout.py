"""Where the measure table is in what was read, and what each of its cells is.

A file is read as tables of rows of texts: a sheet is one table, a Word document one per table.
A header row names the columns (มาตรการ | ขั้นตอนหรือวิธีการ | ผู้รับผิดชอบ | ผลการดำเนินการ |
การกำกับติดตาม, with the spellings of HEADER_ALIASES, and ที่, สถานะ or ตัวชี้วัด when a table
has them).
Every header row, the first one or one typed again on a later page or in a later table, says
which column is which for the rows below it: a column that only some tables have is read by its
name, never by its position. หมายเหตุ is the follow-up only in a table with results; elsewhere it
is a remark and not read.

What is not read is said, as notes the preview shows: columns the import does not use, text
before the header or outside the table's columns, title and section rows, tables that are not
the measure table."""

import re
from dataclasses import dataclass, field

from thai.digits import thai_digits

from .table_text import HEADING, parse_label

NUMBER = "ที่"
MEASURE = "มาตรการ"
STEPS = "ขั้นตอนหรือวิธีการ"
RESPONSIBLE = "ผู้รับผิดชอบ"
RESULT = "ผลการดำเนินการ"
FOLLOW_UP = "การกำกับติดตาม"
STATUS = "สถานะ"
INDICATORS = "ตัวชี้วัด"  # the ITA indicators a measure answers (measures/indicator_cells.py)
REMARKS = "หมายเหตุ"
FIELDS = [NUMBER, MEASURE, STEPS, RESPONSIBLE, RESULT, FOLLOW_UP, STATUS, INDICATORS]
REQUIRED = [MEASURE, STEPS, RESPONSIBLE]
# Header spellings seen in real tables (whitespace ignored): the seed's own, cut short on some of
# its pages (ผลการ, การกำกับ), and those of other offices' plans.
HEADER_ALIASES = {
    **dict.fromkeys(["ที่", "ลำดับ", "ลำดับที่", "ข้อ", "ข้อที่"], NUMBER),
    **dict.fromkeys(
        [
            "มาตรการ",
            "มาตรการ/แนวทาง",
            "มาตรการ/แนวทางการดำเนินการ",
            "มาตรการ/แนวทางดำเนินการ",
            "มาตรการ/โครงการ",
            "มาตรการ/กิจกรรม",
            "แนวทาง/มาตรการ",
        ],
        MEASURE,
    ),
    **dict.fromkeys(
        [
            "ขั้นตอนหรือวิธีการ",
            "ขั้นตอน/วิธีการ",
            "ขั้นตอนและวิธีการ",
            "ขั้นตอนหรือวิธีการดำเนินการ",
            "ขั้นตอนการดำเนินการ",
            "ขั้นตอนการดำเนินงาน",
            "วิธีการดำเนินการ",
            "วิธีการดำเนินงาน",
            "ขั้นตอน",
            "วิธีการ",
        ],
        STEPS,
    ),
    **dict.fromkeys(
        [
            "ผู้รับผิดชอบ",
            "หน่วยงานที่รับผิดชอบ",
            "หน่วยงานรับผิดชอบ",
            "ส่วนราชการที่รับผิดชอบ",
            "ส่วนราชการผู้รับผิดชอบ",
            "ส่วนราชการรับผิดชอบ",
            "หน่วยงาน/ผู้รับผิดชอบ",
            "ผู้รับผิดชอบ/หน่วยงาน",
        ],
        RESPONSIBLE,
    ),
    **dict.fromkeys(
        ["ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลการปฏิบัติงาน", "ผลการดำเนินการ/ผลการดำเนินงาน", "ผลการ"],
        RESULT,
    ),
    **dict.fromkeys(["การกำกับติดตาม", "การกำกับ", "การกำกับและติดตาม"], FOLLOW_UP),
    **dict.fromkeys(["สถานะ", "สถานะการดำเนินการ", "สถานะการดำเนินงาน"], STATUS),
    **dict.fromkeys(
        ["ตัวชี้วัด", "ตัวชี้วัดITA", "ตัวชี้วัดที่ตอบ", "ตัวชี้วัดITAที่ตอบ", "ตอบตัวชี้วัด",
         "ตอบตัวชี้วัดITA"],
        INDICATORS,
    ),
}  # fmt: skip
HEADER_SEARCH_ROWS = 50
NOTES_MAX = 60
QUOTE_MAX = 60


class LayoutError(Exception):
    """No measure table in what was read; the message says why, in Thai."""


@dataclass
class Table:
    """Rows of cell texts as read. `numbers`: each row's number in its table or sheet;
    `name`: "ตารางที่ ๒" in a Word document, "" for a sheet. `merged_rows`: rows that are one
    cell across the table; `continued`: row index -> columns whose cell continues the one above
    (merged down); `formulas`: (row index, column) of cells that are formulas."""

    rows: list[list[str]]
    numbers: list[int]
    name: str = ""
    merged_rows: set[int] = field(default_factory=set)
    continued: dict[int, set[int]] = field(default_factory=dict)
    formulas: set[tuple[int, int]] = field(default_factory=set)

    def where(self, index: int) -> str:
        row = f"แถวที่ {thai_digits(self.numbers[index])}"
        return f"{self.name} {row}" if self.name else row


@dataclass
class MeasureRow:
    key: int
    where: str
    cells: dict[str, str]
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Layout:
    rows: list[MeasureRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)  # fields some table of the file has

    def note(self, text: str) -> None:
        if len(self.notes) < NOTES_MAX:
            self.notes.append(text)
        elif len(self.notes) == NOTES_MAX:
            self.notes.append("และข้อความอื่นที่ไม่ได้นำเข้าอีก")


def normalise_header(cell: str) -> str:
    """A header's name as compared: without whitespace, a colon or what is in brackets (a
    period, a unit: "ผลการดำเนินงาน (ต.ค. ๖๖ – มี.ค. ๖๗)"), ดำเนินงาน read as ดำเนินการ (the
    two are written for one another)."""
    name = re.sub(r"[\s\u200b:]+", "", cell or "")
    name = re.sub(r"\([^()]*\)", "", name) or name
    return name.replace("ดำเนินงาน", "ดำเนินการ")


HEADER_NAMES = {normalise_header(name): known for name, known in HEADER_ALIASES.items()}


def header_columns(row) -> dict[str, int] | None:
    """The column of each field a header row names, or None if the row is no header."""
    names = [normalise_header(cell) for cell in row]
    columns = {}
    for column, name in enumerate(names):
        known = HEADER_NAMES.get(name)
        if known and known not in columns:
            columns[known] = column
    if MEASURE not in columns or not ({STEPS, RESPONSIBLE} & columns.keys()):
        return None
    if REMARKS in names and FOLLOW_UP not in columns and RESULT in columns:
        columns[FOLLOW_UP] = names.index(REMARKS)
    return columns


def quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:QUOTE_MAX]}…”" if len(text) > QUOTE_MAX else f"“{text}”"


def read_layout(tables: list[Table]) -> Layout:
    """The measure rows of every table, each keyed by a count of the rows read before it (in a
    sheet, its row number), and notes of what is not read. LayoutError without any measure
    table."""
    layout = Layout()
    missing = None
    previous = None
    key = 1
    for table in tables:
        found, table_missing = _find_header(table)
        if found is None and previous is not None and _continues(table, previous):
            layout.note(f"{table.name} ไม่มีหัวตาราง อ่านตามหัวตารางของตารางก่อนหน้า (จำนวนคอลัมน์เท่ากัน)")
            found = (-1, previous)
        if found is None:
            missing = missing or table_missing
            _not_read(layout, table)
            key += len(table.rows)
            continue
        at, columns = found
        for index in range(max(at, 0)):
            if any(cell.strip() for cell in table.rows[index]):
                text = " ".join(cell for cell in dict.fromkeys(table.rows[index]) if cell.strip())
                layout.note(f"{table.where(index)}: ข้อความก่อนหัวตาราง {quoted(text)} ไม่ได้นำเข้า")
        previous = _read_rows(layout, table, at, columns, key)
        key += len(table.rows)
    if not layout.rows:
        if layout.columns:
            raise LayoutError("ไม่พบมาตรการในไฟล์ (มีแต่หัวตาราง)")
        if missing:
            raise LayoutError(f"หัวตารางขาดคอลัมน์: {', '.join(missing)}")
        raise LayoutError(
            "ไม่พบหัวตาราง ต้องมีคอลัมน์ "
            + " | ".join(REQUIRED + [RESULT, FOLLOW_UP])
            + " (คอลัมน์สุดท้ายชื่อ หมายเหตุ ก็ได้)"
        )
    return layout


def _find_header(table: Table):
    """(index, columns) of the table's first header row, and the columns a near-header lacks."""
    missing = None
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        columns = header_columns(row)
        if columns is None:
            names = {HEADER_NAMES.get(normalise_header(cell)) for cell in row}
            if MEASURE in names:
                missing = missing or [name for name in REQUIRED if name not in names]
            continue
        lacking = [name for name in REQUIRED if name not in columns]
        if not lacking:
            return (index, columns), None
        missing = missing or lacking
    return None, missing


def first_header_row(table: Table) -> int | None:
    """The index of the table's first header row, if it has one."""
    found, _ = _find_header(table)
    return found[0] if found else None


def _continues(table: Table, columns: dict) -> bool:
    width = max(columns.values()) + 1
    return (
        bool(table.rows)
        and all(len(row) <= width + 1 for row in table.rows)
        and (len(table.rows[0]) >= width)
    )


def _not_read(layout: Layout, table: Table) -> None:
    text = " ".join(cell for row in table.rows[:3] for cell in dict.fromkeys(row) if cell.strip())
    if text:
        place = table.name or "ไฟล์"
        layout.note(f"{place} ไม่ใช่ตารางมาตรการ (ไม่พบหัวตาราง) ไม่ได้นำเข้า: {quoted(text)}")


def _read_rows(layout: Layout, table: Table, at: int, columns: dict, key: int) -> dict:
    """Append the table's measure rows below its header at `at` (-1: a table that continues the
    one before, without a header); returns the columns of its last header."""
    if at >= 0:
        _name_unused(layout, table, at, columns)
    named = _named_columns(table.rows[at]) if at >= 0 else set(columns.values())
    layout.columns.update(columns)
    candidates = []
    for index in range(at + 1, len(table.rows)):
        row = table.rows[index]
        again = header_columns(row)
        if again is not None:
            columns, named = again, _named_columns(row)
            layout.columns.update(columns)
            _name_unused(layout, table, index, columns)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if index in table.merged_rows:
            layout.note(f"{table.where(index)}: {quoted(row[0])} เป็นหัวเรื่อง ไม่ได้นำเข้าเป็นมาตรการ")
            continue
        if columns[MEASURE] in table.continued.get(index, set()) and candidates:
            _continue_above(candidates[-1], table, index, columns)
            continue
        candidates.append(_measure_row(table, index, key + index, columns, named))
    _drop_section_rows(layout, candidates)
    return columns


def _name_unused(layout: Layout, table: Table, index: int, columns: dict) -> None:
    used = set(columns.values())
    for column, cell in enumerate(table.rows[index]):
        name = " ".join(cell.split())
        if column in used or not name or (column > 0 and cell == table.rows[index][column - 1]):
            continue
        why = ""
        if normalise_header(cell) == REMARKS:
            why = " (ตารางนี้ไม่มีคอลัมน์ผลการดำเนินการ หมายเหตุจึงไม่ใช่การกำกับติดตาม)"
        text = f"ไม่ได้นำเข้าคอลัมน์ “{name}”{why}" + (f" ({table.name})" if table.name else "")
        if text not in layout.notes:
            layout.note(text)


def _named_columns(header) -> set[int]:
    return {column for column, cell in enumerate(header) if cell.strip()}


def _measure_row(table: Table, index: int, key: int, columns: dict, named: set) -> MeasureRow:
    row = table.rows[index]
    cells = {
        name: (row[column] if column < len(row) else "").strip() for name, column in columns.items()
    }
    measure_row = MeasureRow(key=key, where=table.where(index), cells=cells)
    for column, cell in enumerate(row):
        if column in named or not cell.strip() or (column > 0 and cell == row[column - 1]):
            continue
        measure_row.notes.append(
            f"ข้อความนอกคอลัมน์ของตาราง (คอลัมน์ที่ {thai_digits(column + 1)}) {quoted(cell)} ไม่ได้นำเข้า"
        )
    for name, column in columns.items():
        if (index, column) in table.formulas:
            measure_row.errors.append(f"คอลัมน์ {name} เป็นสูตร (ขึ้นต้นด้วย =) ระบบรับเฉพาะข้อความ")
    return measure_row


def _continue_above(above: MeasureRow, table: Table, index: int, columns: dict) -> None:
    """A row whose measure cell is merged with the one above: its other cells add to that
    measure (steps in rows of their own)."""
    row = table.rows[index]
    continued = table.continued.get(index, set())
    for name, column in columns.items():
        text = row[column].strip() if column < len(row) else ""
        if text and column not in continued:
            above.cells[name] = "\n".join(part for part in (above.cells.get(name), text) if part)


def _drop_section_rows(layout: Layout, candidates: list[MeasureRow]) -> None:
    """Rows with a title and nothing else are section headings ("มิติที่ ๑ …", or "1. …" above
    "1.1", "1.2"): said, not imported. Every other row is a measure."""
    labels = [_label(row) for row in candidates]
    for row, label in zip(candidates, labels, strict=True):
        only_title = not any(
            text for name, text in row.cells.items() if name not in (MEASURE, NUMBER)
        )
        parent = label and any(other.startswith(label + ".") for other in labels if other)
        if only_title and (not label or parent):
            layout.note(f"{row.where}: {quoted(row.cells[MEASURE])} เป็นหัวข้อ ไม่ได้นำเข้าเป็นมาตรการ")
        else:
            layout.rows.append(row)


def _label(row: MeasureRow) -> str:
    try:
        if row.cells.get(NUMBER):
            return parse_label(row.cells[NUMBER])
        match = HEADING.match(row.cells.get(MEASURE, ""))
        return parse_label(match.group(1)) if match else ""
    except ValueError:
        return ""
