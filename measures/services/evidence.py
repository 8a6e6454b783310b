"""The one writer of evidence: files (checked by content in measures/uploads.py) and links."""

from django.db import transaction

from organisations.access import NotAllowed, user_or_none
from thai.digits import thai_digits

from .. import limits, permissions
from ..models import Evidence
from ..uploads import check_evidence_file


def _require_changeable(entry, by):
    refusal = permissions.progress_refusal(by, entry.measure, entry.period)
    if refusal:
        raise NotAllowed(refusal)


def _require_room(entry):
    if entry.evidence.count() >= limits.EVIDENCE_PER_ENTRY_MAX:
        raise NotAllowed(
            f"แนบหลักฐานได้ไม่เกิน {thai_digits(limits.EVIDENCE_PER_ENTRY_MAX)} รายการต่อมาตรการ"
        )


@transaction.atomic
def evidence_add_file(*, entry, by, upload, description="") -> Evidence:
    _require_changeable(entry, by)
    _require_room(entry)
    checked = check_evidence_file(upload)
    evidence = Evidence(
        entry=entry,
        original_name=upload.name[-255:],
        content_type=checked.content_type,
        size=upload.size,
        description=description.strip(),
        added_by=user_or_none(by),
    )
    evidence.file.save(f"{entry.pk}.{checked.extension}", upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_add_link(*, entry, by, url, description="") -> Evidence:
    _require_changeable(entry, by)
    _require_room(entry)
    evidence = Evidence(
        entry=entry, url=url, description=description.strip(), added_by=user_or_none(by)
    )
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence, by) -> None:
    _require_changeable(evidence.entry, by)
    # The file stays in storage: the audit trail still names it.
    evidence.delete()
