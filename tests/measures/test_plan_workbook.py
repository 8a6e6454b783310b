"""The plan exported as Excel opens readable and prints like the seed's table (issue 17 item 18):
a Thai font, wrapped cells, widths Excel accepts, A4 landscape fitted to the page's width with the
header row on every printed page; and it imports again unchanged."""

import io

import pytest
from openpyxl import load_workbook

from measures.models import FiscalYear
from measures.plans import plan_export, plan_import
from organisations.access import SYSTEM

pytestmark = pytest.mark.django_db
FONT_LINE_PT = 14 * 1.2  # the least a line of 14 pt type takes
COLUMNS = ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "การกำกับติดตาม", "สถานะ"]


def exported_sheet(fiscal_year, **options):
    workbook = load_workbook(io.BytesIO(plan_export(fiscal_year, period=1, **options)))
    return workbook.active


def table_cells(sheet):
    return [cell for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row) for cell in row]


def test_every_cell_is_in_a_thai_font_and_wraps(demo):
    sheet = exported_sheet(demo.fiscal_year)
    assert [cell.value for cell in sheet[1]] == COLUMNS
    assert sheet.max_row == 18 and sheet.max_column == 6
    for cell in table_cells(sheet):
        assert cell.font.name == "TH Sarabun New", cell.coordinate
        assert cell.font.size == 14, cell.coordinate
        assert cell.alignment.wrap_text, cell.coordinate
        assert cell.border.left.style == cell.border.bottom.style == "thin", cell.coordinate
    assert all(cell.font.bold for cell in sheet[1])
    assert all(cell.alignment.horizontal == "center" for cell in sheet[1])
    body = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not any(cell.font.bold for cell in body)
    assert all(cell.alignment.vertical == "top" for cell in body)


def test_columns_are_as_wide_as_the_documents_table(demo):
    """Widths in Excel's units (characters of the default font): never the 341 and 456 of a
    cell's whole length (Excel allows 255), and in the proportions of the PDF's columns."""
    sheet = exported_sheet(demo.fiscal_year)
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEF"]
    assert all(8 <= width <= 60 for width in widths), widths
    measure, steps, responsible, result, follow_up, status = widths
    assert steps > measure > result >= follow_up > responsible
    assert status < measure
    # About the width of an A4 landscape page at 100 %, so fitting it to the page barely shrinks.
    assert 130 <= sum(widths) <= 160, sum(widths)


def test_each_row_is_tall_enough_for_its_lines(demo):
    """Neither Excel nor LibreOffice fits rows to wrapped text on opening: a row as tall as one
    line showed one line of each cell."""
    sheet = exported_sheet(demo.fiscal_year)
    for row in sheet.iter_rows(min_row=2):
        typed_lines = max(str(cell.value or "").count("\n") + 1 for cell in row)
        height = sheet.row_dimensions[row[0].row].height
        assert height is not None and typed_lines * FONT_LINE_PT <= height <= 409, row[0].row
    # Measure ๙'s ten steps wrap to more lines than measure ๑๓'s one.
    assert sheet.row_dimensions[10].height > 2 * sheet.row_dimensions[14].height


def test_it_prints_on_a4_landscape_with_the_header_on_every_page(demo):
    sheet = exported_sheet(demo.fiscal_year)
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, as many long
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "A2"
    assert sheet.print_options.horizontalCentered
    assert "&P" in sheet.oddFooter.center.text  # the page number


def test_thai_digits_export_is_styled_the_same(demo):
    sheet = exported_sheet(demo.fiscal_year, thai_digits=True)
    assert sheet["A2"].value.startswith("๑)")
    assert sheet["A2"].font.name == "TH Sarabun New" and sheet["B2"].alignment.wrap_text
    assert sheet.print_title_rows == "$1:$1"


def test_the_styled_workbook_imports_again_unchanged(demo):
    """Export, import into another year, export that: the same cells."""
    content = plan_export(demo.fiscal_year, period=1)
    outcome = plan_import(
        organisation=demo.organisation, year=2572, period=1, content=content,
        filename="plan.xlsx", by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert outcome.ok, outcome.errors
    copy = FiscalYear.objects.get(organisation=demo.organisation, year=2572)
    values = lambda sheet: [[cell.value for cell in row] for row in sheet.iter_rows()]  # noqa: E731
    assert values(exported_sheet(copy)) == values(load_workbook(io.BytesIO(content)).active)
