"""Writes to what is tracked. Views, the admin, imports and the demo loader all come here."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import permissions
from .models import Evidence, Measure, MeasureStep, ProgressEntry
from .uploads import check_evidence_file


@transaction.atomic
def measure_set_steps(*, measure: Measure, texts: list[str]) -> bool:
    """Make the measure's steps exactly `texts`, in order. Returns whether anything changed.

    Steps are updated in place and added or removed at the end, so positions never leave gaps.
    """
    existing = list(measure.steps.order_by("position"))
    changed = False
    for step, text in zip(existing, texts, strict=False):
        if step.text != text:
            step.text = text
            step.full_clean()
            step.save(update_fields=["text"])
            changed = True
    for position, text in enumerate(texts[len(existing) :], start=len(existing) + 1):
        step = MeasureStep(measure=measure, position=position, text=text)
        step.full_clean()
        step.save()
        changed = True
    for step in reversed(existing[len(texts) :]):
        step.delete()
        changed = True
    return changed


@transaction.atomic
def measure_set_divisions(*, measure: Measure, divisions, all_divisions: bool) -> bool:
    """Set who is responsible: the given divisions, or every division (ทุกกอง)."""
    wanted = set() if all_divisions else {division.pk for division in divisions}
    current = set(measure.divisions.values_list("pk", flat=True))
    changed = measure.all_divisions != all_divisions or wanted != current
    if measure.all_divisions != all_divisions:
        measure.all_divisions = all_divisions
        measure.save(update_fields=["all_divisions"])
    if wanted != current:
        measure.divisions.set(wanted)
    return changed


class EditConflict(Exception):
    """Someone saved the entry after this person opened it. `current` is what they saved."""

    def __init__(self, current: ProgressEntry):
        super().__init__("มีผู้อื่นบันทึกผลของมาตรการนี้ระหว่างที่ท่านแก้ไข")
        self.current = current


class NotAllowed(PermissionDenied):
    pass


def _require(allowed: bool, message: str):
    if not allowed:
        raise NotAllowed(message)


@transaction.atomic
def progress_save(*, measure, period, by, version, status, result) -> ProgressEntry:
    """Save status and result, unless someone else saved since `version` was read."""
    _require(
        permissions.can_edit_progress(by, measure, period),
        "ท่านแก้ไขผลของมาตรการนี้ไม่ได้ (ไม่ใช่ส่วนราชการผู้รับผิดชอบ หรือรายงานรอบนี้เสนอแล้ว)",
    )
    entry, _ = ProgressEntry.objects.select_for_update().get_or_create(
        measure=measure, period=period
    )
    if entry.version != version:
        raise EditConflict(entry)
    entry.status = status
    entry.result = result.strip()
    entry.updated_by = by
    entry.version += 1
    entry.full_clean()
    entry.save()
    return entry


def _require_evidence_editable(entry, by):
    _require(
        permissions.can_edit_progress(by, entry.measure, entry.period),
        "ท่านแนบหลักฐานของมาตรการนี้ไม่ได้",
    )


@transaction.atomic
def evidence_add_file(*, entry, by, upload, description="") -> Evidence:
    _require_evidence_editable(entry, by)
    checked = check_evidence_file(upload)
    evidence = Evidence(
        entry=entry,
        original_name=upload.name[-255:],
        content_type=checked.content_type,
        size=upload.size,
        description=description.strip(),
        added_by=by,
    )
    evidence.file.save(f"{entry.pk}.{checked.extension}", upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_add_link(*, entry, by, url, description="") -> Evidence:
    _require_evidence_editable(entry, by)
    evidence = Evidence(entry=entry, url=url, description=description.strip(), added_by=by)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence, by):
    _require(permissions.can_delete_evidence(by, evidence), "ท่านลบหลักฐานนี้ไม่ได้")
    # The file stays in storage: the audit trail still names it.
    evidence.delete()


def progress_entry_for(measure, period) -> ProgressEntry:
    entry, _ = ProgressEntry.objects.get_or_create(measure=measure, period=period)
    return entry
