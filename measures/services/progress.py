"""The one writer of progress entries."""

from django.db import transaction

from organisations.access import NotAllowed, user_or_none

from .. import period_lock, permissions
from ..models import ProgressEntry


class EditConflict(Exception):
    """Someone saved the entry after this person opened it. `current` is what they saved."""

    def __init__(self, current: ProgressEntry):
        super().__init__("มีผู้อื่นบันทึกผลของมาตรการนี้ระหว่างที่ท่านแก้ไข")
        self.current = current


def _require_open(measure, period):
    reason = period_lock.closed_reason(measure.fiscal_year, period)
    if reason:
        raise NotAllowed(reason)


def _require_recordable(measure, period, by):
    refusal = permissions.progress_refusal(by, measure, period)
    if refusal:
        raise NotAllowed(refusal)


@transaction.atomic
def progress_save(*, measure, period, by, version, status, result, follow_up=None) -> ProgressEntry:
    """Save status and result (and the follow-up direction, when given), unless someone else
    saved since `version` was read (`version=None`: whatever is there, as an import does)."""
    _require_recordable(measure, period, by)
    entry, _ = ProgressEntry.objects.select_for_update().get_or_create(
        measure=measure, period=period
    )
    if version is not None and entry.version != version:
        raise EditConflict(entry)
    if follow_up is not None and follow_up.strip() != entry.follow_up:
        if not permissions.can_direct_follow_up(by, measure, period):
            raise NotAllowed("ท่านเขียนการกำกับติดตามของมาตรการนี้ไม่ได้")
        entry.follow_up = follow_up.strip()
    entry.status = status
    entry.result = result.strip()
    return _save(entry, by)


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
    if measures and not permissions.can_direct_follow_up(by, measures[0], period):
        raise NotAllowed("ท่านเขียนการกำกับติดตามของรายงานรอบนี้ไม่ได้")
    for measure in measures:
        entry, _ = ProgressEntry.objects.select_for_update().get_or_create(
            measure=measure, period=period
        )
        text = follow_ups[measure.number].strip()
        if entry.follow_up != text:
            entry.follow_up = text
            _save(entry, by)


def progress_ensure(*, measure, period, by) -> ProgressEntry:
    """The period's entry of the measure, created empty if there is none (to attach evidence)."""
    _require_recordable(measure, period, by)
    entry, _ = ProgressEntry.objects.get_or_create(measure=measure, period=period)
    return entry


@transaction.atomic
def progress_delete(*, entry, by) -> None:
    _require_open(entry.measure, entry.period)
    if not permissions.can_edit_plan(by, entry.measure.fiscal_year):
        raise NotAllowed("ท่านลบผลการดำเนินการไม่ได้")
    entry.delete()


def _save(entry, by) -> ProgressEntry:
    entry.updated_by = user_or_none(by)
    entry.version += 1
    # Fields, choices and lengths are checked here; the constraints (one entry per measure and
    # period, valid choices, lengths) hold by construction and the database keeps them anyway:
    # validating them again would ask the database once each.
    entry.full_clean(validate_unique=False, validate_constraints=False)
    entry.save()
    return entry
