"""What the approving superior reviews, measure by measure: each submitted row with the evidence
recorded for it, its follow-up direction and its mark for correction; every measure, or only
those not done (`?show=open`), with links to jump between them."""

from dataclasses import dataclass

from measures.models import Status
from measures.selectors import evidence_by_measure

from .selectors import report_rows

SHOW_OPEN = "open"


def only_open(request) -> bool:
    return request.GET.get("show") == SHOW_OPEN


def _not_done(row) -> bool:
    return row["status"] != Status.DONE


def shown_rows(report, open_only: bool) -> list[dict]:
    rows = report_rows(report)
    return [row for row in rows if _not_done(row)] if open_only else rows


@dataclass
class MeasureUnderReview:
    row: dict  # number, title, steps, responsible, status, result, follow_up (as submitted)
    status_label: str
    evidence: list  # measures.models.Evidence, in the order added
    follow_up: object  # the form's bound fields
    mark: object
    next_number: int | None  # the next measure shown, to jump to
    next_label: str = ""  # its number as the plan writes it (1.1 in a plan numbered by dimension)


def measures_under_review(report, form, *, open_only: bool) -> dict:
    """The measures the form shows, with their evidence, and the counts for the two views.
    Evidence cannot change while the report is in review (the period is locked), so what is
    linked is what was submitted."""
    rows = report_rows(report)
    evidence = evidence_by_measure(report.fiscal_year, report.period)
    labels = dict(Status.choices)
    fields = form.measure_fields()
    numbers = [row["number"] for row, _, _ in fields]
    following = numbers[1:] + [None] if numbers else []
    written = [str(row.get("label") or row["number"]) for row, _, _ in fields]
    following_labels = written[1:] + [""] if written else []
    return {
        "measures": [
            MeasureUnderReview(
                row,
                labels.get(row["status"], ""),
                evidence.get(row["number"], []),
                follow,
                mark,
                next_number,
                next_label,
            )
            for (row, follow, mark), next_number, next_label in zip(
                fields, following, following_labels, strict=True
            )
        ],
        "total": len(rows),
        "open": sum(1 for row in rows if _not_done(row)),
        "open_only": open_only,
        "show_open": SHOW_OPEN,
    }
