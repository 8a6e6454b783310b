"""The background tasks of reports, run by `manage.py worker`."""

from django_tasks import task

from . import notifications, pdf_jobs


@task(queue_name="documents")
def render_pdf(report_pk: int) -> None:
    pdf_jobs.run(report_pk)


@task()
def send_next_step_mail(report_pk: int) -> None:
    notifications.send_next_step_mail(report_pk)
