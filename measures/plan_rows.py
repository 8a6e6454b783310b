"""One row of an imported measure table read whole: what it will write to the plan (the
measure's number as written, title, steps, divisions) and to the period's progress (result,
status, follow-up), what it holds that is not written, and what is wrong with it.

The status comes from the table's สถานะ column, from the person's choice in the preview, or from
the result's wording (measures.status_wording); wording that says no status is not guessed, and
the row waits for a choice. A cell holding only a tick or a dash is not a result."""

from dataclasses import dataclass, field

from thai.digits import restore_latin_digits, thai_digits

from .indicator_cells import read_indicators
from .limits import FOLLOW_UP_MAX, RESULT_MAX, STEP_MAX, TITLE_MAX, too_long_message
from .models import ALL_DIVISIONS_LABEL, Status
from .plan_files import (
    CELL_MAX,
    COLUMNS,
    ERRORS_COLUMN,
    INDICATORS_COLUMN,
    NOTES_COLUMN,
    NUMBER_COLUMN,
    ROW_COLUMN,
    STATUS_COLUMN,
    WHERE_COLUMN,
    beyond_reading,
)
from .status_wording import is_only_a_mark, status_of
from .table_text import (
    label_key,
    parse_heading,
    parse_label,
    repair_spaces,
    shows_wrap_damage,
    split_divisions,
    split_steps,
)

MEASURE, STEPS, RESPONSIBLE, RESULT, FOLLOW_UP = COLUMNS
STATUS_BY_LABEL = {label: value for value, label in Status.choices} | {v: v for v in Status.values}
STATUS_FROM = {
    "column": "จากคอลัมน์สถานะ",
    "chosen": "ผู้นำเข้าเลือก",
    "wording": "อ่านจากถ้อยคำของผล",
    "empty": "ยังไม่มีผล",
}


@dataclass
class ParsedRow:
    key: int
    where: str
    label: str = ""  # the measure's number as written ("12", "1.1"), Arabic digits
    title: str = ""
    steps: list[str] = field(default_factory=list)
    all_divisions: bool = False
    divisions: list = field(default_factory=list)
    result: str = ""
    follow_up: str = ""
    status: str = ""
    status_from: str = ""
    status_needed: bool = False  # the wording says no status and nobody chose one yet
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    number: int | None = None  # the measure's place in the plan, once the file is read whole
    indicators: list | None = None  # the ITA indicators it answers; None: the file has no column

    @property
    def has_progress(self) -> bool:
        return bool(self.result or self.follow_up or self.status or self.status_needed)

    @property
    def responsible(self) -> str:
        if self.all_divisions:
            return ALL_DIVISIONS_LABEL
        return "/".join(division.label for division in self.divisions)

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""

    @property
    def status_source(self) -> str:
        return STATUS_FROM.get(self.status_from, "")

    @property
    def named(self) -> str:
        """Where the row is and which measure it is, for messages: แถวที่ ๕ ข้อ ๓ “ประชุม…”."""
        name = self.where
        if self.label:
            name += f" ข้อ {thai_digits(self.label)}"
        if self.title:
            short = self.title if len(self.title) <= 40 else self.title[:40] + "…"
            name += f" “{short}”"
        return name


def parse_row(
    values: dict, *, divisions_by_name: dict, organisation, period, chosen, indicators=None
) -> ParsedRow:
    """Read one Dataset row of measures.plan_files. `chosen`: the status picked for this row
    in the preview, if any; `indicators`: (the indicators of the assessment year the plan
    answers, that year) when the file has a ตัวชี้วัด column."""
    parsed = ParsedRow(key=int(values[ROW_COLUMN]), where=values[WHERE_COLUMN])
    parsed.notes = [line for line in (values.get(NOTES_COLUMN) or "").split("\n") if line]
    parsed.errors = [line for line in (values.get(ERRORS_COLUMN) or "").split("\n") if line]
    cells = {name: values.get(name) or "" for name in [*COLUMNS, NUMBER_COLUMN, STATUS_COLUMN]}
    read = [MEASURE, STEPS] + ([RESULT, FOLLOW_UP] if period is not None else [])
    unread = [name for name in read if beyond_reading(name, cells[name])]
    for name in unread:
        parsed.errors.append(too_long_message(CELL_MAX[name][1], CELL_MAX[name][0]))
        cells[name] = ""
    damaged = shows_wrap_damage(cells[name] for name in COLUMNS)
    if MEASURE not in unread:
        _read_heading(parsed, cells, damaged)
    parsed.steps = [
        restore_latin_digits(step) for step in split_steps(cells[STEPS], damaged=damaged)
    ]
    for position, step in enumerate(parsed.steps, start=1):
        if len(step) > STEP_MAX:
            parsed.errors.append(
                f"ขั้นตอนที่ {thai_digits(position)} ยาวเกิน {thai_digits(f'{STEP_MAX:,}')} ตัวอักษร"
            )
    _read_divisions(parsed, cells[RESPONSIBLE], divisions_by_name, organisation)
    if indicators is not None:
        parsed.indicators, errors = read_indicators(values.get(INDICATORS_COLUMN), *indicators)
        parsed.errors += errors
    if period is not None and not unread:
        _read_progress(parsed, cells, damaged, chosen)
    return parsed


def _read_heading(parsed, cells, damaged) -> None:
    try:
        label = parse_label(cells[NUMBER_COLUMN]) if cells[NUMBER_COLUMN] else ""
        heading = parse_heading(cells[MEASURE], label=label, damaged=damaged)
    except ValueError as error:
        parsed.errors.append(str(error))
        return
    parsed.label, parsed.title = heading.label, restore_latin_digits(heading.title)
    if len(parsed.title) > TITLE_MAX:
        parsed.errors.append(
            f"ชื่อมาตรการยาว {thai_digits(f'{len(parsed.title):,}')} ตัวอักษร "
            f"เกินที่รับได้ ({thai_digits(f'{TITLE_MAX:,}')} ตัวอักษร)"
        )


def _read_divisions(parsed, cell, divisions_by_name, organisation) -> None:
    names = split_divisions(cell)
    if not names:
        parsed.errors.append("ไม่ได้ระบุผู้รับผิดชอบ")
    for name in names:
        key = "".join(name.split())
        if key == ALL_DIVISIONS_LABEL:
            parsed.all_divisions = True
        elif key in divisions_by_name:
            if divisions_by_name[key] not in parsed.divisions:
                parsed.divisions.append(divisions_by_name[key])
        else:
            parsed.errors.append(
                f"ไม่พบส่วนราชการ “{name}” ใน {organisation} (ใช้ชื่อหรือชื่อย่อของส่วนราชการ หรือ ทุกกอง)"
            )
    if parsed.all_divisions:
        parsed.divisions = []


def _read_progress(parsed, cells, damaged, chosen) -> None:
    result = restore_latin_digits(repair_spaces(cells[RESULT], damaged=damaged))
    follow_up = restore_latin_digits(repair_spaces(cells[FOLLOW_UP], damaged=damaged))
    marked = is_only_a_mark(result)
    if marked:
        parsed.notes.append(f"ช่องผลการดำเนินการมีเพียงเครื่องหมาย “{result}” จึงไม่นำมาเป็นผลการดำเนินการ")
        result = ""
    if is_only_a_mark(follow_up):
        parsed.notes.append(f"ช่องการกำกับติดตามมีเพียงเครื่องหมาย “{follow_up}” จึงไม่นำเข้า")
        follow_up = ""
    parsed.result, parsed.follow_up = result, follow_up
    # Said here, whatever the status: a row waiting for one is not written in the preview.
    for text, limit, label in ((result, RESULT_MAX, RESULT), (follow_up, FOLLOW_UP_MAX, FOLLOW_UP)):
        if len(text) > limit:
            parsed.errors.append(too_long_message(label, limit))
    written = "".join(cells[STATUS_COLUMN].split())
    if written:
        labels = {"".join(k.split()): v for k, v in STATUS_BY_LABEL.items()}
        status = labels.get(written) or status_of(written)
        if status is None:
            parsed.errors.append(
                f"สถานะ “{written}” ไม่รู้จัก ใช้ ยังไม่ดำเนินการ อยู่ระหว่างดำเนินการ หรือ ดำเนินการแล้ว"
            )
        else:
            parsed.status, parsed.status_from = status, "column"
    elif chosen:
        parsed.status, parsed.status_from = chosen, "chosen"
    elif result:
        status = status_of(result)
        if status is None:
            parsed.status_needed = True
        else:
            parsed.status, parsed.status_from = status, "wording"
    elif marked:
        parsed.status_needed = True
    elif follow_up:
        parsed.status, parsed.status_from = Status.NOT_STARTED, "empty"


def plan_numbers(rows: list[ParsedRow], existing) -> tuple[dict[str, tuple[int, str]], bool]:
    """The place and label in the plan of every measure, by its number as written: for a plan
    numbered 1, 2, 3 … each keeps its number; in a plan numbered by dimension (1.1, 2.1, 3.1.2)
    or one that already has such labels, measures of the file and of the plan are placed in the
    labels' order and keep their labels. Returns ({written number: (number, label)}, whether
    labels are used)."""
    labels = [row.label for row in rows if row.label]
    kept = {measure.item_label for measure in existing}
    labelled = any("." in label for label in labels) or any(m.label for m in existing)
    if not labelled:
        return {label: (int(label), "") for label in labels}, False
    ordered = sorted(set(labels) | kept, key=label_key)
    return {label: (place, label) for place, label in enumerate(ordered, start=1)}, True
