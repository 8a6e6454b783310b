"""The whole ITA year in Chromium (issue 18, "done when"): the analyst imports last year's results
(ITA ๒๕๖๘, whose indicators the operator has typed in), drafts the analysis (FY ๒๕๖๙), writes the
weaknesses, creates two measures from them; the analysis and the plan's announcement go up the
chain and are published under ITA ๒๕๖๙'s O25; the FY ๒๕๖๘ 12-month report is published under
ITA ๒๕๖๙'s O26. The year at a glance shows all three published with their addresses; the start
page showed what was due. Screenshots at 375 and 1280 px land in test-artifacts/; the new pages
pass axe-core and fit a phone."""

import subprocess
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.models import AssessmentItem, AssessmentYear, Indicator, ResultLevel
from measures.services.plan import plan_copy
from organisations.access import SYSTEM
from publishing.models import Publication
from reports import workflow
from reports.models import Report
from reports.services import report_create
from tests.browser.test_staff_pages import fits, serious
from tests.measures.test_plan_import import csv_bytes
from tests.reports.conftest import pdftotext, squash
from tests.signing import confirmed
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.browser

PASSWORD = "ita-demo-2566"
RESULTS = [
    ["ตัวชี้วัด", "คะแนน"],
    *[[f"ตัวชี้วัดที่ {n}", "91.50"] for n in range(1, 9)],
    ["ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "๗๑.๒๐"],
    ["10", "64.50"],
    ["คะแนนรวม", "84.30"],
    ["ระดับ", "B"],
]


def person(username):
    return get_user_model().objects.get(username=username)


def the_operator_types_ita_2568():
    """The reworked year's indicators, as the operator types them once the manual is out (here
    the shipped ones of ๒๕๖๗), with its levels and due dates of ๒๕๖๙'s items in ten days."""
    ita_2567, ita_2568 = (AssessmentYear.objects.get(year=y) for y in (2567, 2568))
    for i in ita_2567.indicators.all():
        Indicator.objects.create(
            assessment_year=ita_2568, code=i.code, name=i.name, group=i.group, order=i.order
        )
    for level in ita_2567.levels.all():
        ResultLevel.objects.create(
            assessment_year=ita_2568, label=level.label, min_score=level.min_score,
            order=level.order,
        )  # fmt: skip
    AssessmentItem.objects.filter(assessment_year__year=2569).update(
        due_date=timezone.localdate() + timedelta(days=10)
    )


def the_full_year_report_of_2568(plan_2566):
    """FY ๒๕๖๘'s plan (a copy of ๒๕๖๖'s) and its 12-month report, signed by the whole chain."""
    plan = plan_copy(source=plan_2566, year=2568, by=SYSTEM)
    report = report_create(fiscal_year=plan, period=2, author=person("analyst"))
    finish(report)
    return report


def finish(document, *, submitted=False):
    analyst, head, chief, executive = (
        person(n) for n in ("analyst", "head-office", "chief-admin", "chief-exec")
    )
    if not submitted:
        workflow.report_submit(document, by=analyst, confirmation=confirmed(analyst))
    workflow.report_comment(document, by=head, text="เห็นควรเสนอ", confirmation=confirmed(head))
    workflow.report_approve(document, by=chief, text="อนุมัติ", confirmation=confirmed(chief))
    workflow.report_acknowledge(document, by=executive, confirmation=confirmed(executive))
    run_queued_tasks()


def look(page, artifacts, name, *, widths=(375, 1280)):
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
        assert fits(page), f"{name} scrolls sideways at {width} px"
        assert serious(page) == [], (name, width)
    page.set_viewport_size({"width": 1100, "height": 900})


def sign(person_, path, password_button, comment=None):
    page = person_.go(path)
    if comment is not None:
        page.fill("#id_comment", comment)
    page.fill("#id_password", PASSWORD)
    page.click(f"button:has-text('{password_button}')")
    return page


def publish(analyst, document, expected_item):
    page = analyst.go(f"/reports/{document.pk}/")
    page.click("text=การเผยแพร่บนหน้า ITA")
    selected = page.locator("#id_item option:checked").inner_text()
    assert selected.startswith(expected_item), selected
    page.click("button:has-text('เผยแพร่')")
    assert "เผยแพร่อยู่" in page.content()
    return page.input_value("#permanent-link")


def test_the_ita_year_from_results_to_published_items(sign_in, live_demo, artifacts, settings):
    base_url, demo_report = live_demo
    settings.SITE_URL = base_url
    the_operator_types_ita_2568()
    full_year = the_full_year_report_of_2568(demo_report.fiscal_year)
    organisation = demo_report.organisation

    # The start page says what is due: ITA ๒๕๖๙'s analysis not made, the report not published.
    analyst = sign_in("analyst")
    page = analyst.go("/")
    due = page.inner_text(".due-work")
    assert "ข้อ O25 การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร (ITA ๒๕๖๙)" in due
    assert "(อีก ๑๐ วัน): ยังไม่ได้จัดทำการวิเคราะห์ผลการประเมิน ITA" in due
    assert "ยังไม่ได้เผยแพร่" in due  # O26: the 12-month report is final
    look(page, artifacts, "01-start-page-due")

    # Last year's results, from the table the assessment published.
    page = analyst.go(f"/ita-results/{organisation.pk}/2568/")
    page.set_input_files("#id_file", files=[{"name": "ita-2568.csv", "mimeType": "text/csv",
                                             "buffer": csv_bytes(RESULTS)}])  # fmt: skip
    page.click("button:has-text('ตรวจสอบไฟล์')")
    look(page, artifacts, "02-results-preview", widths=(1280,))
    page.click("button:has-text('ยืนยันการนำเข้า')")
    assert "นำเข้าผลการประเมิน ITA ปี ๒๕๖๘ แล้ว" in page.content()

    # The analysis, drafted from them: weaknesses first.
    page.click("button:has-text('จัดทำการวิเคราะห์ผลการประเมิน')")
    assert "สร้างร่างการวิเคราะห์ผลการประเมิน ITA ปีงบประมาณ ๒๕๖๙ แล้ว" in page.content()
    analysis = Report.objects.get(kind="analysis")
    nine, ten = (Indicator.objects.get(assessment_year__year=2568, code=c) for c in ("9", "10"))
    legends = page.locator("#analysis fieldset legend").all_inner_texts()
    assert legends[:2] == ["ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต", "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"]
    page.fill(f"#id_weakness_{ten.pk}", "ยังไม่มีมาตรการจัดการเรื่องร้องเรียนการทุจริตที่ชัดเจน")
    page.fill(f"#id_approach_{ten.pk}", "กำหนดช่องทางร้องเรียนและรายงานผลการจัดการทุกไตรมาส")
    page.fill(f"#id_weakness_{nine.pk}", "เว็บไซต์ยังไม่เปิดเผยแผนและผลการจัดซื้อจัดจ้างรายเดือน")
    page.fill(f"#id_approach_{nine.pk}", "ตรวจรายการข้อมูลที่ต้องเปิดเผยทุกเดือน")
    page.click("button:has-text('บันทึกการวิเคราะห์')")
    assert "บันทึกการวิเคราะห์แล้ว (๒ ตัวชี้วัดที่แก้ไข)" in page.content()

    # Two measures of FY ๒๕๖๙'s plan, each from a weakness.
    klang = organisation.divisions.get(name="กองคลัง").pk
    palad = organisation.divisions.get(name="สำนักปลัด").pk
    for indicator, title, steps, division in (
        (ten, "มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
         "กำหนดช่องทางร้องเรียน\nรายงานผลการจัดการเรื่องร้องเรียนทุกไตรมาส", palad),
        (nine, "เผยแพร่แผนและผลการจัดซื้อจัดจ้างรายเดือนบนเว็บไซต์",
         "จัดทำรายงานผลการจัดซื้อจัดจ้างรายเดือน\nเผยแพร่ภายในวันที่ ๑๐ ของเดือนถัดไป", klang),
    ):  # fmt: skip
        row = page.locator(f"#row-{indicator.pk}")
        row.locator("summary:has-text('สร้างมาตรการจากจุดอ่อนนี้')").click()
        page.fill(f"#id_new{indicator.pk}-title", title)
        page.fill(f"#id_new{indicator.pk}-steps", steps)
        row.locator(f"input[name='new{indicator.pk}-divisions'][value='{division}']").check()
        row.locator("button:has-text('เพิ่มมาตรการในแผน')").click()
        assert f"ในแผนปีงบประมาณ ๒๕๖๙ แล้ว ตอบ{indicator}" in page.content()
    plan_2569 = analysis.fiscal_year
    assert [list(m.indicators.values_list("code", flat=True)) for m in
            plan_2569.measures.order_by("number")] == [["10"], ["9"]]  # fmt: skip
    look(page, artifacts, "03-analysis-page")
    page = analyst.go(f"/measures/{plan_2569.measures.get(number=2).pk}/")
    assert "ตอบตัวชี้วัด ITA ๒๕๖๘: ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล" in page.content()
    look(page, artifacts, "04-measure-answers")

    # The analysis up the chain, every step in the browser.
    page = sign(analyst, f"/reports/{analysis.pk}/", "ลงนามและเสนอการวิเคราะห์")
    assert "ลงนามและเสนอการวิเคราะห์ผลการประเมินแล้ว" in page.content()
    head = sign_in("head-office")
    page = head.go("/")
    page.click("text=รอให้ความเห็นจากท่าน")
    page.fill("#id_comment", "เห็นควรเสนอปลัดพิจารณา")
    page.fill("#id_password", PASSWORD)
    page.click("text=ลงนามความเห็นและเสนอต่อ")
    chief = sign_in("chief-admin")
    page = sign(chief, f"/reports/{analysis.pk}/", "ลงนามอนุมัติ", comment="อนุมัติ")
    assert "ลงนามอนุมัติแล้ว" in page.content()
    executive = sign_in("chief-exec")
    page = sign(executive, f"/reports/{analysis.pk}/", "ลงนามรับทราบ")
    assert "การวิเคราะห์ผลการประเมินเป็นฉบับสมบูรณ์" in page.content()
    run_queued_tasks()
    pdf = analyst.context.request.get(f"{base_url}/reports/{analysis.pk}/pdf/").body()
    (artifacts / "analysis.pdf").write_bytes(pdf)
    text = squash(pdftotext(pdf))
    assert squash("กำหนดช่องทางร้องเรียนและรายงานผลการจัดการทุกไตรมาส") in text
    assert squash("๑) มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ") in text
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(artifacts / "analysis.pdf"),
                    str(artifacts / "analysis")], check=True)  # fmt: skip
    address = publish(analyst, analysis, "ITA ๒๕๖๙ – O25")
    assert address == f"{base_url}/ita/kiar/2569/analysis/"

    # The plan's announcement, from the year at a glance; its table names the indicators.
    page = analyst.go(f"/ita-year/{organisation.pk}/2569/")
    page.click("button:has-text('สร้างร่างประกาศมาตรการ')")
    announcement = Report.objects.get(kind="plan", fiscal_year=plan_2569)
    page = analyst.go(f"/reports/{announcement.pk}/preview/")
    assert "ตอบตัวชี้วัด ITA ๑๐ การป้องกันการทุจริต" in page.content()
    page = sign(analyst, f"/reports/{announcement.pk}/", "เสนอร่างประกาศ")
    assert "เสนอร่างประกาศแล้ว" in page.content()
    finish(announcement, submitted=True)
    publish(analyst, announcement, "ITA ๒๕๖๙ – O25")

    # Last fiscal year's 12-month report, under the next assessment year's report item.
    assert publish(analyst, full_year, "ITA ๒๕๖๙ – O26") == f"{base_url}/ita/kiar/2568/report-2/"

    page = analyst.go(f"/ita-year/{organisation.pk}/2569/")
    items = page.locator(".year-item").all_inner_texts()
    assert len(items) == 3 and all("เผยแพร่แล้ว" in item for item in items)
    addresses = [field.input_value() for field in page.locator("input.address").all()]
    assert addresses == [
        f"{base_url}/ita/kiar/2569/analysis/",
        f"{base_url}/ita/kiar/2569/plan/",
        f"{base_url}/ita/kiar/2568/report-2/",
    ]
    look(page, artifacts, "05-year-at-a-glance")
    assert "กำหนดส่งข้อการประเมิน ITA" in analyst.go("/").content()
    assert "ไม่มีข้อการประเมินที่ใกล้ครบกำหนด" in analyst.go("/").content()
    assert {p.item.code for p in Publication.objects.all()} == {"O25", "O26"}
