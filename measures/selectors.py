"""Reads of what is tracked, shared by pages, notifications and reports."""

from django.db.models import Prefetch
from django.utils import timezone

from thai.fiscal import Period, fiscal_year_of

from . import period_lock, permissions
from .models import FiscalYear, Measure, ProgressEntry


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


def current_plan(organisation) -> tuple[FiscalYear, int] | None:
    fiscal_year = current_fiscal_year(organisation)
    return (fiscal_year, current_period(fiscal_year)) if fiscal_year else None


def with_period_entry(measures, period):
    """The measures with their steps, divisions and the period's progress entry (`.entry`, or
    None): the one way the portal reads "this period's entry" of many measures."""
    entries = ProgressEntry.objects.filter(period=period).select_related("updated_by")
    return measures.prefetch_related(
        "steps",
        "divisions",
        Prefetch("progress_entries", queryset=entries, to_attr="period_entries"),
    )


def period_entry(measure):
    """The entry of a measure read through `with_period_entry`."""
    return measure.period_entries[0] if measure.period_entries else None


def measures_with_progress(fiscal_year, period) -> list:
    """The plan's measures in order, each with `.entry` for the period."""
    measures = list(with_period_entry(fiscal_year.measures.order_by("number"), period))
    for measure in measures:
        measure.entry = period_entry(measure)
    return measures


def measures_for(user, fiscal_year, period, *, only_mine=True) -> list[Measure]:
    measures = measures_with_progress(fiscal_year, period)
    if only_mine:
        measures = [measure for measure in measures if permissions.answers_for(user, measure)]
    return measures


def entries_without_result(user, fiscal_year, period) -> list[Measure]:
    return [
        measure
        for measure in measures_for(user, fiscal_year, period)
        if measure.entry is None or not measure.entry.result.strip()
    ]
