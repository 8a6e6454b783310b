"""An organisation's document for each item of an assessment year, and its state: the one read
of it. The year at a glance, the start page's due items and the reminders read it here; so do
the organisation's website table (issue 19) and the supervisors' overview of many
organisations (issue 20): `item_statuses(organisations, assessment_year)` answers for any
number of organisations in a fixed number of queries.

The document of an item is one of the organisation's documents that the item's rule accepts
(assessments.rules.refusal, through answer_of): the one published under the item if there is
one, else one published at all (under no item or another: the page asks to file it), else the
latest (the 12-month report before the 6-month one where the item takes either). Its state:

    not started ─▶ draft (or returned) ─▶ in review ─▶ final ─▶ published

An item answered by evidence made outside the portal (a blank kind) has no state."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models

from assessments.models import AnswerKind
from assessments.rules import refusal
from reports.models import Report, ReportState

from .selectors import answer_of

# An item overdue for longer than this is past for good (its assessment closed): the start
# page and the reminders leave it; the year at a glance still shows it.
OVERDUE_SHOWN_DAYS = 365


class ItemState(models.TextChoices):
    NOT_STARTED = "not_started", "ยังไม่เริ่ม"
    DRAFT = "draft", "ร่าง"
    IN_REVIEW = "in_review", "อยู่ระหว่างเสนอผู้บังคับบัญชา"
    FINAL = "final", "ฉบับสมบูรณ์ ยังไม่เผยแพร่"
    PUBLISHED = "published", "เผยแพร่แล้ว"


STATE_OF = {
    ReportState.DRAFT: ItemState.DRAFT,
    ReportState.RETURNED: ItemState.DRAFT,
    ReportState.IN_REVIEW: ItemState.IN_REVIEW,
    ReportState.APPROVED: ItemState.IN_REVIEW,
    ReportState.ACKNOWLEDGED: ItemState.FINAL,
}


@dataclass
class ItemStatus:
    """One item of the year for one organisation: its document (or None) and the document's
    current publication (or None)."""

    organisation: object
    item: object
    document: Report | None
    publication: object | None

    @property
    def in_portal(self) -> bool:
        """The portal makes the document that answers it (not evidence made outside)."""
        return self.item.document_kind != AnswerKind.OTHER

    @property
    def state(self) -> str | None:
        if not self.in_portal:
            return None
        if self.document is None:
            return ItemState.NOT_STARTED
        if self.publication is not None:
            return ItemState.PUBLISHED
        return STATE_OF[self.document.state]

    @property
    def state_label(self) -> str:
        if self.state is None:
            return "หลักฐานจัดทำนอกระบบ"
        if self.document is not None and self.document.state == ReportState.RETURNED:
            return "ส่งกลับให้แก้ไข"
        return ItemState(self.state).label

    @property
    def filed_here(self) -> bool:
        """Published under this very item (else under none or another: to be filed)."""
        return self.publication is not None and self.publication.item_id == self.item.pk

    @property
    def permanent_path(self) -> str:
        return self.publication.get_absolute_url() if self.publication else ""

    @property
    def is_done(self) -> bool:
        return self.state == ItemState.PUBLISHED

    def days_left(self, today: date) -> int | None:
        """Days until the due date (negative: overdue), None without one."""
        return None if self.item.due_date is None else (self.item.due_date - today).days

    def is_due(self, today: date, days_before: int | None = None) -> bool:
        """Not done, made in the portal, and due within `days_before` days (the setting
        REMINDER_DAYS_BEFORE by default) or overdue by at most OVERDUE_SHOWN_DAYS."""
        days_before = settings.REMINDER_DAYS_BEFORE if days_before is None else days_before
        left = self.days_left(today)
        if left is None or self.is_done or not self.in_portal:
            return False
        return -OVERDUE_SHOWN_DAYS <= left <= days_before


def item_statuses(organisations, assessment_year) -> dict[int, list[ItemStatus]]:
    """{organisation id: the year's items in order, each with its document and state}, in
    three queries whatever the number of organisations and documents."""
    organisations = list(organisations)
    items = list(assessment_year.items.order_by("order", "code"))
    years = {item.fiscal_year for item in items if item.document_kind != AnswerKind.OTHER}
    documents = {}
    if years and organisations:
        found = (
            Report.objects.filter(fiscal_year__organisation__in=organisations,
                                  fiscal_year__year__in=years)
            .select_related("fiscal_year__organisation", "publication")
            .prefetch_related("review_steps")
            .order_by("-revision")
        )  # fmt: skip
        for document in found:
            documents.setdefault(document.fiscal_year.organisation_id, []).append(document)
    return {
        organisation.pk: [
            _status(organisation, item, documents.get(organisation.pk, [])) for item in items
        ]
        for organisation in organisations
    }


def item_statuses_of(organisation, assessment_year) -> list[ItemStatus]:
    """One organisation's items of the year (item_statuses for one)."""
    return item_statuses([organisation], assessment_year)[organisation.pk]


def _current(document):
    publication = getattr(document, "publication", None)
    if publication is None or publication.withdrawn_at or publication.superseded_by_id:
        return None
    return publication


def _status(organisation, item, documents) -> ItemStatus:
    if item.document_kind == AnswerKind.OTHER:
        return ItemStatus(organisation, item, None, None)
    answering = [d for d in documents if refusal(item, answer_of(d)) is None]
    published = [d for d in answering if _current(d) is not None]
    here = [d for d in published if _current(d).item_id == item.pk]
    # Highest revision first (the query's order); the 12-month report before the 6-month one.
    latest = sorted(answering, key=lambda d: -(d.period or 0))
    document = (here or published or latest or [None])[0]
    return ItemStatus(organisation, item, document, _current(document) if document else None)
