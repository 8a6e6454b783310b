"""Which rows of a measure table are kept whole on one page.

A row that does not fit on the page it starts on continues on the next one, as Word does; a
short row (at most a quarter of a page) moves whole to the next page instead, so that no
measure is cut into two slivers. report.css lets every row break; the rendering adds
`break-inside: avoid` for the short rows this module finds.

Why not `break-inside: avoid` on every row, as the table had: WeasyPrint 70 then leaves a
row shorter than a page on the next page with the rest of this one empty, and a row taller than
a page (30 steps and a long result, fixtures/cases/09-cell-across-pages) leaves the title alone
on its page and loses the repeated header row on every page the row fills: its table layout
retries without the header when a row that avoids breaks does not fit even on an empty page.
A row that may break is laid out under the header on every page.

A row's height is estimated from the text each cell shows, wrapped to the column's width by the
font's advance widths (thai/text_width.py): within a line of what WeasyPrint lays out, which
tests/reports/test_table_pages.py checks for every row of the demo's tables.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from thai.text_width import wrapped_lines

PT_PER_MM = 72 / 25.4
# What report.css gives the table text: size, line height, a cell's padding and border (pt).
FONT_PT = 14
LINE_PT = FONT_PT * 1.3
CELL_SIDES_PT = 2 * 4 + 0.75
# A row at most this share of the page's height is kept whole.
SHORT_ROW_SHARE = 0.25


@dataclass(frozen=True)
class TableGeometry:
    """A table's page as report.css sets it: the table's width and the page's height inside its
    margins (mm), and each column's share of the width."""

    width_mm: float
    height_mm: float
    columns: tuple[float, ...]

    def column_width_em(self, index: int) -> float:
        return (self.width_mm * PT_PER_MM * self.columns[index] - CELL_SIDES_PT) / FONT_PT

    @property
    def short_row_lines(self) -> int:
        return int(SHORT_ROW_SHARE * self.height_mm * PT_PER_MM / LINE_PT)


# The report's table: A4 landscape, margins 1.5 cm (bottom 1.2 cm). The plan's announcement:
# A4 portrait with the memo's margins (left 3 cm, right 2 cm, top 1.5 cm, bottom 2 cm).
TABLES = {
    "report": TableGeometry(297 - 30, 210 - 15 - 12, (0.27, 0.29, 0.11, 0.17, 0.16)),
    "plan": TableGeometry(210 - 50, 297 - 15 - 20, (0.38, 0.44, 0.18)),
    # The analysis's table: the report's page, its own six columns.
    "analysis": TableGeometry(297 - 30, 210 - 15 - 12, (0.17, 0.07, 0.08, 0.22, 0.22, 0.24)),
}


def whole_rows_css(html: str, kind: str) -> str:
    """A style sheet keeping the short rows of the document's measure table whole ("" when
    every row may break). `kind` is the document's: "report", "plan" or "analysis"."""
    geometry = TABLES[kind]
    short = [
        number
        for number, row in enumerate(table_rows(html), start=1)
        if row_lines(row, geometry) <= geometry.short_row_lines
    ]
    if not short:
        return ""
    selectors = ", ".join(f"tbody > tr:nth-child({number})" for number in short)
    # The rendering's style sheets are user style sheets: only !important wins over report.css.
    return f"{selectors} {{ break-inside: avoid !important; }}"


def row_lines(row: list[list[str]], geometry: TableGeometry) -> int:
    """The lines the row's tallest cell takes. `row`: each cell's paragraphs (its lines of text
    as typed, steps and line breaks apart)."""
    return max(
        (
            sum(wrapped_lines(text, geometry.column_width_em(index)) for text in cell)
            for index, cell in enumerate(row[: len(geometry.columns)])
        ),
        default=0,
    )


def table_rows(html: str) -> list[list[list[str]]]:
    """The body rows of the first table in the HTML: each cell as its paragraphs."""
    reader = _TableReader()
    reader.feed(html)
    reader.close()
    return reader.rows


class _TableReader(HTMLParser):
    BLOCKS = {"li", "p", "div", "ol", "ul"}

    def __init__(self):
        super().__init__()
        self.rows = []
        self.in_body = False
        self.done = False
        self.cell = None
        self.line = None

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag == "td" and self.rows:
            self.cell = []
            self.rows[-1].append(self.cell)
        elif self.cell is not None and tag == "br":
            self.cell.append(" ".join((self.line or "").split()))
            self.line = None
        elif self.cell is not None and tag in self.BLOCKS:
            self._end_line()

    def handle_endtag(self, tag):
        if self.cell is not None and (tag in self.BLOCKS or tag == "td"):
            self._end_line()
        if tag == "td":
            self.cell = None
        elif tag == "tbody" and self.in_body:
            self.in_body, self.done = False, True

    def handle_data(self, data):
        if self.cell is not None:
            self.line = (self.line or "") + data

    def _end_line(self):
        text = " ".join((self.line or "").split())
        if text:
            self.cell.append(text)
        self.line = None
