"""E-mail to whoever must act next on a report, when mail is configured (the same people see it on
their start page: reports/inbox.py)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from organisations.models import Membership, Role

from .models import Report, ReportState


def _report_url(report) -> str:
    return reverse("reports:detail", args=[report.pk])


def queue_mail(report):
    """Tell whoever must act next, by the worker, once the transition is saved (the task row
    commits with it)."""
    from .tasks import send_next_step_mail as task

    task.enqueue(report.pk)


def send_next_step_mail(report_pk):
    report = Report.objects.select_related("fiscal_year__organisation").get(pk=report_pk)
    if report.state in (ReportState.IN_REVIEW, ReportState.APPROVED):
        step = report.review_steps.get(order=report.current_step)
        roles, subject = [step.role], f"รายงานรอ{step.get_kind_display()}: {report}"
    elif report.state == ReportState.RETURNED:
        roles, subject = [Role.ANALYST], f"รายงานถูกส่งกลับให้แก้ไข: {report}"
    elif report.state == ReportState.ACKNOWLEDGED:
        roles, subject = [Role.ANALYST], f"รายงานเสร็จสิ้นแล้ว: {report}"
    else:
        return
    recipients = list(
        Membership.objects.filter(organisation=report.organisation, role__in=roles)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    link = settings.SITE_URL.rstrip("/") + _report_url(report)
    body = f"{subject}\n\nเปิดรายงาน: {link}\n\n(ระบบติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส)"
    send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients],
        fail_silently=True,
    )
