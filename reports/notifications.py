"""Who must act next: the list on each person's start page, and e-mail when mail is configured."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from measures import permissions
from measures.models import Membership, Role
from thai.digits import thai_digits

from .models import Report, ReportState


@dataclass
class Waiting:
    text: str
    url: str


def waiting_for(user) -> list[Waiting]:
    """What waits for this person, in every organisation they belong to."""
    from measures.selectors import current_plan, entries_without_result

    items = []
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    for organisation in {membership.organisation for membership in memberships}:
        roles = permissions.roles(user, organisation)
        reports = Report.objects.filter(fiscal_year__organisation=organisation).select_related(
            "fiscal_year__organisation"
        )
        for report in reports.filter(state__in=[ReportState.IN_REVIEW, ReportState.APPROVED]):
            step = report.review_steps.filter(order=report.current_step).first()
            if step and step.role in roles:
                items.append(
                    Waiting(f"{report} รอ{step.get_kind_display()}จากท่าน", _report_url(report))
                )
        if Role.ANALYST in roles:
            for report in reports.filter(state=ReportState.RETURNED):
                items.append(Waiting(f"{report} ถูกส่งกลับให้แก้ไข", _report_url(report)))
            for report in reports.filter(state=ReportState.DRAFT):
                items.append(Waiting(f"{report} ยังเป็นร่าง รอเสนอ", _report_url(report)))
        plan = current_plan(organisation)
        if plan and Role.STAFF in roles:
            fiscal_year, period = plan
            missing = entries_without_result(user, fiscal_year, period)
            if missing:
                items.append(
                    Waiting(
                        f"มาตรการของส่วนราชการของท่านที่ยังไม่ได้บันทึกผล "
                        f"{thai_digits(len(missing))} รายการ",
                        reverse("measures:mine"),
                    )
                )
    return items


def _report_url(report) -> str:
    return reverse("reports:detail", args=[report.pk])


def after_commit(report):
    """Tell whoever must act next, once the transition is saved."""
    transaction.on_commit(lambda: send_next_step_mail(report.pk))


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
