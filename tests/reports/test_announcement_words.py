"""The plan's announcement (ประกาศ) speaks its own words: the analyst proposes it, the chief
executive signs (issues) it; nothing of a report's "ลงนามรับทราบ" or "ดูตัวอย่างรายงาน"
(issue 17, item 11)."""

import pytest
from django.core import mail
from django.urls import reverse

from organisations.models import StepKind
from reports.services import plan_document_create
from tests.cast import PASSWORD, advance
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

REPORT_WORDS = ["ลงนามรับทราบ", "ดูตัวอย่างรายงาน", "เสนอรายงาน", "รับทราบ", "บันทึกข้อความ"]


@pytest.fixture
def announcement(cast):
    return plan_document_create(fiscal_year=cast.plan, author=cast.alice)


def page(client, user, document):
    client.force_login(user)
    return client.get(reverse("reports:detail", args=[document.pk])).content.decode()


def without_report_words(html):
    found = [word for word in REPORT_WORDS if word in html]
    assert found == [], found


def test_the_analyst_proposes_the_announcement(cast, client, announcement):
    html = page(client, cast.alice, announcement)
    assert "ดูตัวอย่างประกาศ" in html and "ข้อความประกาศ" in html
    assert ">เสนอร่างประกาศ</button>" in html
    without_report_words(html)
    client.post(reverse("reports:submit", args=[announcement.pk]), {"password": PASSWORD})
    response = client.get(reverse("reports:detail", args=[announcement.pk]))
    assert [str(m) for m in response.context["messages"]] == ["เสนอร่างประกาศแล้ว"]
    assert "เสนอร่างประกาศ" in response.content.decode()  # the record of the act


def test_the_chief_executive_signs_it(cast, client, announcement):
    for person in (cast.alice, cast.mayor):
        person.email = f"{person.username}@example.org"
        person.save()
    advance(announcement, through=StepKind.APPROVE, comment="เห็นควรประกาศ")
    run_queued_tasks()
    assert mail.outbox[-1].subject == f"ประกาศรอลงนามประกาศ: {announcement}"
    client.force_login(cast.mayor)
    assert f"{announcement} รอลงนามประกาศจากท่าน" in client.get("/").content.decode()
    html = page(client, cast.mayor, announcement)
    assert "อนุมัติแล้ว รอผู้บริหารลงนามประกาศ" in html
    assert '<h2 id="review-title">ลงนามประกาศ (ตำแหน่งของ mayor)</h2>' in html
    assert ">ลงนามประกาศ</button>" in html
    assert 'name="comment"' not in html  # a ประกาศ is signed, not answered "ทราบ"
    without_report_words(html)

    response = client.post(
        reverse("reports:review", args=[announcement.pk]), {"password": PASSWORD}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["ลงนามประกาศแล้ว ประกาศเป็นฉบับสมบูรณ์"]
    announcement.refresh_from_db()
    assert announcement.state == "acknowledged"
    assert announcement.review_steps.get(order=3).comment == ""
    run_queued_tasks()
    assert mail.outbox[-1].subject == f"ประกาศลงนามแล้ว: {announcement}"
    html = page(client, cast.alice, announcement)
    assert "ลงนามประกาศแล้ว (ฉบับสมบูรณ์)" in html
    without_report_words(html)
    preview = client.get(reverse("reports:preview", args=[announcement.pk])).content.decode()
    assert "← กลับไปหน้าประกาศ" in preview


def test_a_report_keeps_its_own_words(cast, client):
    report = cast.draft()
    html = page(client, cast.alice, report)
    assert "ดูตัวอย่างรายงาน" in html and ">ลงนามและเสนอรายงาน</button>" in html


def test_the_public_page_says_the_announcement_was_signed(cast, client, announcement):
    from publishing.services import document_publish

    finished = cast.finish(announcement)
    run_queued_tasks()  # the worker renders the final PDF
    publication = document_publish(document=finished, by=cast.alice)
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "<dt>ลงนามประกาศ</dt>" in page and "รับทราบ" not in page
    finished = cast.finish()
    run_queued_tasks()
    report = document_publish(document=finished, by=cast.alice)
    assert "<dt>รับทราบ</dt>" in client.get(report.get_absolute_url()).content.decode()


def test_the_chief_administrator_approves_an_announcement_without_follow_ups(
    cast, client, announcement
):
    advance(announcement, through=StepKind.COMMENT)
    html = page(client, cast.chief, announcement)
    assert '<h2 id="review-title">พิจารณาอนุมัติหรือส่งกลับ (ตำแหน่งของ chief)</h2>' in html
    assert "การกำกับติดตาม" not in html  # an announcement has no results to direct
    without_report_words(html)
