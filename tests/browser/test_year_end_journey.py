"""A year's end in Chromium, as the people concerned do it (issue 17, items 1, 4 and 5):

- two divisions record their own parts of one shared measure (ข้อ ๑๕) on a phone, and neither
  replaces the other; the analyst reads both, writes the combined text the report prints, and
  submits: the submitted report keeps that text;
- the analyst starts next year's plan on the plans page; staff still reach the 12-month period
  of the year just ended from the start page, which counts what they still have to record;
- the 12-month form starts from the 6-month result, and the 12-month report prints the year.

Screenshots at 375 px of the start page, the forms and the measure page land in
test-artifacts/; the pages are checked by axe-core and by the Content-Security-Policy."""

import pytest

from measures.models import Measure, ProgressEntry
from reports.models import Report
from reports.selectors import report_rows
from tests.browser.test_staff_pages import fits, serious
from tests.cast import advance

pytestmark = pytest.mark.browser

PASSWORD = "ita-demo-2566"
KLANG_PART = "กองคลังชี้แจงเกณฑ์การประเมินผลการปฏิบัติงานในที่ประชุมประจำเดือนแล้ว"
CHANG_PART = "กองช่างมอบหมายงานตามคำสั่งและประเมินผลตามเกณฑ์เดียวกันทุกคนแล้ว"
COMBINED = "ทุกส่วนราชการชี้แจงเกณฑ์การประเมินและมอบหมายงานโดยไม่เลือกปฏิบัติแล้ว"
FULL_YEAR_2566 = "ปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๑๒ เดือน (ต.ค. – ก.ย.)"
FIRST_HALF_2567 = "ปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน (ต.ค. – มี.ค.)"


def shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def checked(page, name):
    assert fits(page), f"{name} scrolls sideways at 375 px"
    assert serious(page) == [], name


def record_part(person, text, artifacts, name):
    page = person.go("/measures/")
    page.click("text=บันทึกผล ข้อ ๑๕")
    page.check("input[name=status][value=done]")
    page.fill("#id_result", text)
    shot(page, artifacts, name)
    checked(page, name)
    page.click("button.primary")
    page.wait_for_url("**/measures/")
    assert "บันทึกผลมาตรการข้อ ๑๕ แล้ว" in page.content()


def finish_review(report):
    advance(report, comment="เห็นควรเสนอ")


def test_shared_measure_and_the_year_end(sign_in, live_demo, artifacts):
    _, report = live_demo
    shared = Measure.objects.get(number=15)

    # Two divisions, one shared measure: each records its own part.
    klang = sign_in("staff-klang", width=375)
    record_part(klang, KLANG_PART, artifacts, "01-klang-records-its-part")
    chang = sign_in("staff-chang", width=375)
    page = chang.go(f"/measures/{shared.pk}/progress/1/")
    assert "ท่านบันทึกผลในส่วนของกองช่าง" in page.inner_text(".shared")
    assert KLANG_PART in page.inner_text(".shared")  # the other division's part, beside
    record_part(chang, CHANG_PART, artifacts, "02-chang-records-its-part")
    entry = ProgressEntry.objects.get(measure=shared, period=1)
    assert entry.result == f"กองคลัง: {KLANG_PART}\nกองช่าง: {CHANG_PART}"

    page = chang.go(f"/measures/{shared.pk}/")
    shot(page, artifacts, "03-measure-page-375")
    checked(page, "measure page")
    assert KLANG_PART in page.content() and CHANG_PART in page.content()

    # The analyst reads both parts and writes the combined text the report prints.
    analyst = sign_in("analyst")
    page = analyst.go(f"/reports/{report.pk}/")
    page.click("a:has-text('ข้อ ๑๕')")
    assert KLANG_PART in page.inner_text(".shared") and CHANG_PART in page.inner_text(".shared")
    page.fill("#id_result", COMBINED)
    shot(page, artifacts, "04-analyst-writes-the-combined-text")
    page.click("button.primary")
    page.wait_for_url("**/measures/")
    page = analyst.go(f"/reports/{report.pk}/preview/")
    assert COMBINED in page.content() and KLANG_PART not in page.content()
    page = analyst.go(f"/reports/{report.pk}/")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('ลงนามและเสนอรายงาน')")
    assert "ลงนามและเสนอรายงานแล้ว" in page.content()
    report.refresh_from_db()
    assert next(r for r in report_rows(report) if r["number"] == 15)["result"] == COMBINED
    assert report.snapshot["parts"]["15"][1] == {
        "division": "กองคลัง", "status": "done", "result": KLANG_PART,
    }  # fmt: skip
    finish_review(report)

    # 1 October: the analyst starts next year's plan.
    page = analyst.go("/measures/plans/")
    page.fill("form[action$='/copy/'] input[name=year]", "2567")
    page.click("button:has-text('เริ่มแผนปีใหม่')")
    assert "เริ่มแผนปีงบประมาณ ๒๕๖๗ จากปี ๒๕๖๖ แล้ว" in page.content()

    # Staff still reach the 12-month period of the year just ended, from the start page.
    page = klang.go("/")
    shot(page, artifacts, "05-start-page-375")
    checked(page, "start page")
    waiting = page.inner_text(".waiting")
    assert f"{FULL_YEAR_2566}: มาตรการที่ยังไม่ได้บันทึกผล ๔\u00a0ข้อ" in waiting
    assert f"{FIRST_HALF_2567}: มาตรการที่ยังไม่ได้บันทึกผล ๔\u00a0ข้อ" in waiting
    page.click(f"text={FULL_YEAR_2566}")
    assert "/measures/?year=2566&period=2" in page.url
    assert FIRST_HALF_2567 not in page.content()
    shot(page, artifacts, "06-my-measures-12-months-375")
    checked(page, "my measures, 12 months")

    # The 12-month form starts from the 6-month result.
    page.click("text=บันทึกผล ข้อ ๑")
    assert "ผลรอบ ๖ เดือน (ต.ค. – มี.ค.)" in page.content()
    assert page.input_value("#id_result") == "อยู่ในระหว่างการดำเนินการ"
    assert page.is_checked("input[name=status][value=in_progress]")
    shot(page, artifacts, "07-twelve-month-form-375")
    checked(page, "12-month form")
    page.check("input[name=status][value=done]")
    page.fill("#id_result", "เผยแพร่ข้อมูลการใช้จ่ายงบประมาณให้บุคลากรทราบครบทั้งปีแล้ว")
    page.click("button.primary")
    page.wait_for_url("**/measures/")
    page = klang.go("/")
    assert f"{FULL_YEAR_2566}: มาตรการที่ยังไม่ได้บันทึกผล ๓\u00a0ข้อ" in page.inner_text(".waiting")

    # The 12-month report prints the year: what was recorded for it, else the 6-month result.
    page = analyst.go("/reports/")
    page.click("button:has-text('สร้างร่างรายงานรอบ ๑๒ เดือน (ต.ค. – ก.ย.)')")
    twelve = Report.objects.get(period=2)
    page = analyst.go(f"/reports/{twelve.pk}/preview/")
    text = page.content()
    assert "เผยแพร่ข้อมูลการใช้จ่ายงบประมาณให้บุคลากรทราบครบทั้งปีแล้ว" in text
    assert COMBINED in text  # ข้อ ๑๕: the 6-month cell, carried
    shot(page, artifacts, "08-twelve-month-report-preview")
