"""Word documents (.docx) as offices type them, built with python-docx: the seed's report with
its measure table, and the other layouts the import reads."""

import io

from docx import Document
from docx.enum.text import WD_BREAK

from tests.measures.seed_table import SEED, seed_rows

TABLE_TITLE = [
    "รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "ประจำปีงบประมาณ พ.ศ.๒๕๖๖",
    "ขององค์การบริหารส่วนตำบลเกียร์ อำเภอสุคิริน จังหวัดนราธิวาส",
]


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def fill(cell, text: str, style=None) -> None:
    """The cell's text, one paragraph a line, as Word keeps the lines of a cell."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    if style:
        for paragraph in cell.paragraphs:
            paragraph.style = style


def add_table(document, rows, widths=None):
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, row, strict=False):
            fill(cell, text)
    return table


def memo_paragraphs() -> list[str]:
    """The memo before the table, as the seed has it (its OCR markup left out)."""
    lines = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.count("\t") >= 4 or line.startswith("รายงานผลการดำเนินงานตามมาตรการ"):
            break
        line = line.strip().lstrip("#").strip()
        if line and line != "---":
            lines.append(line)
    return lines


def seed_docx(*, rows=None) -> bytes:
    """The seed's report as the office typed it in Word: the memo, the table's title, and the
    measure table as one table a page, each page's table with its header typed again (as the
    seed shows it), a cell's paragraphs as lines."""
    document = Document()
    for line in memo_paragraphs():
        document.add_paragraph(line)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for line in TABLE_TITLE:
        document.add_paragraph(line)
    pages = []
    for row in rows or seed_rows():
        if row[0] == "มาตรการ":
            pages.append([row])
        else:
            pages[-1].append(row)
    for number, page in enumerate(pages):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_table(document, page)
    return saved(document)


TWO_TABLES_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"


def two_tables_docx() -> bytes:
    """A plan in two tables: the first with a title row merged across it above the header, the
    second with its header typed again and a budget column and หมายเหตุ the first has not."""
    document = Document()
    document.add_paragraph("องค์การบริหารส่วนตำบลเกียร์")
    first = add_table(
        document,
        [
            [TWO_TABLES_TITLE, "", "", "", ""],
            ["มาตรการ", "ขั้นตอน/วิธีการ", "หน่วยงานที่รับผิดชอบ", "ผลการดำเนินงาน", "การกำกับติดตาม"],
            [
                "๑) เผยแพร่แผนการใช้จ่ายงบประมาณ",
                "๑. จัดทำแผน\n๒. เผยแพร่ทางเว็บไซต์ www.kiar.go.th/plan-2568",
                "กองคลัง",
                "ดำเนินการแล้ว เผยแพร่ที่ https://www.kiar.go.th/news?id=2568",
                "ควรรายงานผลทุกไตรมาส",
            ],
            [
                "๒) ประเมินความพึงพอใจผู้รับบริการ",
                "สำรวจความพึงพอใจ\nรายงานผลให้ผู้บริหารทราบ",
                "สำนักปลัด",
                "อยู่ระหว่างดำเนินการ",
                "",
            ],
        ],
    )
    title = first.rows[0].cells
    title[0].merge(title[4])
    title[0].text = TWO_TABLES_TITLE
    document.add_paragraph("(ต่อ)")
    add_table(
        document,
        [
            ["มาตรการ", "ขั้นตอนหรือวิธีการ", "งบประมาณ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "หมายเหตุ"],
            [
                "๓) อบรมคุณธรรมจริยธรรม",
                "๑.จัดอบรม ๒.ประเมินผล",
                "๒๐,๐๐๐",
                "สำนักปลัด/กองคลัง",
                "ยังไม่ได้ดำเนินการ",
                "ควรเร่งรัด",
            ],
            ["๔) ปรับปรุงช่องทางร้องเรียน", "ปรับปรุงแบบฟอร์มออนไลน์", "", "ทุกกอง", "✓", ""],
        ],
    )
    return saved(document)


def numbered_and_merged_docx() -> bytes:
    """Word's own list numbering in the measure column, and cells merged down: one measure whose
    steps are rows of their own, and a division merged over two measures."""
    document = Document()
    table = add_table(
        document,
        [
            ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ"],
            ["จัดทำคู่มือการปฏิบัติงาน", "ร่างคู่มือ", "สำนักปลัด"],
            ["", "ประกาศใช้คู่มือ", ""],
            ["เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", "สรุปผลรายเดือน", "กองคลัง"],
            ["ตรวจสอบพัสดุประจำปี", "แต่งตั้งกรรมการ", ""],
        ],
    )
    column = [row.cells[0] for row in table.rows]
    column[1].merge(column[2])
    table.cell(3, 2).merge(table.cell(4, 2))
    for row in (1, 3, 4):
        table.cell(row, 0).paragraphs[0].style = "List Number"
    return saved(document)


def large_docx(size: int) -> bytes:
    """The seed's table repeated and renumbered up to `size` measures, one table of 20 a page."""
    header, *rows = seed_rows()
    measures = [row for row in rows if row[0] != "มาตรการ"]
    table_rows = []
    for number in range(1, size + 1):
        if (number - 1) % 20 == 0:
            table_rows.append(header)
        row = list(measures[(number - 1) % len(measures)])
        row[0] = f"{number}) " + row[0].split(")", 1)[1].strip()
        table_rows.append(row)
    return seed_docx(rows=table_rows)
