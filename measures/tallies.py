"""How far many organisations' measures are: for each, its plan of one fiscal year, the period
open for recording and how many measures are done, in progress or not started in it, as the
period's report would print them (measures/selectors.py: reported_entry, the 12-month period
carrying over a 6-month status until the 12-month entry records something).

Three queries whatever the number of organisations (the period locks, the measures, the
entries' statuses), read for the organisations a page shows, never the whole deployment.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import Length, Trim

from thai.fiscal import Period

from .models import Measure, PeriodLock, ProgressEntry, Status
from .selectors import reported_entry


@dataclass(frozen=True)
class Tally:
    period: int  # the open period: the first whose report is not submitted (else 12 months)
    done: int
    in_progress: int
    not_started: int

    @property
    def measures(self) -> int:
        return self.done + self.in_progress + self.not_started

    @property
    def period_label(self) -> str:
        return Period(self.period).short_label


@dataclass(frozen=True)
class _Entry:
    status: str
    is_recorded: bool


def open_period(locked_periods: set[int]) -> int:
    """The period being recorded: the first whose report is not submitted yet; once both are,
    the 12-month period (the year's last word)."""
    return next((period for period in Period if period not in locked_periods), Period.FULL_YEAR)


def tallies(organisation_ids, year: int) -> dict[int, Tally]:
    """{organisation id: Tally} of the plan of fiscal `year` (B.E.) of each organisation that has
    one with measures."""
    ids = list(organisation_ids)
    locked = defaultdict(set)
    for organisation, period in PeriodLock.objects.filter(
        fiscal_year__year=year, fiscal_year__organisation_id__in=ids
    ).values_list("fiscal_year__organisation_id", "period"):
        locked[organisation].add(period)
    counts = dict(
        Measure.objects.filter(fiscal_year__year=year, fiscal_year__organisation_id__in=ids)
        .order_by()
        .values("fiscal_year__organisation_id")
        .annotate(n=Count("pk"))
        .values_list("fiscal_year__organisation_id", "n")
    )
    entries = defaultdict(dict)  # (organisation, measure) -> {period: _Entry}
    rows = (
        ProgressEntry.objects.filter(
            measure__fiscal_year__year=year, measure__fiscal_year__organisation_id__in=ids
        )
        .annotate(text=Length(Trim("result")))
        .values_list(
            "measure__fiscal_year__organisation_id", "measure_id", "period", "status", "text"
        )
    )
    for organisation, measure, period, status, text in rows:
        recorded = status != Status.NOT_STARTED or bool(text)
        entries[organisation, measure][period] = _Entry(status, recorded)
    statuses = defaultdict(Counter)
    for (organisation, _), by_period in entries.items():
        period = open_period(locked[organisation])
        previous = by_period.get(Period.FIRST_HALF) if period == Period.FULL_YEAR else None
        reported = reported_entry(by_period.get(period), previous)
        if reported is not None:
            statuses[organisation][reported.status] += 1
    found = {}
    for organisation, measures in counts.items():
        done = statuses[organisation][Status.DONE]
        in_progress = statuses[organisation][Status.IN_PROGRESS]
        found[organisation] = Tally(
            period=open_period(locked[organisation]),
            done=done,
            in_progress=in_progress,
            not_started=measures - done - in_progress,
        )
    return found
