"""The exported plan as a workbook an office opens and prints like the seed's table.

tablib (through django-import-export) writes the cells; this sets how they look and print with
openpyxl: TH Sarabun New (the official font; the PDF uses Laksaman, its metric twin) at the
PDF table's 14 pt, every cell wrapped and boxed, columns in the proportions of the PDF's table
(reports/LAYOUT.md) plus the status column, and A4 landscape fitted to the page's width with the
header row repeated on every printed page. Only the look changes: the cells are the ones
tablib wrote, so the file imports again as it was exported."""

import io

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from thai.text_width import wrapped_lines

FONT_NAME = "TH Sarabun New"
FONT_SIZE = 14
# Excel's units (characters of its default font, about 7 px): มาตรการ | ขั้นตอนหรือวิธีการ |
# ผู้รับผิดชอบ | ผลการดำเนินการ | การกำกับติดตาม | สถานะ. Together about the width of A4 landscape
# within the margins below, so fitting the sheet to the page barely shrinks it.
COLUMN_WIDTHS = [34, 37, 14, 22, 20, 13]
OTHER_COLUMN_WIDTH = 15
# A width unit is about 7 px of Excel's default font, plus 5 px; a cell keeps about 3 px of
# margin on each side. Excel sets lines of TH Sarabun New about 1.55 em apart (a 16 pt row is
# 24.75 pt; LibreOffice sets them closer). Neither fits a row's height to wrapped text when it
# opens a file, so each row gets its height; Excel allows at most 409 pt.
PX_PER_UNIT, PX_EXTRA, PX_MARGINS = 7, 5, 6
LINE_EM = 1.55
ROW_PADDING_PT = 4
ROW_MAX_PT = 409
MARGINS_INCH = PageMargins(left=0.6, right=0.6, top=0.7, bottom=0.7, header=0.3, footer=0.3)

_LINE = Side(style="thin", color="000000")
_BOX = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)


def printable_workbook(content: bytes, *, heading: str) -> bytes:
    """The .xlsx `content` (a header row, then one row per measure) styled to read and print;
    `heading` is printed at the top of every page."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    body_font = Font(name=FONT_NAME, size=FONT_SIZE)
    header_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    body_alignment = Alignment(wrap_text=True, vertical="top")
    header_alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        for cell in row:
            header = cell.row == 1
            cell.font = header_font if header else body_font
            cell.alignment = header_alignment if header else body_alignment
            cell.border = _BOX
    widths = [
        COLUMN_WIDTHS[index] if index < len(COLUMN_WIDTHS) else OTHER_COLUMN_WIDTH
        for index in range(sheet.max_column)
    ]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        sheet.row_dimensions[row[0].row].height = row_height(row, widths)
    _print_setup(sheet, heading)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_height(cells, widths) -> float:
    """Points for the row to show every line of its fullest cell, wrapped to its column."""
    lines = max(
        wrapped_lines(str(cell.value or ""), column_em(width))
        for cell, width in zip(cells, widths, strict=True)
    )
    return min(ROW_MAX_PT, round(lines * LINE_EM * FONT_SIZE + ROW_PADDING_PT, 1))


def column_em(width: float) -> float:
    """A column `width` units wide, as room for text in em of the sheet's font."""
    points = (width * PX_PER_UNIT + PX_EXTRA - PX_MARGINS) * 0.75
    return points / FONT_SIZE


def _print_setup(sheet, heading: str) -> None:
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as it takes
    sheet.page_margins = MARGINS_INCH
    sheet.print_options.horizontalCentered = True
    for item, text, style, size in (
        (sheet.oddHeader.center, heading, "Bold", FONT_SIZE + 2),
        (sheet.oddFooter.center, "หน้า &P / &N", "Regular", FONT_SIZE),
    ):
        item.text, item.font, item.size = text, f"{FONT_NAME},{style}", size
