"""ITA results as a table, read from .xlsx or .csv (organisations/table_files.py) in either of
the two shapes people keep them in:

- a list, as the assessment reports one organisation: ตัวชี้วัด | คะแนน, a row per indicator,
  plus a row คะแนนรวม and a row ระดับ (the level in the คะแนน column); with a หน่วยงาน column,
  the rows of many organisations in one table;
- a sheet of organisations, as a province summarises them: หน่วยงาน | คะแนนรวม | ระดับ | a
  column per indicator.

Indicators are named by their code or their name as the assessment year has them (๙, 9.,
ตัวชี้วัดที่ ๙, การเปิดเผยข้อมูล); digits may be Thai or Arabic. Every value keeps its row
number; what cannot be placed is an error naming its row, never guessed, and a column that is
not read is named in a note. Which organisation a name means is for the import to decide
(assessments/imports.py).
"""

import re
from dataclasses import dataclass, field

from organisations.table_files import TableFileError, TableKind, cell_text, read_table_rows
from thai.digits import arabic_digits, thai_count, thai_digits

from .scores import check_level, parse_score

RESULTS_TABLE = TableKind(table="ตารางผลการประเมิน", unit="แถว")
# A province's few hundred organisations with a dozen rows each, in the list shape.
ROWS_MAX = 12_000
HEADER_SEARCH_ROWS = 50
# An organisation, its total and level, and a column per indicator (a year has a few dozen).
COLUMNS_MAX = 300

ORGANISATION, INDICATOR, SCORE, TOTAL, LEVEL = "หน่วยงาน", "ตัวชี้วัด", "คะแนน", "คะแนนรวม", "ระดับ"
HEADERS = {
    "หน่วยงาน": ORGANISATION,
    "ชื่อหน่วยงาน": ORGANISATION,
    "อปท.": ORGANISATION,
    "องค์กรปกครองส่วนท้องถิ่น": ORGANISATION,
    "ชื่อองค์กรปกครองส่วนท้องถิ่น": ORGANISATION,
    "ตัวชี้วัด": INDICATOR,
    "ตัวชี้วัดการประเมิน": INDICATOR,
    "คะแนน": SCORE,
    "คะแนนที่ได้": SCORE,
    "ผลคะแนน": SCORE,
    "คะแนนรวม": TOTAL,
    "รวม": TOTAL,
    "คะแนนรวมita": TOTAL,
    "คะแนนita": TOTAL,
    "ita": TOTAL,
    "ระดับ": LEVEL,
    "ระดับผลการประเมิน": LEVEL,
    "ระดับคะแนน": LEVEL,
}
SHAPES_HELP = (
    "หัวตารางต้องเป็น ตัวชี้วัด | คะแนน (มีแถว คะแนนรวม และ ระดับ; เพิ่มคอลัมน์ หน่วยงาน ได้) "
    "หรือ หน่วยงาน | คะแนนรวม | ระดับ | คอลัมน์ละหนึ่งตัวชี้วัด"
)


@dataclass
class Read:
    """A value and the row of the file it came from."""

    row: int
    value: object


@dataclass
class ResultRead:
    """What the file says of one organisation's result."""

    organisation: str  # as written in the file; "" when the file has no organisation column
    first_row: int
    total: Read | None = None
    level: Read | None = None
    scores: dict = field(default_factory=dict)  # Indicator -> Read(score)
    offered: set = field(default_factory=set)  # TOTAL, LEVEL: a row gave one (maybe refused)


@dataclass
class ResultsTable:
    results: list[ResultRead]
    has_organisation_column: bool
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, message)
    notes: list[str] = field(default_factory=list)


def normalised(text: str) -> str:
    return re.sub(r"\s+", "", arabic_digits(text or "")).casefold()


class IndicatorNames:
    """Finds the year's indicator a cell names: by code, by name, or both (ตัวชี้วัดที่ ๙
    การเปิดเผยข้อมูล); a code and a name that disagree are an error, not a guess."""

    def __init__(self, indicators):
        self.by_code = {normalised(i.code): i for i in indicators}
        self.by_name = {normalised(i.name): i for i in indicators}
        self.codes = ", ".join(thai_digits(i.code) for i in indicators)

    def find(self, text: str):
        """The indicator, or None when the text names none; ValueError (Thai) on a mismatch."""
        key = normalised(text).removeprefix("ตัวชี้วัดที่").removeprefix("ตัวชี้วัด")
        if key in self.by_code or key in self.by_name:
            return self.by_code.get(key) or self.by_name[key]
        match = re.match(r"^([0-9a-z]+)[.):\-]*(.*)$", key)
        if not match or match.group(1) not in self.by_code:
            return None
        indicator, rest = self.by_code[match.group(1)], match.group(2)
        named = self.by_name.get(rest)
        if named is not None and named != indicator:
            raise ValueError(
                f"“{text[:60]}”: รหัสตัวชี้วัด {thai_digits(indicator.code)} "
                f"ไม่ตรงกับชื่อ {named.name} กรุณาแก้ให้ตรงกัน"
            )
        return indicator


def read_results_table(content, filename, *, indicators, levels, max_bytes) -> ResultsTable:
    """The results in the file, for the assessment year whose `indicators` and level labels
    (`levels`) are given. TableFileError (Thai) when the file as a whole cannot be read."""
    raw = read_table_rows(
        content, filename, max_bytes=max_bytes, max_rows=ROWS_MAX, kind=RESULTS_TABLE
    )
    names = IndicatorNames(indicators)
    header_at, columns, shape = _header(raw.rows, names)
    problems = [
        f"เซลล์ {reference} (แถวที่ {thai_digits(first)}) ผสานกันอยู่ "
        "กรุณายกเลิกการผสานเซลล์ (unmerge) แล้วนำเข้าใหม่"
        for first, last, reference in raw.merged
        if last > header_at + 1
    ]
    read_columns = {column for column in columns.values() if column is not None}
    problems += [
        f"แถวที่ {thai_digits(number)} มีสูตร (ขึ้นต้นด้วย =) ระบบรับเฉพาะค่า "
        "กรุณาคัดลอกแล้ววางแบบค่า (Paste Values) แล้วนำเข้าใหม่"
        for number, column in raw.formulas
        if number > header_at + 1 and column in read_columns
    ]
    if problems:
        raise TableFileError("\n".join(problems))
    table = ResultsTable([], ORGANISATION in columns)
    table.notes = _unread_columns(raw.rows[header_at], read_columns)
    reader = _read_list if shape == "list" else _read_sheet
    reader(raw.rows, header_at, columns, names, levels, table)
    if not table.results and not table.errors:
        raise TableFileError("ไม่พบผลการประเมินในไฟล์ (มีแต่หัวตาราง)")
    return table


def _header(rows, names):
    """(index of the header row, {role or indicator: column}, "list" or "sheet")."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        filled = [(column, cell) for column, cell in enumerate(row) if cell.strip()]
        if len(filled) > COLUMNS_MAX:
            raise TableFileError(
                f"แถวที่ {thai_digits(index + 1)} มีข้อมูล {thai_count(len(filled))} คอลัมน์ "
                f"เกินกว่าที่ตารางผลการประเมินมีได้ (ไม่เกิน {thai_count(COLUMNS_MAX)} คอลัมน์)"
            )
        roles = {}
        for column, cell in filled:
            role = HEADERS.get(normalised(cell))
            if role and role not in roles:
                roles[role] = column
        if INDICATOR in roles and SCORE in roles:
            listed = {r: roles[r] for r in (ORGANISATION, INDICATOR, SCORE) if r in roles}
            return index, listed, "list"
        if ORGANISATION in roles:
            sheet = _sheet_columns(index, row, roles, names)
            if len(sheet) > 1:
                return index, sheet, "sheet"
    raise TableFileError(f"ไม่พบหัวตาราง {SHAPES_HELP}")


def _sheet_columns(index, row, roles, names) -> dict:
    """A sheet of organisations: its organisation, total (a lone คะแนน column is the total),
    level and indicator columns."""
    sheet = {role: roles[role] for role in (ORGANISATION, TOTAL, LEVEL) if role in roles}
    if TOTAL not in sheet and SCORE in roles:
        sheet[TOTAL] = roles[SCORE]
    for column, cell in enumerate(row):
        if not cell.strip() or column in roles.values():
            continue
        try:
            indicator = names.find(cell)
        except ValueError as error:
            raise TableFileError(f"หัวตารางแถวที่ {thai_digits(index + 1)}: {error}") from None
        if indicator is not None and indicator not in sheet:
            sheet[indicator] = column
    return sheet


def _unread_columns(header, read_columns) -> list[str]:
    unread = [
        cell.strip()
        for column, cell in enumerate(header)
        if cell.strip() and column not in read_columns
    ]
    if not unread:
        return []
    return ["คอลัมน์ที่ไม่ได้นำเข้า: " + ", ".join(name[:40] for name in unread)]


def _result(table, by_organisation, organisation, number) -> ResultRead:
    key = normalised(organisation)
    if key not in by_organisation:
        by_organisation[key] = ResultRead(" ".join(organisation.split()), number)
        table.results.append(by_organisation[key])
    return by_organisation[key]


def _place(table, result, what, number, text, levels, indicator=None):
    """Put one value into the result, or an error naming its row."""
    result.offered.add(what)
    try:
        if what == LEVEL:
            value = check_level(text, levels)
        else:
            value = parse_score(text)
    except ValueError as error:
        table.errors.append((number, str(error)))
        return
    label = "ระดับ" if what == LEVEL else "คะแนนรวม" if what == TOTAL else str(indicator)
    held = (
        result.level
        if what == LEVEL
        else result.total
        if what == TOTAL
        else (result.scores.get(indicator))
    )
    if held is not None:
        where = f" ของ{result.organisation}" if result.organisation else ""
        table.errors.append(
            (number, f"{label}{where} ซ้ำกับแถวที่ {thai_digits(held.row)} ระบบไม่เลือกให้")
        )
        return
    read = Read(number, value)
    if what == LEVEL:
        result.level = read
    elif what == TOTAL:
        result.total = read
    else:
        result.scores[indicator] = read


def _read_list(rows, header_at, columns, names, levels, table):
    by_organisation = {}
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        organisation = cell_text(row, columns.get(ORGANISATION))
        label = cell_text(row, columns[INDICATOR])
        value = cell_text(row, columns[SCORE])
        if not (organisation or label or value) or normalised(label) == INDICATOR:
            continue
        if table.has_organisation_column and not organisation:
            table.errors.append((number, "ไม่ระบุหน่วยงาน"))
            continue
        if not label:
            table.errors.append((number, f"มีคะแนน “{value[:30]}” แต่ไม่ระบุตัวชี้วัด"))
            continue
        role = HEADERS.get(normalised(label))
        indicator = None
        if role not in (TOTAL, LEVEL):
            try:
                indicator = names.find(label)
            except ValueError as error:
                table.errors.append((number, str(error)))
                continue
            if indicator is None:
                table.errors.append((number, _unknown(label, names)))
                continue
        what = role if role in (TOTAL, LEVEL) else SCORE
        if not value:
            table.errors.append((number, f"{indicator or label} ไม่มีค่าในคอลัมน์คะแนน"))
            continue
        result = _result(table, by_organisation, organisation, number)
        _place(table, result, what, number, value, levels, indicator)


def _read_sheet(rows, header_at, columns, names, levels, table):
    by_organisation = {}
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        organisation = cell_text(row, columns[ORGANISATION])
        values = {
            key: cell_text(row, column) for key, column in columns.items() if key != ORGANISATION
        }
        if not organisation and not any(values.values()):
            continue
        if normalised(organisation) in HEADERS:  # the header repeated on a later page
            continue
        if not organisation:
            table.errors.append((number, "ไม่ระบุหน่วยงาน"))
            continue
        result = _result(table, by_organisation, organisation, number)
        for key, value in values.items():
            if value:
                what = key if key in (TOTAL, LEVEL) else SCORE
                _place(table, result, what, number, value, levels, None if what != SCORE else key)


def _unknown(label, names) -> str:
    known = f" (ตัวชี้วัดของปีนี้: {names.codes})" if names.codes else ""
    return f"ไม่พบตัวชี้วัด “{label[:60]}” ในปีการประเมินนี้{known}"


def too_many_organisations(count, limit) -> str:
    return (
        f"ไฟล์มีผลของ {thai_count(count)} หน่วยงาน "
        f"เกินกว่าที่นำเข้าได้ในครั้งเดียว ({thai_count(limit)} หน่วยงาน)"
    )
