"""Word tables shaped as offices type them, beyond the seed's: text boxes, lists Word numbers
across cells, numbered lines, a ที่ column beside a numbered title, headers spelled otherwise.
Each once went in damaged or was refused; the right plan is written here."""

import pytest
from docx import Document
from docx.oxml import parse_xml

from measures.models import FiscalYear, ProgressEntry
from measures.plans import plan_import
from organisations.access import SYSTEM
from tests.measures.word_tables import add_table, saved

pytestmark = pytest.mark.django_db


def run(demo, content, *, period=None, confirm=True, **kwargs):
    return plan_import(
        organisation=demo.organisation, year=2567, period=period, content=content,
        filename="plan.docx", by=SYSTEM, confirm=confirm, **kwargs,
    )  # fmt: skip


def steps_of(year=2567):
    measures = FiscalYear.objects.get(year=year).measures.order_by("number")
    return {m.item_label: [s.text for s in m.steps.order_by("position")] for m in measures}


def text_box(text: str):
    """A run holding a text box as Word saves it: the drawing, and for older Word the same
    text again in a fallback."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box}'
        "</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_text_box_in_a_cell_is_read_once(demo):
    document = Document()
    table = add_table(
        document,
        [
            ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ"],
            ["๑) ประชุมชี้แจง", "จัดประชุม", "สำนักปลัด", "ดำเนินการแล้ว"],
        ],
    )
    table.cell(1, 3).paragraphs[0]._p.append(text_box("จำนวน ๒ ครั้ง"))
    outcome = run(demo, saved(document), period=1)
    assert outcome.written, outcome.errors
    entry = ProgressEntry.objects.get(measure__fiscal_year__year=2567, period=1)
    assert entry.result == "ดำเนินการแล้ว จำนวน ๒ ครั้ง"


def test_steps_numbered_by_a_word_list_that_runs_on_from_the_cell_above(demo):
    """Word's List Number goes on counting from one cell to the next (๑ ๒, then ๓ ๔ ๕): the
    numbers mark the steps; they are not part of them."""
    document = Document()
    table = add_table(
        document,
        [
            ["ที่", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการ", "หน่วยงานที่รับผิดชอบ"],
            ["๑", "จัดทำคู่มือ", "", "สำนักปลัด"],
            ["๒", "เปิดเผยข้อมูล", "", "กองคลัง"],
            ["๓", "ตรวจสอบพัสดุ", "", "กองคลัง"],
        ],
    )
    lists = {
        1: ["ร่างคู่มือ", "ประกาศใช้"],
        2: ["สรุปผลรายเดือน", "เผยแพร่เว็บไซต์", "รายงานผู้บริหาร"],
        3: ["แต่งตั้งกรรมการ"],
    }
    for row, steps in lists.items():
        cell = table.cell(row, 2)
        cell.paragraphs[0].text = steps[0]
        cell.paragraphs[0].style = "List Number"
        for step in steps[1:]:
            cell.add_paragraph(step, style="List Number")
    outcome = run(demo, saved(document))
    assert outcome.written, outcome.errors
    assert steps_of() == {
        "1": ["ร่างคู่มือ", "ประกาศใช้"],
        "2": ["สรุปผลรายเดือน", "เผยแพร่เว็บไซต์", "รายงานผู้บริหาร"],
        "3": ["แต่งตั้งกรรมการ"],
    }


def test_numbered_lines_keep_a_number_inside_a_step_and_typed_bullets_go(demo):
    document = Document()
    add_table(
        document,
        [
            ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ"],
            ["๑) จัดทำประกาศ", "๑. จัดทำประกาศตามข้อ ๒) ของระเบียบ\n๒. เผยแพร่", "สำนักปลัด"],
            ["๒) เผยแพร่ข้อมูล", "- จัดทำสรุป\n- เผยแพร่ทางเว็บไซต์", "กองคลัง"],
            ["๓) ประชุม", "• ประชุมชี้แจง\n• รายงานผล", "กองคลัง"],
        ],
    )
    outcome = run(demo, saved(document))
    assert outcome.written, outcome.errors
    assert steps_of() == {
        "1": ["จัดทำประกาศตามข้อ ๒) ของระเบียบ", "เผยแพร่"],
        "2": ["จัดทำสรุป", "เผยแพร่ทางเว็บไซต์"],
        "3": ["ประชุมชี้แจง", "รายงานผล"],
    }


def test_a_number_column_and_another_number_before_the_title_are_refused(demo):
    """A ที่ column counting 1, 2, 3 beside titles numbered 1.1, 1.2, 2.1: which is the
    measure's number is the person's to say; neither goes into the title."""
    document = Document()
    add_table(
        document,
        [
            ["ที่", "มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ"],
            ["1", "1.1 ส่งเสริมคุณธรรม", "จัดอบรม", "สำนักปลัด"],
            ["2", "2) ประกาศเจตนารมณ์", "จัดทำประกาศ", "สำนักปลัด"],
            ["3", "3) เปิดเผยข้อมูล", "เผยแพร่", "กองคลัง"],
            ["4", "5ส ในสำนักงาน", "จัดกิจกรรม", "กองคลัง"],
        ],
    )
    outcome = run(demo, saved(document), confirm=False)
    assert [(row.label, row.title, row.errors) for row in outcome.rows] == [
        ("", "", [
            "เลขข้อในคอลัมน์ ที่ (๑) ไม่ตรงกับเลขข้อหน้าชื่อมาตรการ (๑.๑) "
            "กรุณาลบเลขข้อออกจากที่ใดที่หนึ่ง"
        ]),
        ("2", "ประกาศเจตนารมณ์", []),
        ("3", "เปิดเผยข้อมูล", []),
        ("4", "5ส ในสำนักงาน", []),  # a title that opens with a number, not a numbering
    ]  # fmt: skip


@pytest.mark.parametrize(
    "header",
    [
        ["มาตรการ/\nแนวทางการดำเนินงาน", "วิธีการ\nดำเนินงาน", "ส่วนราชการ\nผู้รับผิดชอบ",
         "ผลการดำเนินงาน\n(ต.ค. ๖๖ – มี.ค. ๖๗)", "การกำกับ\nติดตาม"],
        ["มาตรการ/แนวทางการดำเนินการ", "ขั้นตอนการดำเนินงาน", "หน่วยงานที่รับผิดชอบ",
         "ผลการดำเนินงาน (รอบ ๖ เดือน)", "หมายเหตุ"],
    ],
)  # fmt: skip
def test_headers_spelled_with_ngan_or_a_period_in_brackets(demo, header):
    document = Document()
    add_table(document, [header, ["๑) จัดอบรม", "อบรม", "สำนักปลัด", "ดำเนินการแล้ว", "ควรรายงานผล"]])
    outcome = run(demo, saved(document), period=1)
    assert outcome.written, outcome.errors
    entry = ProgressEntry.objects.get(measure__fiscal_year__year=2567, period=1)
    assert (entry.status, entry.result, entry.follow_up) == ("done", "ดำเนินการแล้ว", "ควรรายงานผล")


def test_a_tick_typed_in_a_symbol_font_is_a_mark_not_a_result(demo):
    """Word shows "ü" in Wingdings and "P" in Wingdings 2 as ✓: a result cell holding only such
    a tick is not a result (issue 15, item 2); it is named, and the status is asked for."""
    document = Document()
    header = ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ"]
    table = add_table(document, [header, ["๑) ประชุม", "ประชุม", "สำนักปลัด", ""],
                                 ["๒) เผยแพร่", "เผยแพร่", "สำนักปลัด", ""]])  # fmt: skip
    for row, (font, tick) in zip(table.rows[1:], [("Wingdings", "ü"), ("Wingdings 2", "P")]):
        symbol = row.cells[3].paragraphs[0].add_run(tick)
        symbol.font.name = font
    thai = table.rows[2].cells[2].add_paragraph().add_run("กองคลัง")
    thai.font.name = "Wingdings"  # Thai in such a run is drawn in the Thai font, and stays
    outcome = run(demo, saved(document), period=1, confirm=False)
    rows = [(row.parsed.result, row.status_needed, row.parsed.notes) for row in outcome.rows]
    assert rows == [
        ("", True, ["ช่องผลการดำเนินการมีเพียงเครื่องหมาย “✓” จึงไม่นำมาเป็นผลการดำเนินการ"]),
        ("", True, ["ช่องผลการดำเนินการมีเพียงเครื่องหมาย “✓” จึงไม่นำมาเป็นผลการดำเนินการ"]),
    ]
    assert (outcome.rows[1].parsed.responsible, outcome.rows[1].errors) == ("สำนักปลัด/กองคลัง", [])
