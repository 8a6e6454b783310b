"""Files damaged on the way or crafted by a stranger: each gets the Thai message of a file that
cannot be read, never a server error, and nothing is written."""

import io
import re
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from measures.plans import plan_import
from organisations.access import SYSTEM
from tests.measures.test_plan_import_bad_input import refused
from tests.measures.word_tables import add_table, saved

pytestmark = pytest.mark.django_db

WORD_DAMAGED = "เปิดไฟล์ Word นี้ไม่ได้ ไฟล์อาจเสียหาย"
EXCEL_DAMAGED = "เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย"


def patched(content: bytes, part: str, change) -> bytes:
    """The package with `part` changed by `change(bytes) -> bytes`, or left out when it gives
    None."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == part:
                data = change(data)
            if data is not None:
                package.writestr(member, data)
    return buffer.getvalue()


def a_plan_docx(*, numbered=False) -> bytes:
    document = Document()
    table = add_table(
        document,
        [["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ"], ["๑) เผยแพร่ข้อมูล", "จัดทำ", "กองคลัง"]],
    )
    if numbered:
        table.cell(1, 0).paragraphs[0].style = "List Number"
    return saved(document)


def a_plan_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ"])
    workbook.active.append(["๑) เผยแพร่ข้อมูล", "จัดทำ", "กองคลัง"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><w:document ' + W + b"></w:document>",  # no body
        b'<?xml version="1.0"?><root/>',  # not a Word document's root
    ],
)
def test_a_word_document_whose_main_part_is_not_a_document(demo, document):
    content = patched(a_plan_docx(), "word/document.xml", lambda _: document)
    refused(demo, content, "plan.docx", WORD_DAMAGED)


@pytest.mark.parametrize(
    "part, change",
    [
        ("xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", b"<row><c><<<")),
        ("xl/styles.xml", lambda _: b"<<<"),
        ("xl/workbook.xml", lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml)),
        ("xl/worksheets/sheet1.xml", lambda _: None),
    ],
    ids=["sheet-not-xml", "styles-not-xml", "no-sheet", "sheet-missing"],
)
def test_a_workbook_damaged_inside(demo, part, change):
    refused(demo, patched(a_plan_xlsx(), part, change), "plan.xlsx", EXCEL_DAMAGED)


def test_a_list_level_deeper_than_word_has_is_no_list_level(demo):
    """Word numbers lists at levels 0 to 8; a level of thirty million numbers nothing (it
    once made the reader count thirty million levels, and write "0." before the measure)."""
    content = patched(
        a_plan_docx(numbered=True),
        "word/numbering.xml",
        lambda xml: re.sub(rb'w:ilvl="0"', b'w:ilvl="30000000"', xml),
    )
    content = patched(
        content,
        "word/document.xml",
        lambda xml: xml.replace(
            b'<w:pStyle w:val="ListNumber"/>',
            # python-docx's List Number style numbers with list 5, in decimal.
            b'<w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="30000000"/>'
            b'<w:numId w:val="5"/></w:numPr>',
        ),
    )
    outcome = plan_import(
        organisation=demo.organisation, year=2567, period=None, content=content,
        filename="plan.docx", by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert outcome.written, outcome.errors
    assert [(row.label, row.title) for row in outcome.rows] == [("1", "เผยแพร่ข้อมูล")]


def test_a_csv_cell_too_long_for_the_reader_says_so_in_thai(demo):
    content = ("มาตรการ,ขั้นตอนหรือวิธีการ,ผู้รับผิดชอบ\n๑) ก,ข," + "ค" * 200_000 + "\n").encode()
    outcome = refused(demo, content, "plan.csv", "ไฟล์ CSV มีช่องที่ยาวเกินกว่าตารางมาตรการจะมีได้")
    assert outcome.errors == ["ไฟล์ CSV มีช่องที่ยาวเกินกว่าตารางมาตรการจะมีได้"]  # not csv's English
