"""The year's ITA table as a spreadsheet for typing into the assessment system (ITAS): the rows
ข้อ | URL | คำอธิบาย of publishing/website_table.py, one item a row, the URL a link, and the same
look and print set-up as the exported plan (measures/plan_workbook.py)."""

import io

from openpyxl import Workbook

from measures.plan_workbook import printable_workbook
from organisations.exports import neutralise
from thai.digits import thai_digits

HEADER = ["ข้อ", "URL", "คำอธิบาย"]
# Excel's units: the item, its address (about 60 characters), the description.
COLUMN_WIDTHS = [30, 45, 80]


def table_workbook(table) -> bytes:
    """The .xlsx bytes of a `YearTable`. Text typed by people (a withdrawal's reason) that
    starts like a formula is kept as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"ITA {table.assessment_year.year}"
    sheet.append(HEADER)
    for row in table.rows:
        sheet.append([neutralise(row.label), row.url, neutralise(row.description())])
        sheet.cell(row=sheet.max_row, column=2).hyperlink = row.url
    buffer = io.BytesIO()
    workbook.save(buffer)
    heading = (
        f"ข้อมูลการประเมิน ITA ประจำปี พ.ศ. {thai_digits(table.assessment_year.year)} "
        f"{table.organisation.name}"
    )
    return printable_workbook(buffer.getvalue(), heading=heading, column_widths=COLUMN_WIDTHS)
