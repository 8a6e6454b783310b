"""The overview's table, column by column: the one definition the page and its Excel export
both read, so that the export's rows are the page's."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

from thai.digits import thai_digits

# The kinds as a table's narrow column writes them.
SHORT_KINDS = {
    "sao": "อบต.",
    "subdistrict_municipality": "ทต.",
    "town_municipality": "ทม.",
    "city_municipality": "ทน.",
    "pao": "อบจ.",
    "other": "อื่น ๆ",
}
LATE = " (เกินกำหนด)"
# What answers an item, as a column tells apart two items of one code (O42: the plan and the
# analysis of last year's results, assessments/migrations/0004).
SHORT_ANSWERS = {"plan": "มาตรการ", "analysis": "การวิเคราะห์", "report": "รายงาน"}
PERIODS = {1: "รอบ ๖ เดือน", 2: "รอบ ๑๒ เดือน"}


@dataclass(frozen=True)
class Cell:
    value: object  # str, int or Decimal; "" when there is nothing
    css: str = ""
    overdue: bool = False


def headers(items) -> list[str]:
    return [
        "หน่วยงาน",
        "ประเภท",
        "อำเภอ",
        "จังหวัด",
        *item_labels(items),
        "รอบที่รายงาน",
        "ดำเนินการแล้ว",
        "อยู่ระหว่างดำเนินการ",
        "ยังไม่ดำเนินการ",
        "คะแนน ITA",
        "ระดับ",
        "คะแนนปีก่อน",
        "ระดับปีก่อน",
    ]


def item_labels(items) -> list[str]:
    """Each item's column: "ข้อ O43"; with what answers it when another item has its code."""
    codes = [item.code for item in items]
    labels = []
    for item in items:
        label = f"ข้อ {item.code or item.name}"
        if item.code and codes.count(item.code) > 1:
            what = SHORT_ANSWERS.get(item.document_kind, item.name)
            label = " ".join(filter(None, [label, what, PERIODS.get(item.period)]))
        labels.append(label)
    return labels


def cells(row) -> list[Cell]:
    tally = row.tally
    counts = (
        [
            Cell(tally.period_label),
            Cell(tally.done),
            Cell(tally.in_progress),
            Cell(tally.not_started),
        ]
        if tally
        else [Cell("ยังไม่มีแผน"), Cell(""), Cell(""), Cell("")]
    )
    return [
        Cell(row.name, "name"),
        Cell(SHORT_KINDS.get(row.kind, "")),
        Cell(row.district),
        Cell(row.province),
        *(
            Cell(state.label + (LATE if state.overdue else ""), f"state-{state.key}", state.overdue)
            for state in row.states
        ),
        *counts,
        Cell(_or_blank(row.score), "number"),
        Cell(row.level),
        Cell(_or_blank(row.previous_score), "number"),
        Cell(row.previous_level),
    ]


def _or_blank(value):
    return "" if value is None else value


def shown(value) -> str:
    """A cell's value as the page prints it (Thai digits)."""
    return thai_digits(str(value))


def row_html(row, link: str) -> str:
    """One row of the page's table: the organisation's name as a link to `link`, then the
    cells (written here, not in the template: a page of rows is thousands of cells, and the
    template engine would spend most of the page's time on them)."""
    first, *rest = cells(row)
    return format_html(
        '<tr><th scope="row"><a href="{}">{}</a></th>{}</tr>',
        link,
        first.value,
        format_html_join(
            "",
            '<td class="{}">{}</td>',
            (
                (f"{cell.css} late".strip() if cell.overdue else cell.css, _text(cell))
                for cell in rest
            ),
        ),
    )


def _text(cell):
    """A cell's text; an overdue state says so on a line of its own."""
    if cell.overdue:
        state = str(cell.value).removesuffix(LATE)
        return format_html('{} <span class="late-mark">{}</span>', state, LATE.strip())
    return shown(cell.value)
