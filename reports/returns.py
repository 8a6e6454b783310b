"""A returned document: why, by whom, and the measures the approving superior marked for
correction; and who is told. The analyst (and the site admin) reads it at the top of the
document's page and on the start page; the staff of a marked measure's divisions read theirs on
their start page; both get it by e-mail (reports/notifications.py). Once the document goes up
again, nobody is told any more."""

from dataclasses import dataclass, field

from measures.models import Measure
from measures.permissions import answers_for
from organisations import access
from organisations.models import Membership, Role

from .models import Report, ReportState, ReviewEvent


@dataclass
class Returned:
    report: Report
    event: ReviewEvent  # the return: who, when, the reason
    measures: list[Measure] = field(default_factory=list)  # marked (those the person answers for)
    for_staff: bool = False


def returned(report) -> Returned | None:
    """The document's return of this round with every marked measure, while it stays returned."""
    if report.state != ReportState.RETURNED:
        return None
    event = (
        report.events.filter(action=ReviewEvent.Action.RETURN, round=report.round)
        .order_by("-created_at", "-id")
        .first()
    )
    if event is None:
        return None
    return Returned(report, event, _marked(report, event))


def _marked(report, event) -> list[Measure]:
    if not event.measure_numbers:
        return []
    measures = report.fiscal_year.measures.filter(number__in=event.measure_numbers)
    return list(measures.order_by("number").prefetch_related("divisions"))


def events_with_marks(report) -> list[ReviewEvent]:
    """The document's review events in order, each with `marked_labels`: the measures a return
    marked, as the plan numbers them ("1.1" in a plan numbered by dimension, else "12")."""
    events = list(report.events.order_by("created_at", "id"))
    marked = {number for event in events for number in event.measure_numbers}
    labels = {}
    if marked:
        plan = report.fiscal_year.measures.filter(number__in=marked)
        labels = dict(plan.values_list("number", "label"))
    for event in events:
        numbers = event.measure_numbers
        event.marked_labels = [labels.get(number) or str(number) for number in numbers]
    return events


def return_notices(user) -> list[Returned]:
    """What the person is to be told of returned documents, in every organisation they belong
    to: all of it for whoever keeps the documents; for staff, a return that marked measures of
    their divisions, with those measures."""
    notices = []
    for organisation in access.member_organisations(user):
        keeps = access.manages(user, organisation)
        if not (keeps or access.division_ids(user, organisation)):
            continue
        documents = Report.objects.filter(
            fiscal_year__organisation=organisation, state=ReportState.RETURNED
        ).select_related("fiscal_year__organisation")
        for report in documents:
            notice = returned(report)
            if notice is None:
                continue
            if not keeps:
                notice.measures = [m for m in notice.measures if answers_for(user, m)]
                if not notice.measures:
                    continue
                notice.for_staff = True
            notices.append(notice)
    return notices


def staff_to_tell(notice: Returned) -> dict[str, list[Measure]]:
    """The e-mail address of each staff member of a marked measure's divisions, with their
    marked measures."""
    if not notice.measures:
        return {}
    staff = (
        Membership.objects.filter(organisation=notice.report.organisation, role=Role.STAFF)
        .exclude(user__email="")
        .select_related("user")
    )
    told = {}
    for membership in staff:
        theirs = [m for m in notice.measures if answers_for(membership.user, m)]
        if theirs:
            told.setdefault(membership.user.email, theirs)
    return told
