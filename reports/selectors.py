"""Reads about reports: how complete a report is, and which reports a person sees."""

from collections import Counter

from measures.models import ALL_DIVISIONS_LABEL, Status
from organisations import access

from .document import plan_table
from .models import Report


def report_rows(report) -> list[dict]:
    """The table's rows as the report shows them: the snapshot once submitted."""
    return report.snapshot["table"]["rows"] if report.is_frozen else plan_table(report)["rows"]


def _tally(rows) -> list[dict]:
    counts = Counter(row["status"] for row in rows)
    total = len(rows) or 1
    return [
        {
            "status": status,
            "label": label,
            "count": counts.get(status, 0),
            "percent": round(100 * counts.get(status, 0) / total),
        }
        for status, label in Status.choices
    ]


def completeness(report) -> dict:
    rows = report_rows(report)
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
                "statuses": _tally(mine),
                "without_result": sum(1 for row in mine if not row["result"].strip()),
            }
        )
    return {
        "total": len(rows),
        "statuses": _tally(rows),
        "per_division": per_division,
        "without_result": [row for row in rows if not row["result"].strip()],
    }


def reports_for(user):
    reports = Report.objects.filter(
        fiscal_year__organisation__in=access.readable_organisations(user)
    )
    return reports.select_related("fiscal_year__organisation").order_by(
        "fiscal_year__organisation__name", "-fiscal_year__year", "-period", "-revision"
    )
