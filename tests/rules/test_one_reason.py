"""Each refusal a person can meet says its one true reason, the same from the writer and on the
page: the wrong person, the wrong state, the finished document (the period's lock:
tests/measures/test_lock_reasons.py)."""

import pytest
from django.urls import reverse

from measures.services.progress import progress_set_follow_ups
from organisations.models import StepKind
from organisations.refusals import Refusal
from publishing.services import document_publish
from reports import services, workflow
from reports.services import plan_document_create
from tests.cast import PASSWORD, advance
from tests.signing import confirmed

pytestmark = pytest.mark.django_db

SIGN = {"password": PASSWORD}
FINISHED = "รายงานนี้เสร็จสิ้นแล้ว แก้ไขไม่ได้ ถ้าต้องแก้ให้สร้างฉบับแก้ไข"


def refusal_of(write) -> str:
    with pytest.raises(Refusal) as refused:
        write()
    return str(refused.value)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def submit(report, person):
    workflow.report_submit(report, by=person, confirmation=confirmed(person))


def comment(report, person):
    workflow.report_comment(report, by=person, text="", confirmation=confirmed(person))


# The wrong person -------------------------------------------------------------------------


def test_staff_cannot_start_a_report(cast, client):
    reason = "รายงานและประกาศมาตรการสร้างได้เฉพาะนักวิเคราะห์นโยบายและแผนและผู้ดูแลระบบของหน่วยงาน"
    assert (
        refusal_of(lambda: services.report_create(fiscal_year=cast.plan, period=1, author=cast.bob))
        == reason
    )
    client.force_login(cast.bob)
    page = client.post(
        reverse("reports:create"), {"fiscal_year": cast.plan.pk, "period": 1}, follow=True
    )
    assert messages_of(page) == [reason]
    assert not cast.plan.reports.exists()


def test_only_the_analyst_submits(cast, client):
    report = cast.draft()
    reason = "เฉพาะนักวิเคราะห์นโยบายและแผนของหน่วยงานเสนอรายงานได้"
    assert refusal_of(lambda: submit(report, cast.sam)) == reason
    client.force_login(cast.sam)
    page = client.post(reverse("reports:submit", args=[report.pk]), SIGN, follow=True)
    assert messages_of(page) == [reason]


def test_the_head_of_office_is_told_whose_step_it_is(cast, client):
    report = advance(cast.draft(), through=StepKind.COMMENT)
    assert refusal_of(lambda: comment(report, cast.henry)) == (
        "ขณะนี้รายงานรอพิจารณาอนุมัติหรือส่งกลับจากตำแหน่งของ chief ท่านไม่ใช่ผู้พิจารณาขั้นนี้"
    )
    assert refusal_of(lambda: comment(report, cast.chief)) == (
        "ขั้นนี้เป็นการพิจารณาอนุมัติหรือส่งกลับ ไม่ใช่การให้ความเห็น"
    )
    advance(report, through=StepKind.APPROVE)
    client.force_login(cast.henry)
    page = client.post(
        reverse("reports:review", args=[report.pk]), {"comment": "x", **SIGN}, follow=True
    )
    assert messages_of(page) == ["ขณะนี้รายงานรอรับทราบจากตำแหน่งของ mayor ท่านไม่ใช่ผู้พิจารณาขั้นนี้"]


def test_the_analyst_writes_no_follow_up_while_the_report_is_reviewed(cast):
    advance(cast.draft(), through="submit")

    def direct():
        progress_set_follow_ups(
            fiscal_year=cast.plan, period=1, follow_ups={1: "เร่งรัด"}, by=cast.alice
        )

    assert refusal_of(direct) == "รายงานของรอบนี้อยู่ระหว่างพิจารณา การกำกับติดตามเขียนได้เฉพาะปลัด"


# The wrong state --------------------------------------------------------------------------


def test_a_draft_is_not_reviewed_yet(cast, client):
    report = cast.draft()
    assert refusal_of(lambda: comment(report, cast.henry)) == "รายงานนี้ยังไม่ได้เสนอ"
    client.force_login(cast.henry)
    page = client.post(
        reverse("reports:review", args=[report.pk]), {"comment": "x", **SIGN}, follow=True
    )
    assert messages_of(page) == ["รายงานนี้ยังไม่ได้เสนอ"]


def test_a_submitted_report_is_not_submitted_twice(cast):
    report = advance(cast.draft(), through="submit")
    assert refusal_of(lambda: submit(report, cast.alice)) == "รายงานนี้เสนอไปแล้ว"


def test_a_draft_is_not_published(cast):
    report = cast.draft()
    assert (
        refusal_of(lambda: document_publish(document=report, by=cast.alice))
        == "เผยแพร่ได้เฉพาะเอกสารฉบับสมบูรณ์ (ผู้บริหารลงนามแล้ว)"
    )


# The finished document -------------------------------------------------------------------


def test_a_finished_report_says_so_on_every_act(cast, client):
    report = cast.finish()
    acts = [
        lambda: submit(report, cast.alice),
        lambda: comment(report, cast.henry),
        lambda: workflow.report_approve(report, by=cast.chief, confirmation=confirmed(cast.chief)),
        lambda: workflow.report_return(report, by=cast.chief, reason="x"),
        lambda: workflow.report_acknowledge(
            report, by=cast.mayor, confirmation=confirmed(cast.mayor)
        ),
        lambda: services.report_update_memo(report=report, by=cast.alice, fields={"subject": "x"}),
    ]
    assert [refusal_of(act) for act in acts] == [FINISHED] * len(acts)
    client.force_login(cast.alice)
    page = client.post(reverse("reports:memo", args=[report.pk]), {"subject": "x"}, follow=True)
    assert messages_of(page) == [FINISHED]


def test_a_signed_announcement_says_so_in_its_own_words(cast):
    announcement = cast.finish(plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    assert refusal_of(lambda: submit(announcement, cast.alice)) == (
        "ประกาศนี้เสร็จสิ้นแล้ว แก้ไขไม่ได้ ถ้าต้องแก้ให้สร้างฉบับแก้ไข"
    )
