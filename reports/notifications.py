"""E-mail to whoever must act next on a report, when mail is configured (the same people see it on
their start page: reports/inbox.py); a returned report's mail carries the reason and the marked
measures, and reaches the staff of those measures' divisions too (reports/returns.py)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from organisations.models import Membership, Role
from thai.digits import thai_digits

from .models import Report, ReportState
from .returns import returned, staff_to_tell

SIGNATURE = "(ระบบติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส)"


def _report_url(report) -> str:
    return reverse("reports:detail", args=[report.pk])


def queue_mail(report):
    """Tell whoever must act next, by the worker, once the transition is saved (the task row
    commits with it)."""
    from .tasks import send_next_step_mail as task

    task.enqueue(report.pk)


def send_next_step_mail(report_pk):
    report = Report.objects.select_related("fiscal_year__organisation").get(pk=report_pk)
    words = report.words
    notice = None
    if report.state in (ReportState.IN_REVIEW, ReportState.APPROVED):
        step = report.review_steps.get(order=report.current_step)
        roles, subject = [step.role], f"{words.document}รอ{step.act_label}: {report}"
    elif report.state == ReportState.RETURNED:
        roles, subject = [Role.ANALYST], f"{words.document}ถูกส่งกลับให้แก้ไข: {report}"
        notice = returned(report)
    elif report.state == ReportState.ACKNOWLEDGED:
        roles, subject = [Role.ANALYST], f"{words.finished}: {report}"
    else:
        return
    recipients = list(
        Membership.objects.filter(organisation=report.organisation, role__in=roles)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    link = settings.SITE_URL.rstrip("/") + _report_url(report)
    details = _return_details(notice, notice.measures) if notice else ""
    body = f"{subject}\n\n{details}เปิด{words.document}: {link}\n\n{SIGNATURE}"
    mails = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    if notice:
        mails += _staff_mails(notice)
    if mails:
        send_mass_mail(mails, fail_silently=True)


def _return_details(notice, measures) -> str:
    event = notice.event
    lines = [f"ส่งกลับโดย {event.actor_name} ({event.actor_position})", f"เหตุผล: {event.comment}"]
    if measures:
        lines.append("มาตรการที่ต้องแก้ไข:")
        lines += [
            f"- ข้อ {thai_digits(m.item_label)} {m.title} ({m.responsible_label})" for m in measures
        ]
    return "\n".join(lines) + "\n\n"


def _staff_mails(notice) -> list[tuple]:
    """Each staff member of a marked measure's divisions: the reason and their measures."""
    report = notice.report
    subject = f"มาตรการของส่วนราชการของท่านต้องแก้ไข: {report}"
    link = settings.SITE_URL.rstrip("/") + reverse("measures:mine")
    mails = []
    for address, measures in staff_to_tell(notice).items():
        body = (
            f"{report} ถูกส่งกลับให้แก้ไข\n\n{_return_details(notice, measures)}"
            f"บันทึกผลการดำเนินการ: {link}\n\n{SIGNATURE}"
        )
        mails.append((subject, body, settings.DEFAULT_FROM_EMAIL, [address]))
    return mails
