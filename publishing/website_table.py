"""An assessment year's ITA table for the organisation's own website: the rows ข้อ | URL |
คำอธิบาย of the items the portal answers, as the snippet, the embeddable page, the spreadsheet
and the analyst's page show them (one reading, whatever the form).

A row is an item of the year answered by a portal document (`document_kind` set). Its URL is the
item's own public address (`/ita/<slug>/ita-<year>/<item>/`), which always shows the item's
current document: the address typed once into the assessment system stays right when a revision
replaces the document. Its description names each document filed under the item, as the newest
published revision of it (a superseded one points to the newer), what it shows, who approved it
and the clicks from the organisation's home page; a withdrawn one says so; an item without a
document says what it asks for. Items answered by evidence made outside the portal (a blank
kind) are not rows: the portal holds nothing to link to, and a row the portal cannot keep true
would break the promise that the table keeps itself up to date; they are listed apart
(`left_out`) so the analyst knows to link them on their website themselves.

A fixed number of queries whatever the number of items and documents."""

from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse

from assessments.models import AnswerKind, AssessmentYear
from organisations.addresses import public_url
from reports.models import DocumentKind
from thai.dates import thai_date
from thai.digits import thai_digits

from .selectors import Identity, identities, publications, year_heading

# What each kind of document shows, for the description.
SHOWS = {
    DocumentKind.PLAN: "ประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน แสดงมาตรการ "
    "ขั้นตอนหรือวิธีการ และส่วนราชการผู้รับผิดชอบ",
    DocumentKind.REPORT: "รายงานผลการดำเนินการตามมาตรการ แสดงผลการดำเนินการของแต่ละมาตรการ "
    "พร้อมความเห็นและการสั่งการของผู้บังคับบัญชา",
}
PDF_BUTTON = "ดาวน์โหลด PDF"  # the button's words on the public pages, named in the clicks


@dataclass
class Entry:
    """A document of an item's row: the newest published revision of what was filed under the
    item (`document`), and the revision filed there when a newer one replaced it."""

    document: Identity
    replaces: Identity | None = None

    @property
    def is_current(self) -> bool:
        return self.document.status == "published"

    @property
    def url(self) -> str:
        return self.document.permanent_url


@dataclass
class Row:
    item: object  # AssessmentItem
    url: str
    home: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def label(self) -> str:
        """ข้อ: the code and the name ("O42 มาตรการ…"), the name alone while the code is unknown."""
        return f"{self.item.code} {self.item.name}".strip()

    @property
    def is_complete(self) -> bool:
        return any(entry.is_current for entry in self.entries)

    def entry_lines(self, entry: Entry) -> list[str]:
        """The description of one document, after its title, in plain Thai."""
        document = entry.document
        if document.status == "withdrawn":
            publication = document.publication
            return [f"ถอนการเผยแพร่แล้ว เมื่อ {thai_date(publication.withdrawn_at)} "
                    f"เหตุผล: {publication.withdrawn_reason}"]  # fmt: skip
        facts = [SHOWS.get(document.publication.document.kind, "")]
        if document.approved_at:
            facts.append(f"อนุมัติโดย {document.approver} เมื่อ {thai_date(document.approved_at)}")
        if document.acknowledged_at:
            facts.append(f"{document.last_act}โดย {document.acknowledger} "
                         f"เมื่อ {thai_date(document.acknowledged_at)}")  # fmt: skip
        lines = ["; ".join(fact for fact in facts if fact)
                 + f" (ไฟล์ PDF ลงนามดิจิทัล {thai_digits(document.page_count)} หน้า)"]  # fmt: skip
        if entry.replaces is not None:
            lines.append(
                f"ฉบับแก้ไขนี้แทน{entry.replaces.title} ที่เผยแพร่เมื่อ "
                f"{thai_date(entry.replaces.publication.published_at)}"
            )
        lines.append(
            f"วิธีเข้าถึงจากหน้าแรก: ๑) เปิด {self.home} ๒) ที่หัวข้อ “{year_heading(document.fiscal_year)}” "
            f"คลิก “{document.title}” ๓) กด “{PDF_BUTTON}”"
        )
        return lines

    @property
    def described(self) -> list[tuple[Entry, list[str]]]:
        """Each document with the lines that describe it (for the templates)."""
        return [(entry, self.entry_lines(entry)) for entry in self.entries]

    @property
    def missing_line(self) -> str:
        return f"ยังไม่ได้เผยแพร่เอกสารของข้อนี้ (ข้อนี้ใช้{self.item.asks_for()})"

    def description(self) -> str:
        """The whole description as plain text, one line a fact (the spreadsheet's cell)."""
        lines = []
        for entry, described in self.described:
            lines.append(f"{entry.document.title} ({entry.url})")
            lines.extend(described)
        if not self.is_complete:
            lines.append(self.missing_line)
        return "\n".join(lines)


@dataclass
class YearTable:
    organisation: object
    assessment_year: AssessmentYear
    rows: list[Row]
    left_out: list  # the year's items answered by evidence made outside the portal
    home: str
    embed_url: str
    changed_at: datetime | None

    @property
    def missing(self) -> list[Row]:
        return [row for row in self.rows if not row.is_complete]

    def row_for(self, item_pk: int) -> Row | None:
        return next((row for row in self.rows if row.item.pk == item_pk), None)


def portal_years():
    """The assessment years with an item a portal document answers, latest first."""
    portal_kinds = [kind for kind in AnswerKind.values if kind != AnswerKind.OTHER]
    return (
        AssessmentYear.objects.filter(items__document_kind__in=portal_kinds)
        .distinct()
        .order_by("-year")
    )


def organisation_publications(**organisation) -> list[Identity]:
    """The organisation's publications (by `pk=` or `slug=`), all of them."""
    lookup = {f"document__fiscal_year__organisation__{key}": value
              for key, value in organisation.items()}  # fmt: skip
    return identities(publications().filter(**lookup))


def year_table(organisation, assessment_year: AssessmentYear, published=None) -> YearTable:
    """The organisation's table of `assessment_year` (the organisation has a slug); `published`:
    its publications, when they were read already."""
    slug = organisation.slug
    items = list(assessment_year.items.all())
    if published is None:
        published = organisation_publications(pk=organisation.pk)
    newest = _newest_revisions(published)
    home = public_url(organisation, reverse("publishing:organisation", args=[slug]))
    rows, changes = [], []
    for item in items:
        if item.document_kind == AnswerKind.OTHER:
            continue
        url = public_url(
            organisation, reverse("publishing:item", args=[slug, assessment_year.year, item.pk])
        )
        row = Row(item=item, url=url, home=home)
        for filed in (
            document for document in published if document.publication.item_id == item.pk
        ):
            head = newest[_series(filed)]
            entry = next((each for each in row.entries if each.document is head), None)
            if entry is None:
                entry = Entry(head)
                row.entries.append(entry)
            if filed is not head and (
                entry.replaces is None or filed.revision > entry.replaces.revision
            ):
                entry.replaces = filed  # the revision filed here that the newest replaced
            changes += [head.publication.published_at, head.publication.withdrawn_at,
                        filed.publication.published_at]  # fmt: skip
        rows.append(row)
    return YearTable(
        organisation=organisation,
        assessment_year=assessment_year,
        rows=rows,
        left_out=[item for item in items if item.document_kind == AnswerKind.OTHER],
        home=home,
        embed_url=public_url(
            organisation, reverse("publishing:year_table", args=[slug, assessment_year.year])
        ),
        changed_at=max((moment for moment in changes if moment), default=None),
    )


def _series(document: Identity) -> tuple:
    """The revisions of one document share this: a newer published revision supersedes the
    earlier ones (publishing/services.py)."""
    report = document.publication.document
    return (report.fiscal_year_id, report.kind, report.period)


def _newest_revisions(published: list[Identity]) -> dict[tuple, Identity]:
    newest = {}
    for document in published:
        series = _series(document)
        if series not in newest or document.revision > newest[series].revision:
            newest[series] = document
    return newest
