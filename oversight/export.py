"""The overview as an Excel workbook (openpyxl): the page's table, every filtered row (not only
one page's), numbers as numbers; the assessment year and the filters in the title row."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from organisations.exports import neutralise
from thai.digits import thai_digits

from .table import cells, headers


def overview_workbook(found) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"ITA {found.assessment_year.year}"
    sheet.append(
        [
            f"ภาพรวมการประเมิน ITA ปี {thai_digits(found.assessment_year.year)} "
            f"({thai_digits(len(found.rows))} หน่วยงาน)"
        ]
    )
    sheet.append(headers(found.items))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in found.rows:
        sheet.append([neutralise(cell.value) for cell in cells(row)])
        for cell, shown in zip(sheet[sheet.max_row], cells(row)):
            if shown.css == "number":
                cell.number_format = "0.00"
    sheet.freeze_panes = "B3"
    sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
