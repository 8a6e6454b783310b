"""Who still owes work for the ITA items that are due soon or overdue, and what, as the start page
shows it (publishing/templatetags/ita_year.py) and the worker e-mails it (operations/reminders.py):

- an item whose document is not made, still a draft or returned: the analyst, to make and submit
  it; for a report's item, also each staff member whose divisions still have measures of its
  period to record;
- a document in review: whoever holds the role of the step it waits for;
- a final document not published yet: the analyst, to publish it.

Each owed thing has a key: a person is reminded once of one key (a new round of review, or the
next step, is another thing)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from assessments.models import AnswerKind, AssessmentItem, AssessmentYear
from measures.models import FiscalYear
from measures.selectors import to_record
from organisations.models import Membership, Role
from reports.permissions import waiting_step
from thai.dates import thai_date
from thai.digits import thai_count, thai_digits
from thai.fiscal import Period

from .item_documents import OVERDUE_SHOWN_DAYS, ItemState, ItemStatus, item_statuses


@dataclass
class Owed:
    status: ItemStatus
    text: str  # what the person owes, in Thai, with the item and its due date
    url: str  # a path on the portal
    key: str  # the thing owed: nobody is reminded twice of one key
    users: list = field(default_factory=list)


def due_statuses(organisations, today, days_before=None) -> list[ItemStatus]:
    """The organisations' items due within `days_before` days (REMINDER_DAYS_BEFORE) or
    overdue, not published yet, made in the portal."""
    days_before = settings.REMINDER_DAYS_BEFORE if days_before is None else days_before
    organisations = list(organisations)
    due = AssessmentItem.objects.filter(
        due_date__gte=today - timedelta(days=OVERDUE_SHOWN_DAYS),
        due_date__lte=today + timedelta(days=days_before),
    ).exclude(document_kind=AnswerKind.OTHER)
    years = {}
    for item in due:
        years.setdefault(item.assessment_year_id, set()).add(item.pk)
    found = []
    for assessment_year in AssessmentYear.objects.filter(pk__in=list(years)):
        for statuses in item_statuses(organisations, assessment_year).values():
            found += [
                status
                for status in statuses
                if status.item.pk in years[assessment_year.pk] and status.is_due(today, days_before)
            ]
    return sorted(found, key=lambda status: status.item.due_date)


def when_due(status, today) -> str:
    """ "ครบกำหนด ๓๑ มีนาคม ๒๕๖๙ (อีก ๕ วัน)", "(เลยกำหนด ๒ วัน)", "(วันนี้)"."""
    left = status.days_left(today)
    after = "วันนี้" if left == 0 else f"อีก {thai_count(left)} วัน"
    if left < 0:
        after = f"เลยกำหนด {thai_count(-left)} วัน"
    return f"ครบกำหนด {thai_date(status.item.due_date)} ({after})"


def item_name(item) -> str:
    code = f"ข้อ {item.code} " if item.code else ""
    return f"{code}{item.name} (ITA {thai_digits(item.assessment_year.year)})"


def owed_work(statuses, today, *, user=None) -> list[Owed]:
    """What each person owes for the statuses (due_statuses); only `user`'s when given."""
    organisations = {status.organisation.pk for status in statuses}
    members = Membership.objects.filter(organisation__in=organisations).select_related("user")
    if user is not None:
        members = members.filter(user=user)
    by_role = {}
    for membership in members:
        if membership.user.is_active:
            key = (membership.organisation_id, membership.role)
            by_role.setdefault(key, []).append(membership.user)
    owed = []
    for status in statuses:

        def people(role, organisation=status.organisation.pk):
            return by_role.get((organisation, role), [])

        owed += _owed_for(status, today, people)
    return [thing for thing in owed if thing.users]


def _owed_for(status, today, people) -> list[Owed]:
    item, document = status.item, status.document
    said = f"{item_name(item)} {when_due(status, today)}"
    glance = reverse("ita_year:year", args=[status.organisation.pk, item.assessment_year.year])
    key = f"item{item.pk}:org{status.organisation.pk}"  # one person may keep two organisations
    if status.state == ItemState.IN_REVIEW:
        step = waiting_step(document)
        if step is None:
            return []
        return [
            Owed(status, f"{said}: {document} รอ{step.act_label}จากท่าน", _detail(document),
                 f"{key}:step:{document.pk}:{document.round}:{step.order}", people(step.role))
        ]  # fmt: skip
    if status.state == ItemState.FINAL:
        url = reverse("publishing:manage", args=[document.pk])
        return [
            Owed(status, f"{said}: {document} เป็นฉบับสมบูรณ์แล้ว ยังไม่ได้เผยแพร่", url,
                 f"{key}:publish:{document.pk}", people(Role.ANALYST))
        ]  # fmt: skip
    if document is None:
        what = f"ยังไม่ได้จัดทำ{item.asks_for()}"
    elif document.state == "returned":
        what = f"{document} ถูกส่งกลับให้แก้ไข ยังไม่ได้เสนออีกครั้ง"
    else:
        what = f"{document} ยังเป็นร่าง ยังไม่ได้เสนอ"
    owed = [
        Owed(status, f"{said}: {what}", _detail(document) if document else glance,
             f"{key}:submit", people(Role.ANALYST))
    ]  # fmt: skip
    if item.document_kind == AnswerKind.REPORT:
        owed += _to_record(status, said, key, people(Role.STAFF))
    return owed


def _to_record(status, said, key, staff) -> list[Owed]:
    """Each staff member whose divisions still have measures of the report's period to record."""
    document, item = status.document, status.item
    fiscal_year = document.fiscal_year if document else FiscalYear.objects.filter(
        organisation=status.organisation, year=item.fiscal_year
    ).first()  # fmt: skip
    if fiscal_year is None:
        return []
    period = item.period or (document.period if document else Period.FULL_YEAR)
    url = reverse("measures:mine") + f"?year={fiscal_year.year}&period={period}"
    owed = []
    for person in staff:
        missing = to_record(person, fiscal_year, period)
        if missing:
            text = (
                f"{said}: ปีงบประมาณ พ.ศ. {thai_digits(fiscal_year.year)} {Period(period).label} "
                f"มาตรการที่ยังไม่ได้บันทึกผล {thai_digits(len(missing))}\u00a0ข้อ"
            )
            owed.append(Owed(status, text, url, f"{key}:record:{fiscal_year.year}:{period}",
                             [person]))  # fmt: skip
    return owed


def _detail(document) -> str:
    return reverse("reports:detail", args=[document.pk])
