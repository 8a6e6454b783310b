"""Staff's list of what they record: every period open for them (of this year's plan and the
year before, whose 12-month report is written once the new year has begun), or the year and
period they pick; and the analyst's return to a shared measure's composed result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from organisations import access
from organisations.refusals import Refusal, show_refusal
from thai.fiscal import Period

from . import period_lock, selectors
from .forms import MineFilterForm
from .models import FiscalYear
from .services.progress import progress_recompose
from .views import measure_for


@login_required
def my_measures(request):
    """The measures of the person's divisions (or all, for whoever keeps the plan), per period."""
    organisations = access.member_organisations(request.user)
    years = (
        FiscalYear.objects.filter(organisation__in=organisations)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    filters = MineFilterForm(request.GET, years=list(years))
    picked = filters.cleaned_data if filters.is_valid() else {}
    sections = []
    # A year or period that does not exist shows nothing (the page says so).
    for organisation in organisations if filters.is_valid() else []:
        own = access.division_ids(request.user, organisation)
        mine = bool(own) and not picked.get("all")
        for fiscal_year, period in _periods(organisation, picked):
            measures = selectors.measures_for(request.user, fiscal_year, period, only_mine=mine)
            for measure in measures:
                measure.to_record = bool(own) and selectors.still_to_record(request.user, measure)
            sections.append(
                {
                    "organisation": organisation,
                    "fiscal_year": fiscal_year,
                    "period": Period(period),
                    "closed": period_lock.closed_reason(fiscal_year, period),
                    "measures": measures,
                    "to_record": sum(measure.to_record for measure in measures),
                    "filtered": mine,
                }
            )
    return render(
        request,
        "measures/mine.html",
        {
            "sections": sections,
            "filters": filters,
            "picked": picked,
            "first_period": Period.FIRST_HALF.label,
        },
    )


def _periods(organisation, picked) -> list[tuple]:
    """The (plan, period) pairs to show: the year and period picked, or every open one."""
    year, period = picked.get("year"), picked.get("period")
    if year is None:
        found = selectors.open_periods(organisation)
        return [(plan, p) for plan, p in found if period is None or p == period]
    plan = organisation.fiscal_years.filter(year=year).first()
    if plan is None:
        return []
    return [(plan, period or selectors.current_period(plan))]


@login_required
@require_POST
def progress_recompose_view(request, pk, period):
    measure = measure_for(request, pk)
    try:
        progress_recompose(measure=measure, period=period, by=request.user)
    except Refusal as refusal:
        show_refusal(request, refusal)
    else:
        messages.success(request, "ใช้ข้อความที่รวมจากส่วนของทุกส่วนราชการแล้ว")
    return redirect("measures:progress", pk=measure.pk, period=period)
