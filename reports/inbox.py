"""What waits for a person: the list on their start page, in every organisation they belong to."""

from dataclasses import dataclass

from django.urls import reverse

from measures.selectors import current_plan, entries_without_result
from organisations import access
from organisations.models import Role
from thai.digits import thai_digits

from . import permissions
from .models import Report, ReportState


@dataclass
class Waiting:
    text: str
    url: str


def waiting_for(user) -> list[Waiting]:
    """What waits for this person, in every organisation they belong to."""
    items = []
    for organisation in access.member_organisations(user):
        roles = access.roles(user, organisation)
        reports = Report.objects.filter(fiscal_year__organisation=organisation).select_related(
            "fiscal_year__organisation"
        )
        waiting = reports.filter(state__in=permissions.WAITING_STATES)
        for report in waiting.prefetch_related("review_steps"):
            step = permissions.current_step_for(user, report)
            if step is not None:
                items.append(Waiting(f"{report} รอ{step.act_label}จากท่าน", _report_url(report)))
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
