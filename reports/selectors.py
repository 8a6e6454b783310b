"""Reads about reports: how complete a report is, which reports a person sees, which drafts
they may start, and a finished document's final PDF."""

from collections import Counter
from dataclasses import dataclass

from measures.models import ALL_DIVISIONS_LABEL, FiscalYear, Status
from measures.selectors import open_periods
from organisations import access
from thai.fiscal import Period

from . import permissions
from .document import plan_parts, plan_table
from .models import DocumentKind, RenderedPdf, Report


def report_rows(report) -> list[dict]:
    """The table's rows as the report shows them: the snapshot once submitted."""
    return report.snapshot["table"]["rows"] if report.is_frozen else plan_table(report)["rows"]


NOT_RECORDED = ("not_recorded", "ยังไม่ได้บันทึก")


def row_state(row) -> str:
    """The one column a row is counted in: its status, or "not_recorded" when nothing was
    recorded (no status beyond "not started" and no result), as a measure without an entry."""
    if row["status"] == Status.NOT_STARTED and not row["result"].strip():
        return NOT_RECORDED[0]
    return row["status"]


def _tally(states) -> list[dict]:
    counts = Counter(states)
    total = len(states) or 1
    return [
        {
            "status": state,
            "label": label,
            "count": counts.get(state, 0),
            "percent": round(100 * counts.get(state, 0) / total),
        }
        for state, label in [*Status.choices, NOT_RECORDED]
    ]


def _division_state(row, division, parts) -> str:
    """A division's state on a row: its own part of a shared measure when the divisions
    recorded parts, else the row's."""
    row_parts = parts.get(str(row["number"]))
    if not row_parts:
        return row_state(row)
    part = next((part for part in row_parts if part["division"] == division.label), None)
    return row_state(part) if part else NOT_RECORDED[0]


def completeness(report) -> dict:
    """How many measures are in each state, overall and per division (each measure counted
    once, in one column; a division's own part of a shared measure), and the measures the
    report would print without a result."""
    rows = report_rows(report)
    parts = report.snapshot.get("parts", {}) if report.is_frozen else plan_parts(report)
    per_division = []
    for division in report.organisation.divisions.all():
        mine = [
            row
            for row in rows
            if division.label in row["responsible"] or ALL_DIVISIONS_LABEL in row["responsible"]
        ]
        per_division.append(
            {
                "division": division,
                "total": len(mine),
                "statuses": _tally([_division_state(row, division, parts) for row in mine]),
            }
        )
    return {
        "total": len(rows),
        "statuses": _tally([row_state(row) for row in rows]),
        "per_division": per_division,
        "without_result": [row for row in rows if not row["result"].strip()],
        "shared": _shared(report, rows, parts),
    }


def _shared(report, rows, parts) -> list[dict]:
    """The measures whose cell is composed from divisions' parts: how many divisions recorded
    theirs, and (before submission) the measure to open to check or edit the combined text."""
    ids = {}
    if not report.is_frozen:
        ids = dict(report.fiscal_year.measures.values_list("number", "pk"))
    return [
        {
            "number": row["number"],
            "label": row.get("label") or row["number"],
            "title": row["title"],
            "measure_id": ids.get(row["number"]),
            "recorded": sum(
                1 for part in parts[str(row["number"])] if row_state(part) != "not_recorded"
            ),
            "total": len(parts[str(row["number"])]),
        }
        for row in rows
        if str(row["number"]) in parts
    ]


def reports_for(user):
    reports = Report.objects.filter(
        fiscal_year__organisation__in=access.readable_organisations(user)
    )
    return reports.select_related("fiscal_year__organisation").order_by(
        "fiscal_year__organisation__name", "-fiscal_year__year", "-period", "-revision"
    )


def final_rendering(report) -> RenderedPdf | None:
    """The finished document's final PDF (signed, never changing), once the worker made it."""
    return report.renderings.filter(is_final=True).first()


@dataclass
class Creatable:
    """A draft the person may start: the plan's announcement, or a period's report."""

    fiscal_year: FiscalYear
    kind: str
    period: int | None
    label: str


def creatable_documents(user) -> list[Creatable]:
    """For each plan with a period open for recording (on 1 October, the year just ended and the
    new one) in the organisations whose documents the person keeps: its announcement while it
    has none, and the open period's report while it has none."""
    found = []
    for organisation in access.member_organisations(user):
        for fiscal_year, period in open_periods(organisation):
            if not permissions.can_create_report(user, fiscal_year):
                continue
            made = set(fiscal_year.reports.values_list("kind", "period"))
            if not any(kind == DocumentKind.PLAN for kind, _ in made):
                found.append(Creatable(fiscal_year, DocumentKind.PLAN, None, "ประกาศมาตรการ"))
            if (DocumentKind.REPORT, period) not in made:
                label = f"รายงาน{Period(period).label}"
                found.append(Creatable(fiscal_year, DocumentKind.REPORT, period, label))
    return found


def existing_document(fiscal_year, kind, period) -> Report | None:
    """The latest revision of the plan's announcement, or of the period's report, if made."""
    documents = fiscal_year.reports.filter(kind=kind, period=period)
    return documents.order_by("-revision").first()
