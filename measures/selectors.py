"""Reads of what is tracked, shared by pages, notifications and reports."""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from organisations import access
from organisations.models import Division
from thai.fiscal import Period, fiscal_year_of

from . import period_lock, permissions
from .models import (
    DivisionResult,
    Evidence,
    FiscalYear,
    Measure,
    PeriodLock,
    ProgressEntry,
    Status,
)


def current_fiscal_year(organisation, today=None) -> FiscalYear | None:
    """This fiscal year's plan, or else the latest plan before it, or else the first one."""
    year = fiscal_year_of(today or timezone.localdate())
    plans = organisation.fiscal_years.all()
    return (
        plans.filter(year=year).first()
        or plans.filter(year__lt=year).order_by("-year").first()
        or plans.order_by("year").first()
    )


def current_period(fiscal_year) -> int:
    """The half-year being reported: the first half until its report is submitted."""
    if period_lock.is_open(fiscal_year, Period.FIRST_HALF):
        return Period.FIRST_HALF
    return Period.FULL_YEAR


def open_periods(organisation, today=None) -> list[tuple[FiscalYear, int]]:
    """The periods whose results are being recorded, oldest first: of the current plan and of
    the year before it, the first period whose report is not submitted yet. On 1 October the
    new year's first half opens while the year just ended still waits for its 12-month report.
    """
    current = current_fiscal_year(organisation, today)
    if current is None:
        return []
    plans = list(organisation.fiscal_years.filter(year__in=[current.year - 1, current.year]))
    locked = set(
        PeriodLock.objects.filter(fiscal_year__in=plans).values_list("fiscal_year_id", "period")
    )
    found = []
    for plan in sorted(plans, key=lambda plan: plan.year):
        waiting = [period for period in Period if (plan.pk, period) not in locked]
        if waiting:
            found.append((plan, waiting[0]))
    return found


def with_period_entry(measures, period):
    """The measures with their steps, divisions and the period's progress entry (`.entry`, or
    None), each entry with its divisions' parts: the one way the portal reads "this period's
    entry" of many measures. For the 12-month period the 6-month entries come too
    (`previous_entry`), from which the year's result starts."""
    lookups = [
        "steps",
        "divisions",
        Prefetch("progress_entries", queryset=_entries(period), to_attr="period_entries"),
    ]
    if period != Period.FIRST_HALF:
        previous = _entries(Period.FIRST_HALF)
        lookups.append(Prefetch("progress_entries", queryset=previous, to_attr="previous_entries"))
    return measures.prefetch_related(*lookups)


def _entries(period):
    parts = DivisionResult.objects.select_related("division", "updated_by")
    return (
        ProgressEntry.objects.filter(period=period)
        .select_related("updated_by")
        .prefetch_related(Prefetch("parts", queryset=parts))
    )


def period_entry(measure):
    """The entry of a measure read through `with_period_entry`."""
    return measure.period_entries[0] if measure.period_entries else None


def previous_entry(measure):
    """The 6-month entry of a measure read through `with_period_entry` for the 12-month period."""
    previous = getattr(measure, "previous_entries", None)
    return previous[0] if previous else None


def reported_entry(entry, previous):
    """The entry whose status and result the report prints: the period's own once anything is
    recorded in it, else (12-month period) the 6-month one, carried over."""
    if entry is not None and entry.is_recorded:
        return entry
    return previous if previous is not None and previous.is_recorded else entry


def measures_with_progress(fiscal_year, period) -> list:
    """The plan's measures in order, each with `.entry` for the period and `.reported` (the
    entry the report prints, see reported_entry)."""
    measures = list(with_period_entry(fiscal_year.measures.order_by("number"), period))
    # Every ทุกกอง measure names the organisation's divisions: read them once.
    prefetch_related_objects([fiscal_year.organisation], "divisions")
    for measure in measures:
        measure.entry = period_entry(measure)
        measure.reported = reported_entry(measure.entry, previous_entry(measure))
    return measures


def measures_for(user, fiscal_year, period, *, only_mine=True) -> list[Measure]:
    measures = measures_with_progress(fiscal_year, period)
    if only_mine:
        measures = [measure for measure in measures if permissions.answers_for(user, measure)]
    return measures


def still_to_record(user, measure) -> bool:
    """Whether the person's division has yet to record a result of a measure read through
    `measures_with_progress` for the period: its own part of a shared measure, else the
    measure's result. What was carried over from the 6-month period does not count."""
    entry = measure.entry
    if not measure.is_shared:
        return entry is None or not entry.result.strip()
    own = access.division_ids(user, measure.organisation)
    written = (
        {part.division_id for part in entry.parts.all() if part.result.strip()} if entry else set()
    )
    responsible = {division.pk for division in measure.responsible_divisions()}
    return bool((own & responsible) - written)


def to_record(user, fiscal_year, period) -> list[Measure]:
    """The measures whose result the person's divisions still have to record in the period."""
    return [
        measure
        for measure in measures_for(user, fiscal_year, period)
        if still_to_record(user, measure)
    ]


def division_parts(measure, period, entry, previous=None) -> list["Part"]:
    """Each division responsible for a shared measure with its part of the period's result, in
    the divisions' order; for the 12-month period, a division that has not written its part
    yet keeps its 6-month part (carried). `entry` and `previous` are the measure's entries of
    the period and of the 6-month period (or None), with their parts."""
    own = {part.division_id: part for part in entry.parts.all()} if entry else {}
    carried = {}
    if period != Period.FIRST_HALF and previous is not None:
        carried = {part.division_id: part for part in previous.parts.all()}
    parts = []
    for division in measure.responsible_divisions():
        if division.pk in own:
            parts.append(Part(division, own[division.pk], carried=False))
        else:
            parts.append(Part(division, carried.get(division.pk), carried=division.pk in carried))
    return parts


@dataclass
class Part:
    """A responsible division and its part of a shared measure's result (None: nothing yet)."""

    division: Division
    record: DivisionResult | None
    carried: bool

    @property
    def status(self) -> str:
        return self.record.status if self.record else Status.NOT_STARTED

    @property
    def result(self) -> str:
        return self.record.result if self.record else ""

    def get_status_display(self) -> str:
        return Status(self.status).label


def evidence_by_measure(fiscal_year, period) -> dict[int, list]:
    """The period's evidence of the plan's measures, by measure number, in the order added: one
    query, however many measures and files. The 12-month period's result is the year's (it
    starts from the 6-month one), so the 6-month evidence comes first with it."""
    periods = [Period.FIRST_HALF, period] if period != Period.FIRST_HALF else [period]
    evidence = Evidence.objects.filter(
        entry__measure__fiscal_year=fiscal_year, entry__period__in=periods
    ).select_related("entry__measure")
    found = {}
    order = ("entry__measure__number", "entry__period", "added_at", "id")
    for item in evidence.order_by(*order):
        item.from_six_months = item.entry.period != period
        found.setdefault(item.entry.measure.number, []).append(item)
    return found
