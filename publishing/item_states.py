"""An organisation's document state per item of an assessment year: the one selector of it.

For each item a document of the portal answers (assessments.rules: its kind, fiscal year and
period), the furthest state any of the organisation's documents answering it has reached: none,
draft (a returned document is back with its author: a draft), in review (submitted, or approved
and waiting for the chief executive), final (acknowledged or signed) or published (final, and
its publication current: not withdrawn, not superseded). An item is overdue once its due date
has passed without a published document.

Issue 18's year at a glance and issue 20's overview both read it: `item_states` for any number
of organisations is one query for the items and one grouped query over the documents (one row
per organisation), whatever their number.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, Max, Q, QuerySet, Value, When
from django.utils import timezone

from assessments.models import AnswerKind, AssessmentItem
from reports.models import Report, ReportState

from .selectors import ANSWER_KINDS


class DocumentState:
    NONE, DRAFT, IN_REVIEW, FINAL, PUBLISHED = range(5)
    LABELS = {
        NONE: "ยังไม่มี",
        DRAFT: "ร่าง",
        IN_REVIEW: "อยู่ระหว่างเสนอ",
        FINAL: "ฉบับสมบูรณ์",
        PUBLISHED: "เผยแพร่แล้ว",
    }
    KEYS = {NONE: "none", DRAFT: "draft", IN_REVIEW: "in_review", FINAL: "final",
            PUBLISHED: "published"}  # fmt: skip


@dataclass(frozen=True)
class ItemState:
    item: AssessmentItem
    state: int  # a DocumentState
    overdue: bool

    @property
    def label(self) -> str:
        return DocumentState.LABELS[self.state]

    @property
    def key(self) -> str:
        return DocumentState.KEYS[self.state]


def portal_items(assessment_year) -> list[AssessmentItem]:
    """The year's items that a document of the portal answers (not evidence made elsewhere),
    in the assessment's order."""
    return list(
        assessment_year.items.exclude(document_kind=AnswerKind.OTHER)
        .select_related("assessment_year")
        .order_by("order", "code", "pk")
    )


def _rank():
    """A document's state as a number: the furthest wins when several answer one item."""
    current = Q(
        publication__isnull=False,
        publication__withdrawn_at__isnull=True,
        publication__superseded_by__isnull=True,
    )
    return Case(
        When(current & Q(state=ReportState.ACKNOWLEDGED), then=Value(DocumentState.PUBLISHED)),
        When(state=ReportState.ACKNOWLEDGED, then=Value(DocumentState.FINAL)),
        When(
            state__in=[ReportState.IN_REVIEW, ReportState.APPROVED],
            then=Value(DocumentState.IN_REVIEW),
        ),
        default=Value(DocumentState.DRAFT),
        output_field=IntegerField(),
    )


def _answers(item) -> Q:
    """The documents whose kind, fiscal year and period the item's rule asks for."""
    kinds = [kind for kind, answer in ANSWER_KINDS.items() if answer == item.document_kind]
    query = Q(kind__in=kinds, fiscal_year__year=item.fiscal_year)
    if item.period:
        query &= Q(period=item.period)
    return query


def item_states(
    assessment_year, organisations: QuerySet, items=None, today: date | None = None
) -> dict[int, list[ItemState]]:
    """{organisation id: [ItemState of each item, in order]} for every organisation of the
    queryset that has any document of those years; an organisation missing from the answer has
    none (see `states_of`). One grouped query, one row per organisation."""
    items = portal_items(assessment_year) if items is None else items
    if not items:
        return {}
    rank = _rank()
    columns = {
        f"item_{item.pk}": Max(Case(When(_answers(item), then=rank), output_field=IntegerField()))
        for item in items
    }
    rows = (
        Report.objects.filter(
            fiscal_year__organisation__in=organisations.values("pk"),
            fiscal_year__year__in={item.fiscal_year for item in items},
        )
        .order_by()
        .values("fiscal_year__organisation_id")
        .annotate(**columns)
    )
    today = today or timezone.localdate()
    return {
        row["fiscal_year__organisation_id"]: [
            _state(item, row[f"item_{item.pk}"], today) for item in items
        ]
        for row in rows
    }


def states_of(found: dict, organisation_id: int, items, today: date | None = None):
    """The organisation's states from `item_states`' answer: none for each item it lacks."""
    if organisation_id in found:
        return found[organisation_id]
    today = today or timezone.localdate()
    return [_state(item, None, today) for item in items]


def _state(item, rank, today) -> ItemState:
    state = DocumentState.NONE if rank is None else rank
    overdue = bool(item.due_date and item.due_date < today and state != DocumentState.PUBLISHED)
    return ItemState(item=item, state=state, overdue=overdue)
