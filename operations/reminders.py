"""E-mail reminders of the ITA items due soon (REMINDER_DAYS_BEFORE) or overdue, to whoever still
owes work for them (publishing/due_work.py: the analyst with a document not submitted or not
published, a superior with a step waiting, staff with measures not recorded).

Once a day, from REMINDER_HOUR, the first worker whose heartbeat sees the hour queues the day's
pass (`queue_daily`, a row per day); the pass sends each person one mail per thing they owe and
records it (ReminderSent), so nobody is reminded twice of the same thing: a thing is claimed by
its row before the mail goes, and a mail that fails gives its claim back for the next day.
`manage.py send_reminders --dry-run` shows what would be sent."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import AnswerKind, AssessmentItem
from organisations.models import Organisation
from publishing.due_work import due_statuses, item_name, owed_work, when_due

from .models import ReminderRun, ReminderSent

logger = logging.getLogger(__name__)
SIGNATURE = "(ระบบติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส)"
# Organisations read at a time: a national deployment's are many.
CHUNK = 500


def queue_daily(now=None) -> bool:
    """Queue today's pass if the hour has come and no worker queued it yet; whether it did."""
    now = timezone.localtime(now)
    if now.hour < settings.REMINDER_HOUR:
        return False
    _, created = ReminderRun.objects.get_or_create(day=now.date())
    if created:
        from .tasks import send_reminders as task

        task.enqueue(now.date().isoformat())
    return created


@dataclass
class Reminder:
    user: object
    key: str
    subject: str
    body: str


def reminders_due(today) -> list[Reminder]:
    """Every reminder owed today that was not sent before, to people with an e-mail address."""
    due = AssessmentItem.objects.filter(due_date__isnull=False).exclude(
        document_kind=AnswerKind.OTHER
    )
    if not due.exists():
        return []
    found = []
    ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        organisations = Organisation.objects.filter(pk__in=ids[start : start + CHUNK])
        owed = owed_work(due_statuses(organisations, today), today)
        people = {user.pk for thing in owed for user in thing.users}
        sent = set(
            ReminderSent.objects.filter(user__in=people).values_list("user_id", "key")
        )  # fmt: skip
        for thing in owed:
            for user in thing.users:
                if user.email and (user.pk, thing.key) not in sent:
                    found.append(_reminder(user, thing, today))
                    sent.add((user.pk, thing.key))
    return found


def _reminder(user, thing, today) -> Reminder:
    status = thing.status
    subject = f"เตือนกำหนดส่ง ITA: {item_name(status.item)} {when_due(status, today)}"
    link = settings.SITE_URL.rstrip("/") + thing.url
    body = (
        f"{status.organisation.name}\n\n{thing.text}\n\nเปิดในระบบ: {link}\n\n"
        "ระบบส่งการเตือนเรื่องนี้ถึงท่านครั้งเดียว\n\n" + SIGNATURE
    )
    return Reminder(user, thing.key, subject[:200], body)


def send_reminders(today=None) -> int:
    """Send today's reminders; returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for reminder in reminders_due(today):
        try:
            with transaction.atomic():
                claim = ReminderSent.objects.create(
                    user=reminder.user, key=reminder.key, text=reminder.subject[:500]
                )
        except IntegrityError:
            continue  # another worker sent it
        message = EmailMessage(
            reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, [reminder.user.email]
        )
        try:
            message.send()
        except Exception:  # noqa: BLE001 - tried again tomorrow
            logger.warning("a reminder was not sent", exc_info=True)
            claim.delete()
            continue
        sent += 1
    return sent
