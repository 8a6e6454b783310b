"""A returned report says why, where the people concerned look: at the top of the report's page,
on the analyst's start page and in the e-mail; the measures the chief administrator marks reach
the staff of their divisions (issue 17, items 7 and 9)."""

import pytest
from django.core import mail
from django.urls import reverse

from measures.models import Measure
from measures.services.plan import measures_renumber
from organisations.access import SYSTEM
from organisations.models import StepKind
from organisations.refusals import Refusal
from reports import workflow
from reports.models import ReportState, ReviewEvent
from tests.cast import advance
from tests.signing import confirmed
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

PASSWORD = "ita-demo-2566"
REASON = "ข้อ ๑ และข้อ ๑๑ ยังไม่ระบุผลที่วัดได้ ขอให้ส่วนราชการเพิ่มเติม"


@pytest.fixture
def users(django_user_model, demo):
    return {user.username: user for user in django_user_model.objects.all()}


@pytest.fixture
def waiting_for_chief(demo_report, users):
    advance(demo_report, through=StepKind.COMMENT)
    run_queued_tasks()
    mail.outbox.clear()
    return demo_report


def page_of(client, user, name="home", *args):
    client.force_login(user)
    return client.get(reverse(name, args=args)).content.decode()


def returned_through_the_page(client, report, users):
    client.force_login(users["chief-admin"])
    return client.post(
        reverse("reports:review", args=[report.pk]),
        {"decision": "return", "reason": REASON, "mark_1": "on", "mark_11": "on"},
        follow=True,
    )


def test_returning_without_a_reason_says_the_reason_is_missing(client, waiting_for_chief, users):
    client.force_login(users["chief-admin"])
    page = client.post(
        reverse("reports:review", args=[waiting_for_chief.pk]),
        {"decision": "return", "reason": "  ", "mark_1": "on"},
    )
    messages = [str(message) for message in page.context["messages"]]
    assert messages == ["ยังไม่ได้ส่งกลับ: กรุณาระบุเหตุผลที่ส่งกลับ"]
    assert "กรุณาตรวจสอบความเห็นและรหัสผ่าน" not in page.content.decode()
    waiting_for_chief.refresh_from_db()
    assert waiting_for_chief.state == ReportState.IN_REVIEW


def test_approving_with_measures_marked_for_correction_is_refused(client, waiting_for_chief, users):
    client.force_login(users["chief-admin"])
    page = client.post(
        reverse("reports:review", args=[waiting_for_chief.pk]),
        {"decision": "approve", "password": PASSWORD, "mark_11": "on"},
    )
    messages = [str(message) for message in page.context["messages"]]
    assert messages == [
        "ยังไม่ได้ลงนามอนุมัติ: มาตรการที่ทำเครื่องหมายให้แก้ไขใช้เมื่อส่งกลับเท่านั้น ถ้าจะอนุมัติ กรุณาเอาเครื่องหมายออก"
    ]
    waiting_for_chief.refresh_from_db()
    assert waiting_for_chief.state == ReportState.IN_REVIEW


def test_the_reason_and_the_marked_measures_reach_the_people_concerned(
    client, waiting_for_chief, users
):
    page = returned_through_the_page(client, waiting_for_chief, users)
    assert "ส่งกลับให้แก้ไขแล้ว" in page.content.decode()
    event = waiting_for_chief.events.get(action=ReviewEvent.Action.RETURN)
    assert event.comment == REASON and event.measure_numbers == [1, 11]

    # The analyst: the reason at the top of the report's page, before anything else of it.
    report_page = page_of(client, users["analyst"], "reports:detail", waiting_for_chief.pk)
    notice = report_page.index('class="card returned"')
    assert REASON in report_page[notice : notice + 2000]
    assert notice < report_page.index("ดูตัวอย่างรายงาน")
    assert "ส่งกลับให้แก้ไขโดย นายจิรวัดน์ ดำรงกุล (ปลัดองค์การบริหารส่วนตำบลเกียร์)" in report_page
    assert "ข้อ ๑ การเผยแพร่ข้อมูลที่เกี่ยวข้องกับการใช้จ่ายงบประมาณ" in report_page
    # … and on their start page.
    home = page_of(client, users["analyst"])
    assert REASON in home and "ข้อ ๑๑" in home

    # Staff of the marked measures' divisions: กองคลัง has ข้อ ๑, สำนักปลัด ข้อ ๑๑.
    first, eleventh = (f'href="/measures/{Measure.objects.get(number=n).pk}/"' for n in (1, 11))
    klang = page_of(client, users["staff-klang"])
    assert REASON in klang and first in klang and eleventh not in klang
    assert "มาตรการของส่วนราชการของท่านที่ต้องแก้ไข" in klang
    palad = page_of(client, users["staff-palad"])
    assert REASON in palad and eleventh in palad and first not in palad
    assert REASON not in page_of(client, users["staff-chang"])  # no marked measure of กองช่าง

    # The e-mail: the analyst's with the reason and both measures; each division's with theirs.
    run_queued_tasks()
    by_address = {message.to[0]: message for message in mail.outbox}
    analyst = by_address["analyst@example.org"]
    assert analyst.subject.startswith("รายงานถูกส่งกลับให้แก้ไข: ")
    assert f"เหตุผล: {REASON}" in analyst.body
    assert "- ข้อ ๑ การเผยแพร่ข้อมูล" in analyst.body and "- ข้อ ๑๑ " in analyst.body
    klang_mail = by_address["staff-klang@example.org"]
    assert klang_mail.subject.startswith("มาตรการของส่วนราชการของท่านต้องแก้ไข: ")
    assert f"เหตุผล: {REASON}" in klang_mail.body
    assert "- ข้อ ๑ " in klang_mail.body and "- ข้อ ๑๑ " not in klang_mail.body
    assert "- ข้อ ๑๑ " in by_address["staff-palad@example.org"].body
    assert "staff-chang@example.org" not in by_address


def test_the_notice_ends_when_the_report_goes_up_again(client, waiting_for_chief, users):
    returned_through_the_page(client, waiting_for_chief, users)
    workflow.report_submit(
        waiting_for_chief, by=users["analyst"], confirmation=confirmed(users["analyst"])
    )
    assert REASON not in page_of(client, users["staff-klang"])
    assert REASON not in page_of(client, users["analyst"])


def test_a_measure_not_in_the_report_cannot_be_marked(waiting_for_chief, users):
    with pytest.raises(Refusal, match="ไม่พบมาตรการข้อ ๙๙ ในรายงานนี้"):
        workflow.report_return(
            waiting_for_chief, by=users["chief-admin"], reason=REASON, measures=[99]
        )


@pytest.fixture
def waiting_in_a_plan_numbered_by_dimension(demo_report, users):
    """The demo's plan as an office numbering its measures by dimension writes it: ข้อ ๑ is 1.1
    and ข้อ ๑๑ is 3.2 (their places in the plan stay 1 and 11)."""
    plan = demo_report.fiscal_year
    first, eleventh = (plan.measures.get(number=n) for n in (1, 11))
    measures_renumber(
        fiscal_year=plan, places={first.pk: (1, "1.1"), eleventh.pk: (11, "3.2")}, by=SYSTEM
    )
    workflow.report_submit(
        demo_report, by=users["analyst"], confirmation=confirmed(users["analyst"])
    )
    workflow.report_comment(
        demo_report, by=users["head-office"], confirmation=confirmed(users["head-office"]),
        text="",
    )  # fmt: skip
    run_queued_tasks()
    mail.outbox.clear()
    return demo_report


def test_the_marked_measures_are_named_as_the_plan_numbers_them(
    client, waiting_in_a_plan_numbered_by_dimension, users
):
    report = waiting_in_a_plan_numbered_by_dimension
    review = page_of(client, users["chief-admin"], "reports:detail", report.pk)
    assert "ให้ส่วนราชการแก้ไขข้อ ๑.๑ (เมื่อส่งกลับ)" in review
    assert "ให้ส่วนราชการแก้ไขข้อ ๓.๒ (เมื่อส่งกลับ)" in review
    returned_through_the_page(client, report, users)

    report_page = page_of(client, users["analyst"], "reports:detail", report.pk)
    assert "ข้อ ๑.๑ การเผยแพร่ข้อมูลที่เกี่ยวข้องกับการใช้จ่ายงบประมาณ" in report_page
    assert "มาตรการที่ต้องแก้ไข: ข้อ ๑.๑, ๓.๒" in report_page  # the record of the return
    klang = page_of(client, users["staff-klang"])
    assert "ข้อ ๑.๑ การเผยแพร่ข้อมูล" in klang and "ข้อ ๑ การเผยแพร่" not in klang
    run_queued_tasks()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "- ข้อ ๑.๑ การเผยแพร่ข้อมูล" in by_address["staff-klang@example.org"].body
    assert "- ข้อ ๓.๒ " in by_address["staff-palad@example.org"].body
    assert "- ข้อ ๑.๑ " in by_address["analyst@example.org"].body
