"""The background tasks of operations, run by `manage.py worker`."""

from datetime import date

from django_tasks import task

from . import reminders


@task()
def send_reminders(day: str) -> None:
    """The day's reminders of ITA items due (queued once a day: reminders.queue_daily)."""
    reminders.send_reminders(date.fromisoformat(day))
