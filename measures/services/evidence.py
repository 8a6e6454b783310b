"""The one writer of evidence: files (checked by content in measures/uploads.py) and links.

A file is stored before anything is written to the database, outside any transaction (storage
may be slow, or down): `evidence_file_store`, then `evidence_add_stored` in the transaction that
records it, together with the entry when the progress page saves both
(measures/services/progress_and_evidence.py). If the storage fails nothing is recorded
(StorageUnavailable, a refusal with a Thai message); if the database refuses, the stored file is
removed again."""

import logging
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction

from organisations.access import user_or_none
from organisations.refusals import Refusal, refuse, refused_if_invalid, validated
from thai.digits import thai_digits

from .. import limits, period_lock, permissions
from ..models import Evidence, ProgressEntry, evidence_file_name
from ..uploads import check_evidence_file

logger = logging.getLogger(__name__)


class StorageUnavailable(Refusal):
    """The file could not be stored: nothing was saved (the page answers 503)."""


STORAGE_UNAVAILABLE = (
    "ระบบจัดเก็บไฟล์ขัดข้องชั่วคราว จึงยังไม่ได้บันทึกสิ่งใด ข้อความที่พิมพ์ไว้ยังอยู่ กรุณาเลือกไฟล์อีกครั้งแล้วบันทึกใหม่ในอีกสักครู่"
)


@dataclass(frozen=True)
class StoredFile:
    """An evidence file checked and in storage, not yet recorded."""

    name: str
    original_name: str
    content_type: str
    size: int


def _require_room(entry):
    if entry.evidence.count() >= limits.EVIDENCE_PER_ENTRY_MAX:
        raise Refusal(
            f"แนบหลักฐานได้ไม่เกิน {thai_digits(limits.EVIDENCE_PER_ENTRY_MAX)} รายการต่อมาตรการ"
        )


def _recorded(evidence) -> Evidence:
    entry = evidence.entry
    validated(evidence)
    with period_lock.refused_when_locked(entry.measure.fiscal_year, entry.period):
        evidence.save()
    return evidence


def evidence_add_file(*, entry, by, upload, description="") -> Evidence:
    """Check and store the file, then record it. Refused (the file, the person, the period, or
    StorageUnavailable) with nothing recorded."""
    _require_room(entry)
    stored = evidence_file_store(measure=entry.measure, period=entry.period, by=by, upload=upload)
    try:
        return evidence_add_stored(entry=entry, by=by, stored=stored, description=description)
    except BaseException:
        evidence_file_discard(stored)
        raise


def evidence_file_store(*, measure, period, by, upload) -> StoredFile:
    """The first half of adding a file: check it and put it in storage. Writes nothing to the
    database. Refused, or StorageUnavailable."""
    refuse(permissions.evidence_refusal(by, ProgressEntry(measure=measure, period=period)))
    with refused_if_invalid():
        checked = check_evidence_file(upload)
    upload.seek(0)
    try:
        name = default_storage.save(evidence_file_name(measure.pk, checked.extension), upload)
    except Exception:  # noqa: BLE001 - whatever the storage raised, nothing was stored
        logger.exception("storing an evidence file of measure %s failed", measure.pk)
        raise StorageUnavailable(STORAGE_UNAVAILABLE) from None
    return StoredFile(name, upload.name[-255:], checked.content_type, upload.size)


@transaction.atomic
def evidence_add_stored(*, entry, by, stored: StoredFile, description="") -> Evidence:
    """The second half: record a stored file as the entry's evidence."""
    refuse(permissions.evidence_refusal(by, entry))
    _require_room(entry)
    evidence = Evidence(
        entry=entry,
        original_name=stored.original_name,
        content_type=stored.content_type,
        size=stored.size,
        description=description.strip(),
        added_by=user_or_none(by),
    )
    evidence.file.name = stored.name
    return _recorded(evidence)


def evidence_file_discard(stored: StoredFile) -> None:
    """Remove a stored file that was not recorded after all (best effort: an orphan file in
    private storage harms nobody)."""
    try:
        default_storage.delete(stored.name)
    except Exception:  # noqa: BLE001
        logger.warning("an unrecorded evidence file stays in storage: %s", stored.name)


@transaction.atomic
def evidence_add_link(*, entry, by, url, description="") -> Evidence:
    refuse(permissions.evidence_refusal(by, entry))
    _require_room(entry)
    evidence = Evidence(
        entry=entry, url=url, description=description.strip(), added_by=user_or_none(by)
    )
    return _recorded(evidence)


@transaction.atomic
def evidence_remove(*, evidence, by) -> None:
    entry = evidence.entry
    refuse(permissions.evidence_removal_refusal(by, evidence))
    # The file stays in storage: the audit trail still names it.
    with period_lock.refused_when_locked(entry.measure.fiscal_year, entry.period):
        evidence.delete()
