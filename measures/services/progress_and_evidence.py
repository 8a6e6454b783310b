"""What the progress page saves in one act: the text (the entry, or a division's part of a
shared measure: measures/recording.py says which) with an evidence file or link.

The file is checked and stored first, outside any transaction; then the text and the evidence
are committed together. If the storage fails, nothing is saved (StorageUnavailable); if the
database refuses, nothing is saved and the stored file is removed again. When someone else
saved since the person opened the form, their text stands (`conflict`) and the evidence is still
attached to the entry: a file does not conflict with anyone's text."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from ..models import Evidence
from .evidence import (
    evidence_add_link,
    evidence_add_stored,
    evidence_file_discard,
    evidence_file_store,
)
from .progress import EditConflict, progress_ensure


@dataclass
class Saved:
    # What someone else saved meanwhile (the text was not saved), or None.
    conflict: object = None
    evidence: list[Evidence] = field(default_factory=list)


def progress_and_evidence_save(
    *, measure, period, by, save_text: Callable[[], object], upload=None, link="", description=""
) -> Saved:
    """`save_text` calls the writer of the text. Refused (StorageUnavailable among the
    refusals) having saved nothing."""
    stored = None
    if upload:
        stored = evidence_file_store(measure=measure, period=period, by=by, upload=upload)
    saved = Saved()
    try:
        with transaction.atomic():
            try:
                save_text()
            except EditConflict as clash:
                saved.conflict = clash.current
            if stored or link:
                entry = progress_ensure(measure=measure, period=period, by=by)
                if stored:
                    added = evidence_add_stored(
                        entry=entry, by=by, stored=stored, description=description
                    )
                    saved.evidence.append(added)
                if link:
                    added = evidence_add_link(entry=entry, by=by, url=link, description=description)
                    saved.evidence.append(added)
    except BaseException:
        if stored:
            evidence_file_discard(stored)
        raise
    return saved
