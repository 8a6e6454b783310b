"""The field cases (fixtures/import-cases/): tables shaped as offices really keep them, each of
which the import once damaged without a word. The right value of each is written here."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from measures.models import FiscalYear, ProgressEntry
from measures.plans import plan_export, plan_import
from organisations.access import SYSTEM

pytestmark = pytest.mark.django_db
CASES = Path(__file__).resolve().parents[2] / "fixtures" / "import-cases"
ADDRESS = (
    "https://www.kiar.go.th/index.php?option=com_content&view=article&id=202403150001"
    "&catid=ita-o43-report&Itemid=1099&lang=th&evidence=procurement-summary-first-half-2567"
)
LETTER = "อ้างถึงหนังสือที่ นธ๗๔๙๐๑.๑/ว๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖๗๘๙๐ ลงวันที่ ๑ มีนาคม ๒๕๖๗"


def import_case(demo, name, *, year=2567, period=1, confirm=True, statuses=None):
    path = CASES / name
    chosen = {"statuses": statuses} if statuses else {}
    return plan_import(
        organisation=demo.organisation, year=year, period=period, content=path.read_bytes(),
        filename=path.name, by=SYSTEM, confirm=confirm, **chosen,
    )  # fmt: skip


def plan(year):
    fiscal_year = FiscalYear.objects.get(year=year)
    return [
        (m.item_label, m.title, [step.text for step in m.steps.all()])
        for m in fiscal_year.measures.order_by("number").prefetch_related("steps")
    ]


def progress(year, period=1):
    entries = ProgressEntry.objects.filter(measure__fiscal_year__year=year, period=period)
    return {
        e.measure.item_label: (e.status, e.result, e.follow_up)
        for e in entries.select_related("measure")
    }


# 01: numbered by dimension (1.1, ๒.๑, 3.1.2) -----------------------------------------------


def test_01_dotted_numbers_are_the_measures_own_labels(demo):
    outcome = import_case(demo, "01-dotted-numbering/plan.xlsx", period=None)
    assert outcome.ok, outcome.errors
    assert [(row.label, row.title) for row in outcome.rows] == [
        ("1.1", "ส่งเสริมให้บุคลากรปฏิบัติงานตามประมวลจริยธรรม"),
        ("1.2", "ประกาศเจตนารมณ์ไม่รับของขวัญ (No Gift Policy)"),
        ("2.1", "เปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกโครงการ"),
    ]
    assert plan(2567) == [
        ("1.1", "ส่งเสริมให้บุคลากรปฏิบัติงานตามประมวลจริยธรรม", ["จัดอบรมบุคลากร", "ติดตามผล"]),
        ("1.2", "ประกาศเจตนารมณ์ไม่รับของขวัญ (No Gift Policy)", ["จัดทำประกาศ", "เผยแพร่ทางเว็บไซต์"]),
        ("2.1", "เปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกโครงการ", ["จัดทำสรุปผลรายเดือน", "เผยแพร่"]),
    ]


def test_01_three_levels_and_thai_digits(demo):
    outcome = import_case(demo, "01-dotted-numbering/plan-no-dup.xlsx", period=None)
    assert outcome.ok, outcome.errors
    assert [(label, title) for label, title, _ in plan(2567)] == [
        ("1.1", "ส่งเสริมให้บุคลากรปฏิบัติงานตามประมวลจริยธรรม"),
        ("2.1", "เปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกโครงการ"),
        ("3.1.2", "ปรับปรุงช่องทางร้องเรียนออนไลน์"),
    ]


def test_01_labels_are_shown_and_exported_and_read_back(demo, django_user_model):
    from reports.document import plan_table
    from reports.services import plan_document_create

    import_case(demo, "01-dotted-numbering/plan.xlsx", period=None)
    fiscal_year = FiscalYear.objects.get(year=2567)
    announcement = plan_document_create(
        fiscal_year=fiscal_year, author=django_user_model.objects.get(username="analyst")
    )
    rows = plan_table(announcement)["rows"]
    assert [row["marker"] for row in rows] == ["1.1", "1.2", "2.1"]
    exported = load_workbook(io.BytesIO(plan_export(fiscal_year))).active
    assert exported["A2"].value == "1.1 ส่งเสริมให้บุคลากรปฏิบัติงานตามประมวลจริยธรรม"
    thai = load_workbook(io.BytesIO(plan_export(fiscal_year, thai_digits=True))).active
    assert thai["A4"].value == "๒.๑ เปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกโครงการ"
    again = plan_import(
        organisation=demo.organisation, year=2567, period=None, content=plan_export(fiscal_year),
        filename="plan.xlsx", by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert again.ok and again.count("unchanged") == 3, again.errors


# 03: results as offices word them -------------------------------------------------------------


def test_03_status_is_read_from_the_wording(demo):
    outcome = import_case(demo, "03-status-wording/plan.xlsx")
    assert outcome.ok and outcome.written, outcome.errors
    statuses = {label: status for label, (status, _, _) in progress(2567).items()}
    assert statuses == {
        "1": "done",  # ดำเนินการเรียบร้อยแล้ว
        "2": "done",  # ได้ดำเนินการครบถ้วนแล้ว เมื่อวันที่ ๑๕ ธันวาคม ๒๕๖๖
        "3": "not_started",  # ไม่ได้ดำเนินการ เนื่องจากติดภารกิจเลือกตั้ง
        "4": "done",  # แล้วเสร็จ
        "5": "done",  # ดำเนินการเสร็จสิ้น
        "6": "not_started",  # ยังไม่ได้ดำเนินการ
    }


# 08: addresses and codes keep their Arabic digits -------------------------------------------


def test_08_addresses_and_codes_keep_arabic_digits_in_every_document(demo, demo_report):
    from reports.rendering import report_html, report_pdf
    from tests.reports.conftest import pdftotext, squash

    outcome = import_case(demo, "08-long-unbroken-text/plan.xlsx", year=2566, statuses={4: "done"})
    assert outcome.written, outcome.errors
    result = progress(2566)["1"][1]
    assert result == f"ดำเนินการแล้ว เผยแพร่ที่ {ADDRESS}"
    html = report_html(demo_report)
    assert ADDRESS.replace("&", "&amp;") in html
    assert "ลงวันที่ ๑ มีนาคม ๒๕๖๗" in html and "ita-o43-report" in html
    pdf_text = squash(pdftotext(report_pdf(demo_report).pdf))
    assert ADDRESS in pdf_text
    exported = load_workbook(
        io.BytesIO(plan_export(demo.fiscal_year, period=1, thai_digits=True))
    ).active
    assert exported["D2"].value == f"ดำเนินการแล้ว เผยแพร่ที่ {ADDRESS}"
    assert exported["D4"].value == LETTER


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "ดูที่ https://www.kiar.go.th/news?id=12 หน้า 3",
            "ดูที่ https://www.kiar.go.th/news?id=12 หน้า ๓",
        ),
        ("ส่งที่ saraban2566@kiar.go.th ภายใน 7 วัน", "ส่งที่ saraban2566@kiar.go.th ภายใน ๗ วัน"),
        ("ไฟล์ report-2566.pdf ข้อ O43 และ ita-o43", "ไฟล์ report-2566.pdf ข้อ O43 และ ita-o43"),
        ("www.kiar.go.th/ita2566 ปี 2566", "www.kiar.go.th/ita2566 ปี ๒๕๖๖"),
        ("โทร 073-709886 พ.ศ.2566", "โทร ๐๗๓-๗๐๙๘๘๖ พ.ศ.๒๕๖๖"),
    ],
)
def test_08_thai_digits_skip_what_must_stay_latin(text, expected):
    from django.template import Context, Template

    assert Template("{{ text|thai_digits }}").render(Context({"text": text})) == expected


# 11: spaces typed on purpose ------------------------------------------------------------------


def test_11_spaces_between_whole_words_stay(demo):
    outcome = import_case(demo, "11-deliberate-spaces/plan.xlsx")
    assert outcome.ok, outcome.errors
    assert plan(2567) == [
        (
            "1",
            "เผยแพร่ข้อมูลข่าวสารผ่านช่องทางที่หลากหลาย",
            ["เผยแพร่ทางเว็บไซต์ เฟซบุ๊ก ไลน์กลุ่ม บอร์ดประชาสัมพันธ์ หอกระจายข่าว"],
        ),
        (
            "2",
            "แสดงโครงสร้างส่วนราชการ",
            ["แสดงตำแหน่งที่สำคัญ ยกตัวอย่าง เช่น สำนัก กอง ศูนย์ ฝ่าย ส่วน กลุ่ม เป็นต้น"],
        ),
    ]
    assert progress(2567) == {
        "1": (
            "done",
            "ดำเนินการแล้ว มอบหมายให้ นางสาวพรทิพย์ ศรีสมบูรณ์ นักวิชาการเงินและบัญชี เป็นผู้รับผิดชอบ",
            "ควรรายงานผล ครั้งที่ ๑ ธันวาคม ครั้งที่ ๒ มีนาคม",
        ),
        "2": ("done", "ดำเนินการแล้ว จัดประชุม ๓ ครั้ง ในเดือน มกราคม กุมภาพันธ์ มีนาคม", ""),
    }


# 13: a Thai-digit export brought back ---------------------------------------------------------


def test_13_a_thai_digit_export_comes_back_as_it_was(demo):
    outcome = import_case(demo, "13-thai-digit-export-roundtrip/exported-thai.xlsx", year=2571)
    assert outcome.ok, outcome.errors
    imported = progress(2571)
    # The old export had written Thai digits into the address: inside an address they are
    # read back as the Arabic digits they stand for; a Thai document number stays Thai.
    assert imported["1"] == ("done", f"ดำเนินการแล้ว เผยแพร่ที่ {ADDRESS}", "")
    assert imported["3"] == ("in_progress", LETTER, "")
    first = plan_export(FiscalYear.objects.get(year=2571), period=1, thai_digits=True)
    rows = list(load_workbook(io.BytesIO(first)).active.values)
    assert rows[1][3] == f"ดำเนินการแล้ว เผยแพร่ที่ {ADDRESS}"
    assert rows[1][0] == "๑) เผยแพร่สรุปผลการจัดซื้อจัดจ้างประจำเดือนทางเว็บไซต์ของหน่วยงาน"
    again = plan_import(
        organisation=demo.organisation, year=2572, period=1, content=first,
        filename="again.xlsx", by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert again.ok, again.errors
    second = plan_export(FiscalYear.objects.get(year=2572), period=1, thai_digits=True)
    assert list(load_workbook(io.BytesIO(second)).active.values) == rows
    assert progress(2572) == imported


def test_13_csv_too(demo):
    demo_rows = plan_export(demo.fiscal_year, period=1, file_format="csv", thai_digits=True)
    outcome = plan_import(
        organisation=demo.organisation, year=2573, period=1, content=demo_rows,
        filename="plan.csv", by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert outcome.ok, outcome.errors
    again = plan_export(FiscalYear.objects.get(year=2573), period=1, file_format="csv",
                        thai_digits=True)  # fmt: skip
    assert list(csv.reader(io.StringIO(again.decode("utf-8-sig")))) == list(
        csv.reader(io.StringIO(demo_rows.decode("utf-8-sig")))
    )
