"""Signing is an act: the person confirms it with their password on the form, throttled as the
sign-in is; a wrong password records nothing."""

import pytest
from django.urls import reverse

from organisations.refusals import Refusal
from reports import workflow
from reports.models import Report, ReviewEvent
from tests.cast import PASSWORD, advance
from tests.signing import confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(cast):
    return advance(cast.draft(), through="submit")


def review(client, report, **data):
    return client.post(reverse("reports:review", args=[report.pk]), data)


def test_a_wrong_password_records_nothing_and_keeps_the_text(cast, client, submitted):
    client.force_login(cast.henry)
    page = review(client, submitted, comment="เห็นควรอนุมัติ", password="ผิด")
    text = page.content.decode()
    assert "รหัสผ่านไม่ถูกต้อง ยังไม่ได้ลงนาม" in text and "เห็นควรอนุมัติ" in text
    report = Report.objects.get(pk=submitted.pk)
    assert report.current_step == 1
    assert report.review_steps.get(order=1).acted_by is None
    assert not ReviewEvent.objects.filter(report=report, action="comment").exists()


def test_the_right_password_signs(cast, client, submitted):
    client.force_login(cast.henry)
    review(client, submitted, comment="เห็นควรอนุมัติ", password=PASSWORD)
    event = ReviewEvent.objects.get(report=submitted, action="comment")
    assert event.signed and event.actor == cast.henry
    assert (event.actor_name, event.actor_position) == ("henry ทดสอบ", "ตำแหน่งของ henry")
    assert event.comment == "เห็นควรอนุมัติ"


def test_submitting_without_the_password_submits_nothing(cast, client):
    report = cast.draft()
    client.force_login(cast.alice)
    page = client.post(reverse("reports:submit", args=[report.pk]), {"password": ""})
    assert "ยังไม่ได้เสนอรายงาน" in page.content.decode()
    assert Report.objects.get(pk=report.pk).state == "draft"
    client.post(reverse("reports:submit", args=[report.pk]), {"password": PASSWORD})
    submitted = Report.objects.get(pk=report.pk)
    assert submitted.state == "in_review"
    assert submitted.events.get(action="submit").signed


def test_approving_needs_the_password_returning_does_not(cast, client, submitted):
    workflow.report_comment(submitted, by=cast.henry, text="", confirmation=confirmed(cast.henry))
    client.force_login(cast.chief)
    page = review(client, submitted, decision="approve", comment="อนุมัติ")
    assert "กรุณาใส่รหัสผ่านเพื่อลงนามอนุมัติ" in page.content.decode()
    assert Report.objects.get(pk=submitted.pk).state == "in_review"
    review(client, submitted, decision="return", reason="ขอผลเพิ่ม")
    assert Report.objects.get(pk=submitted.pk).state == "returned"


def test_guessing_is_throttled_as_the_sign_in_is(cast, client, submitted, settings):
    client.force_login(cast.henry)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        review(client, submitted, comment="เดา", password="ผิด")
    page = review(client, submitted, comment="ด้วยรหัสที่ถูก", password=PASSWORD)
    assert "ระงับ" in page.content.decode()
    assert not ReviewEvent.objects.filter(report=submitted, action="comment").exists()


def test_the_services_refuse_an_act_without_a_fresh_confirmation(cast, submitted):
    with pytest.raises(Refusal, match="ยืนยันด้วยรหัสผ่าน"):
        workflow.report_comment(submitted, by=cast.henry, text="", confirmation=None)
    with pytest.raises(Refusal, match="ยืนยันด้วยรหัสผ่าน"):
        # Someone else's confirmation signs nothing.
        workflow.report_comment(
            submitted, by=cast.henry, text="", confirmation=confirmed(cast.alice)
        )
