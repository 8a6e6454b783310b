"""What waits for a person: the list on their start page, in every organisation they belong to."""

from dataclasses import dataclass

from django.urls import reverse

from measures.selectors import open_periods, to_record
from organisations import access
from organisations.models import Role
from thai.digits import thai_digits
from thai.fiscal import Period

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
        if Role.STAFF in roles:
            several = len(access.member_organisations(user)) > 1
            items.extend(_still_to_record(user, organisation, named=several))
    return items


def _still_to_record(user, organisation, *, named) -> list[Waiting]:
    """Per period open for recording: how many of the person's measures still have no result
    from their division."""
    items = []
    for fiscal_year, period in open_periods(organisation):
        missing = to_record(user, fiscal_year, period)
        if missing:
            where = f"{organisation.short_name} " if named else ""
            year = f"ปีงบประมาณ พ.ศ. {thai_digits(fiscal_year.year)}"
            items.append(
                Waiting(
                    f"{where}{year} {Period(period).label}: "
                    # A no-break space: the count and its unit stay on one line on a phone.
                    f"มาตรการที่ยังไม่ได้บันทึกผล {thai_digits(len(missing))}\u00a0ข้อ",
                    reverse("measures:mine") + f"?year={fiscal_year.year}&period={period}",
                )
            )
    return items


def _report_url(report) -> str:
    return reverse("reports:detail", args=[report.pk])
