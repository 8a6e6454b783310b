"""Reminders of the ITA items due (issue 18, item 5): the start page shows each person what they
still owe for the items due within REMINDER_DAYS_BEFORE days or overdue, and the worker e-mails
it once a day, each thing to each person once: the analyst with a document not submitted or not
published, the superior whose step is waiting, staff with measures not recorded."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assessments.models import AssessmentItem
from measures.services.plan import plan_copy
from operations.models import ReminderRun, ReminderSent
from operations.reminders import queue_daily, send_reminders
from organisations.access import SYSTEM
from organisations.models import Membership, Role
from publishing.services import document_publish
from reports import workflow
from reports.services import report_create
from reports.stored_pdfs import stored_report_pdf
from tests.reports.analysis_scene import analysis_2567
from tests.signing import confirmed

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def due(cast, settings):
    """ITA ๒๕๖๗: the analysis (O36) due in 5 days, the 6-month report (O43) in 10, the plan
    (O42) in 30 (beyond the 14 days); FY ๒๕๖๗'s plan started, nothing recorded yet."""
    settings.REMINDER_DAYS_BEFORE = 14
    for code, days in (("O36", 5), ("O43", 10), ("O42", 30)):
        AssessmentItem.objects.filter(assessment_year__year=2567, code=code).update(
            due_date=TODAY + timedelta(days=days)
        )
    for person in cast.people.values():
        person.email = f"{person.username}@example.org"
        person.save()
    plan_copy(source=cast.plan, year=2567, by=SYSTEM)
    return cast


def sent_to():
    return sorted((message.to[0].split("@")[0], message.subject.split(": ")[1][:7])
                  for message in mail.outbox)  # fmt: skip


def test_whoever_owes_work_is_reminded_once(due):
    assert send_reminders(TODAY) == 6
    assert sent_to() == [
        ("alice", "ข้อ O36"),  # the analysis not made
        ("alice", "ข้อ O43"),  # the report not made
        ("bob", "ข้อ O43"),  # คลัง's measures not recorded
        ("carol", "ข้อ O43"),  # ช่าง's
        ("olivia", "ข้อ O36"),  # the other organisation's analyst: its own documents
        ("olivia", "ข้อ O43"),  # (it has no plan of FY ๒๕๖๗: no staff to remind)
    ]
    to_bob = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    assert "มาตรการที่ยังไม่ได้บันทึกผล ๒\u00a0ข้อ" in to_bob.body  # his and every division's
    assert "ครบกำหนด" in to_bob.subject and "(อีก ๑๐ วัน)" in to_bob.subject
    assert "/measures/?year=2567&period=1" in to_bob.body
    # Nobody twice for the same thing, whichever day.
    mail.outbox.clear()
    assert send_reminders(TODAY) == 0 and send_reminders(TODAY + timedelta(days=3)) == 0
    assert ReminderSent.objects.count() == 6


def test_an_analyst_of_two_organisations_is_reminded_of_each_ones_work(due):
    """The same item owed by two organisations is two things: one person keeping both plans
    gets a reminder for each organisation, and still nobody twice."""
    Membership.objects.create(
        user=due.olivia, organisation=due.home, role=Role.ANALYST,
        display_name="olivia ทดสอบ", position_title="ตำแหน่งของ olivia",
    )  # fmt: skip
    assert send_reminders(TODAY) == 8
    to_olivia = sorted(
        (m.subject.split(": ")[1][:7], m.body.split("\n")[0])
        for m in mail.outbox
        if m.to == ["olivia@example.org"]
    )
    assert to_olivia == [
        ("ข้อ O36", due.home.name), ("ข้อ O36", due.away.name),
        ("ข้อ O43", due.home.name), ("ข้อ O43", due.away.name),
    ]  # fmt: skip
    mail.outbox.clear()
    assert send_reminders(TODAY) == 0


def test_a_superior_is_reminded_of_the_step_waiting_and_the_analyst_not_again(due):
    send_reminders(TODAY)
    mail.outbox.clear()
    analysis = analysis_2567(due)
    workflow.report_submit(analysis, by=due.alice, confirmation=confirmed(due.alice))
    assert send_reminders(TODAY) == 1
    assert mail.outbox[0].to == ["henry@example.org"]
    assert "รอให้ความเห็นจากท่าน" in mail.outbox[0].body
    workflow.report_comment(analysis, by=due.henry, text="", confirmation=confirmed(due.henry))
    mail.outbox.clear()
    assert send_reminders(TODAY) == 1 and mail.outbox[0].to == ["chief@example.org"]


def test_items_far_ahead_long_overdue_or_done_remind_nobody(due, settings):
    AssessmentItem.objects.filter(assessment_year__year=2567).update(
        due_date=TODAY - timedelta(days=400)
    )
    assert send_reminders(TODAY) == 0
    settings.REMINDER_DAYS_BEFORE = 40  # O42 (in 30 days) now within the window
    AssessmentItem.objects.filter(assessment_year__year=2567, code="O42").update(
        due_date=TODAY + timedelta(days=30)
    )
    assert send_reminders(TODAY) == 2
    assert sent_to() == [("alice", "ข้อ O42"), ("olivia", "ข้อ O42")]
    # The analysis published: its item is done, and its due date reminds nobody.
    final = due.finish(analysis_2567(due))
    stored_report_pdf(final)
    document_publish(document=final, by=due.alice)
    AssessmentItem.objects.filter(assessment_year__year=2567, code="O36").update(
        due_date=TODAY + timedelta(days=5)
    )
    mail.outbox.clear()
    assert send_reminders(TODAY) == 1 and sent_to() == [("olivia", "ข้อ O36")]


def test_someone_without_an_address_is_skipped_and_a_failed_mail_is_tried_again(due, monkeypatch):
    due.bob.email = ""
    due.bob.save()
    sent = EmailMessage.send

    def broken(self, *args, **kwargs):
        raise ConnectionError("the mail server does not answer")

    monkeypatch.setattr(EmailMessage, "send", broken)
    assert send_reminders(TODAY) == 0
    assert ReminderSent.objects.count() == 0  # every claim given back
    monkeypatch.setattr(EmailMessage, "send", sent)
    assert send_reminders(TODAY) == 5  # bob has no address
    assert "bob" not in [to for to, _ in sent_to()]


def test_the_worker_queues_the_days_pass_once_from_the_hour(due, settings):
    settings.REMINDER_HOUR = 8
    early = timezone.make_aware(datetime.combine(TODAY, datetime.min.time()).replace(hour=7))
    assert not queue_daily(early)
    assert queue_daily(early.replace(hour=8, minute=1))
    assert not queue_daily(early.replace(hour=15))
    assert ReminderRun.objects.get().day == TODAY
    task = DBTaskResult.objects.get(task_path="operations.tasks.send_reminders")
    assert task.args_kwargs["args"] == [TODAY.isoformat()]


def test_the_start_page_shows_each_person_what_they_owe(due, client):
    client.force_login(due.alice)
    text = client.get("/").content.decode()
    assert "กำหนดส่งข้อการประเมิน ITA" in text
    assert "ข้อ O36 การวิเคราะห์ผลการประเมิน ITA ของปีที่ผ่านมา (ITA ๒๕๖๗)" in text
    assert "(อีก ๕ วัน): ยังไม่ได้จัดทำการวิเคราะห์ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๗" in text
    assert "ข้อ O42" not in text  # due in 30 days
    assert "ภาพรวมปีการประเมิน ITA ของหน่วยงาน" in text
    client.force_login(due.bob)
    text = client.get("/").content.decode()
    assert "มาตรการที่ยังไม่ได้บันทึกผล ๒\u00a0ข้อ" in text and "ข้อ O36" not in text
    assert "ภาพรวมปีการประเมิน" not in text
    client.force_login(due.henry)
    assert "กำหนดส่งข้อการประเมิน ITA" not in client.get("/").content.decode()


def test_the_start_page_costs_the_same_with_more_items_due(due, client):
    client.force_login(due.alice)

    def counted():
        with CaptureQueriesContext(connection) as captured:
            text = client.get("/").content.decode()
        return len(captured), text

    analysis = analysis_2567(due)
    workflow.report_submit(analysis, by=due.alice, confirmation=confirmed(due.alice))
    before, text = counted()
    assert "ข้อ O43" in text and "ข้อ O42" not in text
    AssessmentItem.objects.filter(assessment_year__year=2567, code="O42").update(
        due_date=TODAY + timedelta(days=3)
    )
    report_create(fiscal_year=due.home.fiscal_years.get(year=2567), period=1, author=due.alice)
    after, text = counted()
    assert "ข้อ O42" in text and "ยังเป็นร่าง" in text
    assert after <= before, (before, after)
