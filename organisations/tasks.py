"""The background tasks of organisations, run by `manage.py worker`."""

from django_tasks import task

from . import password_reset


@task()
def send_password_reset_mail(email: str) -> None:
    password_reset.send_reset_mail(email)
