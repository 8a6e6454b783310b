"""Reads for the public pages: each a fixed number of queries, whatever the number of
documents."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.urls import reverse

from assessments.models import AnswerKind
from assessments.rules import Answer, items_answered_by
from organisations.models import Organisation, StepKind
from reports.models import DocumentKind, RenderedPdf, ReviewStep
from thai.digits import thai_digits

from .models import Publication


@dataclass
class Identity:
    """What the public sees of a published document."""

    publication: Publication
    title: str
    organisation: Organisation
    fiscal_year: int
    revision: int
    approved_at: datetime | None
    approver: str
    acknowledged_at: datetime | None
    acknowledger: str
    last_act: str  # what the last signer did: "รับทราบ" a report, "ลงนามประกาศ" an announcement
    sha256: str
    page_count: int

    @property
    def status(self) -> str:
        if self.publication.withdrawn_at:
            return "withdrawn"
        if self.publication.superseded_by_id:
            return "superseded"
        return "published"

    @property
    def url(self) -> str:
        return self.publication.get_absolute_url()

    @property
    def pdf_url(self) -> str:
        return self.publication.get_pdf_url()

    @property
    def verify_url(self) -> str:
        """The page the QR code printed on the document leads to."""
        return reverse("verify", args=[self.publication.document.verification_code])


def publications():
    final = RenderedPdf.objects.filter(is_final=True).only(
        "pk", "report_id", "sha256", "page_count", "created_at"
    )
    steps = ReviewStep.objects.order_by("order")
    return Publication.objects.select_related(
        "document__fiscal_year__organisation", "item__assessment_year", "superseded_by"
    ).prefetch_related(
        Prefetch("document__renderings", queryset=final, to_attr="finals"),
        Prefetch("document__review_steps", queryset=steps, to_attr="steps"),
    )


def identity(publication) -> Identity:
    document = publication.document
    steps = {step.kind: step for step in document.steps}
    approve, acknowledge = steps.get(StepKind.APPROVE), steps.get(StepKind.ACKNOWLEDGE)
    final = document.finals[0] if document.finals else None
    return Identity(
        publication=publication,
        title=str(document),
        organisation=document.fiscal_year.organisation,
        fiscal_year=document.fiscal_year.year,
        revision=document.revision,
        approved_at=approve.acted_at if approve else None,
        approver=f"{approve.signer_name} {approve.signer_position}" if approve else "",
        acknowledged_at=acknowledge.acted_at if acknowledge else None,
        acknowledger=(
            f"{acknowledge.signer_name} {acknowledge.signer_position}" if acknowledge else ""
        ),
        last_act=document.words.last_act,
        sha256=final.sha256 if final else "",
        page_count=final.page_count if final else 0,
    )


def organisations_with_publications():
    return (
        Organisation.objects.filter(fiscal_years__reports__publication__isnull=False)
        .exclude(slug="")
        .distinct()
        .select_related("province", "district")
        .order_by("province__name", "name")
    )


# The kind of answer each kind of document gives to the assessment (assessments.rules).
ANSWER_KINDS = {
    DocumentKind.PLAN: AnswerKind.PLAN,
    DocumentKind.REPORT: AnswerKind.REPORT,
    DocumentKind.ANALYSIS: AnswerKind.ANALYSIS,
}


def answer_of(document) -> Answer | None:
    """What the document is, as the assessment's items ask for it; None for a kind of document
    that answers no item."""
    kind = ANSWER_KINDS.get(document.kind)
    if kind is None:
        return None
    period = document.period if document.kind == DocumentKind.REPORT else None
    return Answer(kind=kind, fiscal_year=document.fiscal_year.year, period=period)


def items_for(document):
    """The items the document answers, of any assessment year (a FY ๒๕๖๘ 12-month report
    answers ITA ๒๕๖๙'s report item), latest assessment year first."""
    return items_answered_by(answer_of(document))


def default_item(document):
    """The item preselected for the document: the first it answers."""
    return items_for(document).first()


def grouped_by_year(documents) -> dict[tuple[str, str], list]:
    """Headings (title, subtitle) to documents, as the organisation files them."""
    groups = defaultdict(list)
    for document in documents:
        groups[(f"ปีงบประมาณ พ.ศ. {thai_digits(document.fiscal_year)}", "")].append(document)
    return dict(groups)


def grouped_by_item(documents) -> dict[tuple[str, str], list]:
    """Headings (assessment year, item) to documents, as the assessors read them."""
    groups = defaultdict(list)
    for document in documents:
        item = document.publication.item
        if item is None:
            heading = ("", "ไม่ระบุข้อ")
        else:  # an item whose code is not known yet has none
            heading = (item.assessment_year.name, f"{item.code} {item.name}".strip())
        groups[heading].append(document)
    return dict(groups)
