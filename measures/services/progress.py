"""The one writer of progress: each measure's entry of a period (status, result, follow-up), and
each division's part of a shared measure's result (DivisionResult).

A shared measure (several divisions, or ทุกกอง) has one entry, whose status and result are the
report's cell: each division writes its own part (`division_result_save`) and the cell is
composed from the parts (measures.division_result.compose), until the analyst writes the cell
themselves (`progress_save`, which marks it `result_edited_at`); `progress_recompose` goes back
to the composed text."""

from django.db import transaction
from django.utils import timezone

from organisations.access import user_or_none
from organisations.refusals import Refusal, refuse, validated
from thai.digits import thai_count
from thai.fiscal import Period

from .. import limits, period_lock, permissions, selectors
from ..division_result import DivisionResult, compose
from ..models import ProgressEntry


class EditConflict(Refusal):
    """Someone saved the entry (or the division's part) after this person opened it. `current`
    is what they saved."""

    def __init__(self, current):
        super().__init__("มีผู้อื่นบันทึกผลของมาตรการนี้ระหว่างที่ท่านแก้ไข")
        self.current = current


def _locked_entry(measure, period) -> ProgressEntry:
    entry, _ = ProgressEntry.objects.select_for_update().get_or_create(
        measure=measure, period=period
    )
    return entry


@transaction.atomic
def progress_save(*, measure, period, by, version, status, result, follow_up=None) -> ProgressEntry:
    """Save status and result (and the follow-up direction, when given), unless someone else
    saved since `version` was read (`version=None`: whatever is there, as an import does).

    For a shared measure this is the analyst writing the report's cell over what the divisions'
    parts make: the cell then stays as written (`result_edited_at`) until `progress_recompose`."""
    refuse(permissions.entry_refusal(by, measure, period))
    entry = _locked_entry(measure, period)
    if version is not None and entry.version != version:
        raise EditConflict(entry)
    if follow_up is not None and follow_up.strip() != entry.follow_up:
        refuse(permissions.follow_up_refusal(by, measure, period))
        entry.follow_up = follow_up.strip()
    result = result.strip()
    if (
        measure.is_shared
        and (entry.status, entry.result) != (status, result)
        and entry.parts.exists()
    ):
        entry.result_edited_at = timezone.now()
    entry.status = status
    entry.result = result
    return _save(entry, by)


@transaction.atomic
def division_result_save(
    *, measure, period, division, by, version, status, result
) -> DivisionResult:
    """One division's part of a shared measure's result, unless someone else saved that part
    since `version` was read (`None`: whatever is there). The report's cell is composed again
    from the parts, unless the analyst wrote it; refused (on `result`) when the composed cell
    would be longer than a result may be."""
    refuse(permissions.division_result_refusal(by, measure, period, division))
    entry = _locked_entry(measure, period)
    # Created with its text in one save, so its history starts with what the division wrote.
    part = DivisionResult.objects.select_for_update().filter(entry=entry, division=division).first()
    part = part or DivisionResult(entry=entry, division=division)
    if version is not None and part.version != version:
        raise EditConflict(part)
    part.status = status
    part.result = result.strip()
    part.updated_by = user_or_none(by)
    part.version += 1
    validated(part, validate_unique=False, validate_constraints=False)
    with period_lock.refused_when_locked(measure.fiscal_year, period):
        part.save()
    _compose(entry, by)
    return part


@transaction.atomic
def progress_recompose(*, measure, period, by) -> ProgressEntry:
    """The analyst gives up the cell they wrote: it is composed from the divisions' parts again."""
    refuse(permissions.recompose_refusal(by, measure, period))
    entry = _locked_entry(measure, period)
    entry.result_edited_at = None
    return _compose(entry, by, always=True)


def _compose(entry, by, *, always=False) -> ProgressEntry:
    if entry.result_edited_at is not None:
        return entry
    previous = None
    if entry.period != Period.FIRST_HALF:
        previous = ProgressEntry.objects.filter(
            measure=entry.measure, period=Period.FIRST_HALF
        ).first()
    parts = selectors.division_parts(entry.measure, entry.period, entry, previous)
    status, result = compose([(part.division.label, part.status, part.result) for part in parts])
    if len(result) > limits.RESULT_MAX:
        raise Refusal(
            fields={
                "result": f"ผลรวมของทุกส่วนราชการยาวเกิน {thai_count(limits.RESULT_MAX)} ตัวอักษร "
                "ซึ่งเป็นความยาวที่ช่องผลการดำเนินการในรายงานรับได้ กรุณาสรุปให้สั้นลง"
            }
        )
    if always or (entry.status, entry.result) != (status, result):
        entry.status, entry.result = status, result
        _save(entry, by)
    return entry


@transaction.atomic
def progress_set_follow_ups(*, fiscal_year, period, follow_ups: dict[int, str], by) -> None:
    """The superiors' direction for each measure (by number) of the plan, written while the
    period's report is in review; creates the entry of a measure that has none."""
    measures = list(
        fiscal_year.measures.filter(number__in=follow_ups).select_related(
            "fiscal_year__organisation"
        )
    )
    # One plan, one period: the rule is the same for every measure.
    if measures:
        refuse(permissions.follow_up_refusal(by, measures[0], period))
    for measure in measures:
        entry = _locked_entry(measure, period)
        text = follow_ups[measure.number].strip()
        if entry.follow_up != text:
            entry.follow_up = text
            _save(entry, by)


def progress_ensure(*, measure, period, by) -> ProgressEntry:
    """The period's entry of the measure, created empty if there is none (to attach evidence)."""
    refuse(permissions.progress_refusal(by, measure, period))
    entry, _ = ProgressEntry.objects.get_or_create(measure=measure, period=period)
    return entry


@transaction.atomic
def progress_delete(*, entry, by) -> None:
    measure = entry.measure
    refuse(permissions.entry_delete_refusal(by, entry))
    with period_lock.refused_when_locked(measure.fiscal_year, entry.period):
        entry.delete()


def _save(entry, by) -> ProgressEntry:
    entry.updated_by = user_or_none(by)
    entry.version += 1
    # Fields, choices and lengths are checked here; the constraints (one entry per measure and
    # period, valid choices, lengths) hold by construction and the database keeps them anyway:
    # validating them again would ask the database once each.
    validated(entry, validate_unique=False, validate_constraints=False)
    with period_lock.refused_when_locked(entry.measure.fiscal_year, entry.period):
        entry.save()
    return entry
