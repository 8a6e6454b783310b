"""A report returned with reasons, in Chromium, as the people concerned do it (issue 17, items 7
and 8): the chief administrator reviews on a phone, opens a measure's evidence, jumps between
measures, looks at only those not done, marks two measures and returns the report with a
reason; the analyst reads the reason at the top of the report's page and on the start page;
the staff of a marked measure read it on their start page, the others see nothing of it."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from measures.models import ProgressEntry
from measures.services.evidence import evidence_add_file, evidence_add_link
from reports import workflow
from reports.models import ReportState
from tests.browser.test_staff_pages import fits, serious
from tests.signing import confirmed
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
REASON = "ข้อ ๑ ยังไม่แนบแผนการใช้จ่ายฉบับที่เผยแพร่ และข้อ ๑๑ ยังไม่ระบุกำหนดการฝึกอบรม ขอให้แก้ไข"


def shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def up_to_the_chief(report, users):
    entry = ProgressEntry.objects.get(measure__number=1, period=1)
    evidence_add_file(
        entry=entry, by=users["staff-klang"], upload=SimpleUploadedFile("แผน.pdf", PDF),
        description="แผนการใช้จ่ายงบประมาณ ๒๕๖๖",
    )  # fmt: skip
    evidence_add_link(
        entry=entry, by=users["staff-klang"], url="https://kiar.go.th/budget",
        description="ประกาศบนเว็บไซต์",
    )  # fmt: skip
    workflow.report_submit(report, by=users["analyst"], confirmation=confirmed(users["analyst"]))
    workflow.report_comment(
        report, by=users["head-office"], confirmation=confirmed(users["head-office"]), text=""
    )
    run_queued_tasks()
    mail.outbox.clear()


def test_a_returned_report_reaches_the_people_concerned(
    sign_in, live_demo, artifacts, django_user_model
):
    _, report = live_demo
    users = {user.username: user for user in django_user_model.objects.all()}
    up_to_the_chief(report, users)
    path = f"/reports/{report.pk}/"

    chief = sign_in("chief-admin", width=375)
    page = chief.go(path)
    assert fits(page), "the review scrolls sideways at 375 px"
    assert serious(page) == []
    shot(page, artifacts, "01-chief-admin-review-375")
    wide = sign_in("chief-admin", width=1280).go(path)
    shot(wide, artifacts, "01-chief-admin-review-1280")
    first = page.locator("#measure-1")
    assert first.locator("a", has_text="แผนการใช้จ่ายงบประมาณ ๒๕๖๖").count() == 1
    assert first.locator("a[href='https://kiar.go.th/budget']").count() == 1
    with page.expect_download() as download:
        first.locator("a", has_text="แผนการใช้จ่ายงบประมาณ ๒๕๖๖").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # Jump to ข้อ ๑๑ from the list at the top: it comes into view.
    page.click("nav.review-nav a[href='#measure-11']")
    page.wait_for_function("location.hash === '#measure-11'")
    top = page.locator("#measure-11").bounding_box()["y"]
    assert abs(top) < 5, top
    # Only those not done: five measures, ข้อ ๑ and ข้อ ๑๑ among them.
    page.click("text=เฉพาะที่ยังไม่แล้วเสร็จ (๕)")
    assert page.locator("article.review-measure").count() == 5
    assert fits(page)
    shot(page, artifacts, "02-chief-admin-only-not-done-375")

    page.check("#id_mark_1")
    page.check("#id_mark_11")
    page.fill("#id_follow_up_11", "ควรกำหนดวันฝึกอบรมให้ชัดเจน")
    page.click("button[value=return]")  # no reason yet
    alert = page.locator(".messages li.error")
    assert alert.inner_text() == "ยังไม่ได้ส่งกลับ: กรุณาระบุเหตุผลที่ส่งกลับ"
    page.fill("#id_reason", REASON)
    page.check("#id_mark_1")
    page.check("#id_mark_11")
    page.click("button[value=return]")
    assert page.locator(".messages li.success").inner_text() == "ส่งกลับให้แก้ไขแล้ว"
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    assert report.events.get(action="return").measure_numbers == [1, 11]

    # The analyst: the reason is the first thing on the report's page, in the first screen.
    analyst = sign_in("analyst")
    page = analyst.go("/")
    assert REASON in page.locator("section.returned").inner_text()
    page.click(f"section.returned a[href='{path}']")
    notice = page.locator("section.returned")
    assert REASON in notice.inner_text() and "ข้อ ๑๑" in notice.inner_text()
    assert notice.bounding_box()["y"] < 300
    shot(page, artifacts, "03-analyst-sees-the-reason-on-top")

    # The staff of a marked measure: told on their start page, with their own measure.
    klang = sign_in("staff-klang", width=375)
    page = klang.go("/")
    notice = page.locator("section.returned")
    assert REASON in notice.inner_text()
    assert "มาตรการของส่วนราชการของท่านที่ต้องแก้ไข" in notice.inner_text()
    assert notice.locator("ul.marked li").all_inner_texts() == [
        "ข้อ ๑ การเผยแพร่ข้อมูลที่เกี่ยวข้องกับการใช้จ่ายงบประมาณให้บุคลากรทราบ เช่น "
        "แผนการใช้จ่ายงบประมาณประจำปี ความคืบหน้า ความคุ้มค่า หรือประโยชน์ที่จะเกิดขึ้น "
        "โดยเฉพาะโครงการพัฒนาท้องถิ่น (กองคลัง)"
    ]
    assert fits(page)
    assert serious(page) == []
    shot(page, artifacts, "04-klang-start-page-375")
    page.click("section.returned ul.marked a")
    assert page.locator("h1").inner_text() == "มาตรการข้อ ๑"
    chang = sign_in("staff-chang", width=375)
    assert chang.go("/").locator("section.returned").count() == 0

    # … and by e-mail.
    run_queued_tasks()
    told = sorted(message.to[0] for message in mail.outbox)
    assert told == ["analyst@example.org", "staff-klang@example.org", "staff-palad@example.org"]
