"""The seed's measure table as a spreadsheet: the OCR's rows, repeated header rows and wrapped
lines as they are, with only the character damage the seed README names repaired."""

import io
from pathlib import Path

from openpyxl import Workbook

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "kiar-2566-first-half.ocr.txt"
CHARACTER_REPAIRS = [
    ("๑ ๒ ๓ ๔ ๕", "อบต.เกียร์"),
    ("พิจารณาดี ความชอบ", "พิจารณาความดีความชอบ"),
    ("</p> <p>", "\n"),  # paragraphs inside one cell
    ("<p>", ""),
    ("</p>", ""),
]


def seed_rows() -> list[list[str]]:
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.count("\t") >= 4:
            cells = line.split("\t")
            for damaged, repaired in CHARACTER_REPAIRS:
                cells = [cell.replace(damaged, repaired) for cell in cells]
            rows.append(cells)
    return rows


def seed_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"])
    sheet.append(["ประจำปีงบประมาณ พ.ศ.๒๕๖๖"])
    sheet.append([])
    for row in seed_rows():
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
