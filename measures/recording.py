"""What a person records on a measure's progress page for one period, and what it starts from.

Staff of a division responsible for a shared measure (several divisions, or ทุกกอง) record
their division's part; everyone else who may record (the staff of a measure's one division,
the analyst, the site admin) records the measure's entry, which for a shared measure is the
report's cell over the divisions' parts. The 12-month period starts from the 6-month one: until
something is recorded for it, the form holds the 6-month status and result."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from organisations.models import Division
from thai.fiscal import Period

from . import permissions, selectors
from .division_result import DivisionResult, compose
from .models import Measure, ProgressEntry
from .services.progress import division_result_save, progress_save


@dataclass
class Recording:
    measure: Measure
    period: int
    # The division whose part is recorded; None: the measure's entry.
    division: Division | None
    entry: ProgressEntry | None
    # The 6-month entry, when recording the 12-month period.
    previous: ProgressEntry | None
    # Each responsible division's part, for a shared measure.
    parts: list = field(default_factory=list)

    first_period = Period.FIRST_HALF.label

    @property
    def part(self):
        """The recorded division's part (its own, or its 6-month one carried), or None."""
        return next((p for p in self.parts if p.division == self.division), None)

    @property
    def other_parts(self) -> list:
        return [part for part in self.parts if part.division != self.division]

    @property
    def record(self):
        """What the form edits, if it exists yet: the division's part of this period, or the
        entry."""
        if self.division is None:
            return self.entry
        part = self.part
        return part.record if part and not part.carried else None

    @property
    def starting_from(self):
        """What the 12-month form starts from while nothing is recorded for it: the division's
        6-month part, else the 6-month entry. None for the 6-month period."""
        if self.period == Period.FIRST_HALF:
            return None
        part = self.part
        if part is not None and part.carried:
            return part.record
        return self.previous

    def initial(self) -> dict:
        record = self.record
        values = {"version": record.version if record else 1}
        source = record if record is not None and record.is_recorded else self.starting_from
        if source is None:
            source = record
        values["status"] = source.status if source else ProgressEntry.Status.NOT_STARTED
        values["result"] = source.result if source else ""
        return values

    @property
    def result_label(self) -> str:
        if self.division is not None:
            return f"ผลการดำเนินการของ{self.division.label}"
        if self.parts:
            return "ผลการดำเนินการในรายงาน (รวมทุกส่วนราชการ)"
        return "ผลการดำเนินการ"

    @property
    def composed(self) -> str:
        """The cell the divisions' parts make now."""
        return compose([(p.division.label, p.status, p.result) for p in self.parts])[1]

    @property
    def changed_since_edit(self) -> list:
        """The divisions that changed their part after the analyst wrote the cell themselves."""
        edited = self.entry.result_edited_at if self.entry else None
        if edited is None:
            return []
        return [
            part.division
            for part in self.parts
            if part.record and not part.carried and part.record.updated_at > edited
        ]

    def save(self, *, by, version, status, result):
        """Through the writer of what the form edits, refused (EditConflict among the
        refusals) as it refuses."""
        values = {"measure": self.measure, "period": self.period, "by": by, "version": version}
        values.update(status=status, result=result)
        if self.division is not None:
            return division_result_save(division=self.division, **values)
        return progress_save(**values)


def recording_for(user, measure, period) -> Recording:
    """What `user` records for the measure in the period (see the module's docstring)."""
    parts = DivisionResult.objects.select_related("division", "updated_by")
    entries = {
        entry.period: entry
        for entry in measure.progress_entries.filter(period__in={period, Period.FIRST_HALF})
        .select_related("updated_by")
        .prefetch_related(Prefetch("parts", queryset=parts))
    }
    entry = entries.get(period)
    previous = entries.get(Period.FIRST_HALF) if period != Period.FIRST_HALF else None
    division = None
    shared_parts = []
    if measure.is_shared:
        shared_parts = selectors.division_parts(measure, period, entry, previous)
        if permissions.combined_result_refusal(user, measure):
            own = permissions.part_divisions(user, measure)
            division = own[0] if own else None
    return Recording(measure, period, division, entry, previous, shared_parts)


def periods_shown(measure) -> list[dict]:
    """Each period of the measure as its page shows it: the entry with its evidence, each
    division's part of a shared measure, and for the 12-month period with nothing recorded yet
    the 6-month entry it starts from (`carried`)."""
    evidence_and_parts = Prefetch(
        "parts", queryset=DivisionResult.objects.select_related("division", "updated_by")
    )
    entries = {
        entry.period: entry
        for entry in measure.progress_entries.select_related("updated_by").prefetch_related(
            "evidence", evidence_and_parts
        )
    }
    shown = []
    for period in Period:
        entry = entries.get(period)
        previous = entries.get(Period.FIRST_HALF) if period != Period.FIRST_HALF else None
        reported = selectors.reported_entry(entry, previous)
        shared = measure.is_shared
        parts = selectors.division_parts(measure, period, entry, previous) if shared else []
        shown.append(
            {
                "period": period,
                "entry": entry,
                "carried": reported if reported is not entry else None,
                "parts": parts,
                "first_period": Period.FIRST_HALF.label,
            }
        )
    return shown
