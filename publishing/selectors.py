"""Reads for the public pages: each a fixed number of queries, whatever the number of
documents."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from assessments.models import AnswerKind
from assessments.rules import Answer, items_answered_by
from organisations.addresses import public_url
from organisations.models import Organisation, StepKind
from reports.models import DocumentKind
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

    @property
    def permanent_url(self) -> str:
        """The full address to give out: on the organisation's own host when it has one."""
        return public_url(self.organisation, self.url)

    @property
    def permanent_pdf_url(self) -> str:
        return public_url(self.organisation, self.pdf_url)


def publications():
    """Publications with what their public pages show of them; `identities` completes them."""
    return Publication.objects.select_related(
        "document__fiscal_year__organisation", "item__assessment_year", "superseded_by"
    )


SIGNERS = {StepKind.APPROVE: ("approved_at", "approver"),
           StepKind.ACKNOWLEDGE: ("acknowledged_at", "acknowledger")}  # fmt: skip


def signed_facts(document) -> dict:
    """What the public sees of a finished document, for its publication to keep: its final
    file's SHA-256 and pages, who approved and who acknowledged (or signed) it, and when. They
    never change once the document is final."""
    facts = {}
    final = document.renderings.filter(is_final=True).values_list("sha256", "page_count").first()
    if final:
        facts["sha256"], facts["page_count"] = final
    steps = document.review_steps.filter(kind__in=SIGNERS).order_by("order")
    for kind, acted_at, name, position in steps.values_list(
        "kind", "acted_at", "signer_name", "signer_position"
    ):
        when, who = SIGNERS[kind]
        facts[when], facts[who] = acted_at, f"{name} {position}"
    return facts


def identities(found) -> list[Identity]:
    """What the public sees of each publication of `found` (from `publications()`), read from
    the publication itself: no query beyond theirs."""
    return [identity(publication) for publication in found]


def identity(publication) -> Identity:
    document = publication.document
    return Identity(
        publication=publication,
        title=str(document),
        organisation=document.fiscal_year.organisation,
        fiscal_year=document.fiscal_year.year,
        revision=document.revision,
        approved_at=publication.approved_at,
        approver=publication.approver,
        acknowledged_at=publication.acknowledged_at,
        acknowledger=publication.acknowledger,
        last_act=document.words.last_act,
        sha256=publication.sha256,
        page_count=publication.page_count,
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


def year_heading(fiscal_year: int) -> str:
    """The heading of a fiscal year's documents on the organisation's page."""
    return f"ปีงบประมาณ พ.ศ. {thai_digits(fiscal_year)}"


def grouped_by_year(documents) -> dict[tuple[str, str], list]:
    """Headings (title, subtitle) to documents, as the organisation files them."""
    groups = defaultdict(list)
    for document in documents:
        groups[(year_heading(document.fiscal_year), "")].append(document)
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
