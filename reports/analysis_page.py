"""What the analysis's page shows beside the memo: its table (the snapshot once submitted), the
form for what the analyst writes of each indicator while the document may change, and, for
each indicator, the measures of the plan that answer it with the forms that make a new one from
a weakness or choose which measures answer it (the plan may change whatever the analysis's
state: a measure added later shows in the analysis's next revision)."""

from django.urls import reverse

from assessments.rules import results_year_of
from measures.permissions import can_edit_plan

from . import permissions
from .analysis_forms import AnalysisRowsForm, AnswersForm, MeasureFromWeaknessForm
from .document import plan_table

TABLE = "ตารางการวิเคราะห์"


def measure_prefix(indicator_id) -> str:
    return f"new{indicator_id}"


def answers_prefix(indicator_id) -> str:
    return f"answers{indicator_id}"


def analysis_context(user, report, *, rows_form=None, bound=None) -> dict:
    """The page's `analysis`: table, rows form, and per row its measures and forms. `bound`: a
    form the person sent back with errors, by its prefix."""
    table = report.snapshot["table"] if report.is_frozen else plan_table(report)
    rows = table["rows"]
    editable = permissions.memo_refusal(user, report, what=TABLE) is None
    plan_editable = can_edit_plan(user, report.organisation)
    measures = report.fiscal_year.measures.order_by("number").prefetch_related("indicators")
    answering = {}
    for measure in measures:
        for indicator in measure.indicators.all():
            answering.setdefault(indicator.pk, []).append(measure)
    divisions = list(report.organisation.divisions.order_by("order", "name"))
    bound = bound or {}
    items = []
    for row in rows:
        pk = row["indicator_id"]
        item = {"row": row, "measures": answering.get(pk, [])}
        if plan_editable:
            if row["verdict"] == "weakness":
                prefix = measure_prefix(pk)
                item["new_form"] = bound.get(prefix) or MeasureFromWeaknessForm(
                    divisions=divisions, prefix=prefix
                )
            prefix = answers_prefix(pk)
            item["answers_form"] = bound.get(prefix) or AnswersForm(
                initial={"measures": [m.pk for m in item["measures"]]},
                measures=measures,
                prefix=prefix,
            )
        items.append(item)
    organisation = report.organisation
    results_year = results_year_of(report.fiscal_year.year)
    return {
        "title_lines": table["title_lines"],
        "items": items,
        "weaknesses": sum(1 for row in rows if row["verdict"] == "weakness"),
        "rows_form": (rows_form or AnalysisRowsForm(rows=rows)) if editable else None,
        "plan_editable": plan_editable,
        "plan_year": report.fiscal_year.year,
        "results_year": results_year,
        "results_url": reverse("assessments:result", args=[organisation.pk, results_year]),
    }
