"""What the progress page saves in one act: status and result, with an evidence file or link.

The file is checked and stored first, outside any transaction; then the entry and the evidence
are committed together. If the storage fails, nothing is saved (StorageUnavailable); if the
database refuses, nothing is saved and the stored file is removed again. When someone else
saved the entry since the person opened it, their text stands (`conflict`) and the evidence is
still attached: a file does not conflict with anyone's text."""

from dataclasses import dataclass, field

from django.db import transaction

from ..models import Evidence, ProgressEntry
from .evidence import (
    evidence_add_link,
    evidence_add_stored,
    evidence_file_discard,
    evidence_file_store,
)
from .progress import EditConflict, progress_save


@dataclass
class Recorded:
    entry: ProgressEntry
    conflict: ProgressEntry | None = None
    evidence: list[Evidence] = field(default_factory=list)


def progress_record(*, measure, period, by, version, status, result, upload=None, link="",
                    description="") -> Recorded:  # fmt: skip
    """Raises ValidationError, NotAllowed or StorageUnavailable, having saved nothing."""
    stored = None
    if upload:
        stored = evidence_file_store(measure=measure, period=period, by=by, upload=upload)
    try:
        with transaction.atomic():
            recorded = _save_text(measure, period, by, version, status, result)
            if stored:
                recorded.evidence.append(evidence_add_stored(
                    entry=recorded.entry, by=by, stored=stored, description=description
                ))  # fmt: skip
            if link:
                recorded.evidence.append(evidence_add_link(
                    entry=recorded.entry, by=by, url=link, description=description
                ))  # fmt: skip
    except BaseException:
        if stored:
            evidence_file_discard(stored)
        raise
    return recorded


def _save_text(measure, period, by, version, status, result) -> Recorded:
    try:
        entry = progress_save(measure=measure, period=period, by=by, version=version,
                              status=status, result=result)  # fmt: skip
    except EditConflict as clash:
        return Recorded(entry=clash.current, conflict=clash.current)
    return Recorded(entry=entry)
