"""Publishing a finished document, and withdrawing it: the only writers of publications."""

from django.db import transaction
from django.utils import timezone

from assessments.rules import refusal
from organisations.access import NotAllowed, user_or_none
from reports.models import DocumentKind

from . import permissions
from .models import Publication
from .selectors import answer_of, default_item


def permanent_path(document) -> str:
    """kiar/2566/report-1 (a period's report), kiar/2566/plan (the plan's announcement),
    kiar/2566/analysis (the analysis of the ITA results), with -r2, -r3 … for later revisions:
    readable, and never reused."""
    organisation = document.organisation
    name = f"report-{document.period}" if document.kind == DocumentKind.REPORT else document.kind
    if document.revision > 1:
        name += f"-r{document.revision}"
    return f"{organisation.slug}/{document.fiscal_year.year}/{name}"


DEFAULT_ITEM = object()


def _require_answers(item, document) -> None:
    """The item is one the document answers (assessments.rules): refused with what it asks for."""
    if item is not None and (reason := refusal(item, answer_of(document))):
        raise NotAllowed(reason)


@transaction.atomic
def document_publish(*, document, by, item=DEFAULT_ITEM) -> Publication:
    """Publish at the permanent address, under `item` (by default the first item the document
    answers, of any assessment year; None: no item); a newer revision supersedes the earlier
    ones. NotAllowed, in Thai, when the item asks for another kind, fiscal year or period."""
    if not permissions.can_publish(by, document):
        raise NotAllowed("เผยแพร่ได้เฉพาะเอกสารฉบับสมบูรณ์ โดยผู้ดูแลแผนของหน่วยงาน")
    if not document.organisation.slug:
        raise NotAllowed("หน่วยงานยังไม่มีชื่อในที่อยู่เว็บ ให้ผู้ดูแลระบบกำหนดก่อนเผยแพร่")
    if Publication.objects.filter(document=document).exists():
        raise NotAllowed("เอกสารนี้เผยแพร่แล้ว")
    item = default_item(document) if item is DEFAULT_ITEM else item
    _require_answers(item, document)
    if not document.renderings.filter(is_final=True).exists():
        raise NotAllowed("ไฟล์ฉบับสมบูรณ์ยังสร้างไม่เสร็จ กรุณาลองใหม่อีกครั้ง")
    publication = Publication.objects.create(
        document=document,
        path=permanent_path(document),
        item=item,
        published_at=timezone.now(),
        published_by=user_or_none(by),
    )
    earlier = Publication.objects.filter(
        document__fiscal_year=document.fiscal_year,
        document__kind=document.kind,
        document__period=document.period,
        document__revision__lt=document.revision,
        superseded_by__isnull=True,
    )
    for old in earlier:
        old.superseded_by = publication
        old.save(update_fields=["superseded_by"])
    return publication


@transaction.atomic
def publication_file_under(*, publication, item, by) -> Publication:
    """File a current publication under another item (or none): e.g. once the operator has
    typed the next assessment year's items. The same rule as publishing."""
    if not permissions.can_change_item(by, publication):
        raise NotAllowed("ท่านเปลี่ยนข้อการประเมินของการเผยแพร่นี้ไม่ได้")
    _require_answers(item, publication.document)
    publication.item = item
    publication.save(update_fields=["item"])
    return publication


@transaction.atomic
def publication_withdraw(*, publication, by, reason: str) -> Publication:
    if not permissions.can_withdraw(by, publication):
        raise NotAllowed("ท่านถอนการเผยแพร่นี้ไม่ได้ หรือถอนไปแล้ว")
    reason = reason.strip()
    if not reason:
        raise NotAllowed("กรุณาระบุเหตุผลที่ถอนการเผยแพร่ ซึ่งจะแสดงต่อสาธารณะ")
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_by = user_or_none(by)
    publication.withdrawn_reason = reason[:500]
    publication.full_clean()
    publication.save()
    return publication
