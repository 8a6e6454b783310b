"""The year at a glance, for the analyst and the site admin: for an assessment year, each item,
the organisation's document that answers it, its state, its due date and the permanent address
to give the assessors, with the next thing to do (publishing/item_documents.py)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from assessments.models import AnswerKind, AssessmentResult, AssessmentYear
from assessments.rules import results_year_of
from organisations import access
from organisations.addresses import public_url
from organisations.lookups import visible_or_404
from organisations.models import Organisation
from thai.dates import thai_date
from thai.fiscal import Period, fiscal_year_of

from . import permissions
from .due_work import when_due
from .item_documents import ItemState, item_statuses_of


def default_year(today=None) -> AssessmentYear | None:
    """The assessment of the fiscal year under way, or the latest before it, else the first."""
    years = AssessmentYear.objects.order_by("-year")
    current = fiscal_year_of(today or timezone.localdate())
    return years.filter(year__lte=current).first() or years.last()


@login_required
def year_index(request):
    organisations = access.member_organisations(request.user, permissions.can_see_year)
    year = default_year()
    if not organisations or year is None:
        raise Http404("ไม่พบหน้านี้")
    if len(organisations) == 1:
        return redirect("ita_year:year", organisations[0].pk, year.year)
    years = list(AssessmentYear.objects.order_by("-year"))
    return render(
        request, "publishing/year_index.html", {"organisations": organisations, "years": years}
    )


@login_required
def year_page(request, organisation_pk, year):
    organisation = visible_or_404(
        Organisation.objects, request.user, permissions.can_see_year, pk=organisation_pk
    )
    assessment_year = get_object_or_404(AssessmentYear, year=year)
    today = timezone.localdate()
    plans = {plan.year: plan for plan in organisation.fiscal_years.all()}
    rows = []
    for status in item_statuses_of(organisation, assessment_year):
        item = status.item
        row = {"status": status, "due": _due(status, today)}
        row["overdue"] = bool(item.due_date) and not status.is_done and item.due_date < today
        if status.publication is not None:
            row["address"] = public_url(organisation, status.permanent_path)
        if status.state == ItemState.NOT_STARTED:
            row["create"] = _create(item, plans.get(item.fiscal_year))
        rows.append(row)
    results_year = results_year_of(year + 1)  # the results this year's analysis reads
    return render(
        request,
        "publishing/year.html",
        {
            "organisation": organisation,
            "assessment_year": assessment_year,
            "rows": rows,
            "years": AssessmentYear.objects.order_by("-year").values_list("year", flat=True),
            "analysed": AssessmentResult.objects.filter(
                organisation=organisation, assessment_year__year=year - 1
            ).first(),
            "analysed_year": year - 1,
            "results_year": results_year,
            # The year's ITA table for the organisation's website (publishing/website_table.py)
            "has_website_table": any(
                row["status"].item.document_kind != AnswerKind.OTHER for row in rows
            ),
        },
    )


def _due(status, today) -> str:
    """The due date, with the days left or overdue while the item is not done."""
    if status.item.due_date is None:
        return ""
    if status.is_done:
        return f"ครบกำหนด {thai_date(status.item.due_date)}"
    return when_due(status, today)


def _create(item, plan) -> dict:
    """How the item's document is started: its kind, and the plan it needs (None: start the
    plan first on the plans page; the analysis makes its plan itself)."""
    if item.document_kind == AnswerKind.ANALYSIS:
        return {"kind": "analysis", "year": item.fiscal_year}
    if plan is None:
        return {"kind": "no_plan", "year": item.fiscal_year}
    if item.document_kind == AnswerKind.PLAN:
        return {"kind": "plan", "plan": plan}
    period = item.period or Period.FULL_YEAR
    return {"kind": "report", "plan": plan, "period": period, "label": Period(period).label}
