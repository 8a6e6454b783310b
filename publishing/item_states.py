"""An organisation's document state per item of an assessment year: the one selector of it.

For each item a document of the portal answers (assessments.rules: its kind, fiscal year and
period), the furthest state any of the organisation's documents answering it has reached: none,
draft (a returned document is back with its author: a draft), in review (submitted, or approved
and waiting for the chief executive), final (acknowledged or signed) or published (final, and
its publication current: not withdrawn, not superseded). An item is overdue once its due date
has passed without a published document.

Issue 18's year at a glance and issue 20's overview both read it: `item_states` for a few
organisations, `state_ranks` for thousands (plain numbers, one grouped query over the documents,
one row per organisation, whatever their number).
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
    KEYS = {
        NONE: "none",
        DRAFT: "draft",
        IN_REVIEW: "in_review",
        FINAL: "final",
        PUBLISHED: "published",
    }


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


def state_ranks(assessment_year, organisations: QuerySet, items) -> dict[int, tuple]:
    """{organisation id: (DocumentState of each item, in order)} for the organisations of the
    queryset that have any document of those years (the others have none of any item). One
    grouped query, one row per organisation: what a page of thousands reads."""
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
        .values_list("fiscal_year__organisation_id", *columns)
    )
    none = DocumentState.NONE
    return {row[0]: tuple(none if rank is None else rank for rank in row[1:]) for row in rows}


def item_states(
    assessment_year, organisations: QuerySet, items=None, today: date | None = None
) -> dict[int, list[ItemState]]:
    """{organisation id: [ItemState of each item, in order]} for each organisation of the
    queryset (those without any document: every item none)."""
    items = portal_items(assessment_year) if items is None else items
    ranks = state_ranks(assessment_year, organisations, items)
    return {
        pk: states_of(ranks.get(pk), items, today)
        for pk in organisations.values_list("pk", flat=True)
    }


def states_of(ranks: tuple | None, items, today: date | None = None) -> list[ItemState]:
    """The ItemStates of one organisation's ranks from `state_ranks` (None: no document)."""
    today = today or timezone.localdate()
    ranks = ranks or (DocumentState.NONE,) * len(items)
    return [_state(item, rank, today) for item, rank in zip(items, ranks)]


def overdue_items(items, today: date | None = None) -> list[int]:
    """The positions of the items whose due date has passed: there, anything not published is
    overdue."""
    today = today or timezone.localdate()
    return [index for index, item in enumerate(items) if item.due_date and item.due_date < today]


def _state(item, rank, today) -> ItemState:
    overdue = bool(item.due_date and item.due_date < today and rank != DocumentState.PUBLISHED)
    return ItemState(item=item, state=rank, overdue=overdue)
