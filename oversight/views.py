"""The supervisors' pages: the overview of their area (and its export), an organisation's page
(its results, its items, its finished documents) and a finished document's PDF. Read-only, for
supervisors and the deployment's operator (organisations/access.py); 404 for anyone else."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from organisations import access
from organisations.lookups import visible_or_404
from organisations.models import Organisation
from publishing.item_states import item_states, portal_items
from reports import permissions as report_permissions
from reports.models import Report, ReportState
from reports.stored_pdfs import MissingDocument, ready_pdf, stored_bytes

from .export import overview_workbook
from .forms import OverviewForm
from .overview import assessment_year_for, districts_of, overview, provinces_of
from .table import headers, row_html


def _overseer(request):
    if not access.can_oversee(request.user):
        raise Http404("ไม่พบหน้านี้")


def _read(request):
    """The form, the assessment year and the overview the address asks for."""
    province = request.GET.get("province", "")
    form = OverviewForm(
        request.GET,
        provinces=provinces_of(request.user),
        districts=districts_of(request.user, province if province.isdigit() else ""),
    )
    filters = form.filters()
    year = form.cleaned_data.get("year")
    assessment_year = assessment_year_for(request.user, year)
    if assessment_year is not None and not year:
        form.data = form.data.copy()
        form.data["year"] = str(assessment_year.year)  # the year shown is the one chosen
    return form, filters, assessment_year


@login_required
def overview_page(request):
    _overseer(request)
    form, filters, assessment_year = _read(request)
    context = {
        "form": form,
        "assessment_year": assessment_year,
        "supervisions": access.supervisions(request.user),
    }
    if assessment_year is not None:
        found = overview(request.user, assessment_year, filters)
        query = request.GET.copy()
        query.pop("page", None)
        year = f"?year={assessment_year.year}"
        context.update(
            overview=found,
            query=urlencode(query, doseq=True),
            headers=headers(found.items),
            table_rows=[
                row_html(row, reverse("oversight:organisation", args=[row.pk]) + year)
                for row in found.page_rows
            ],
        )
    return render(request, "oversight/overview.html", context)


@login_required
def overview_export(request):
    _overseer(request)
    _, filters, assessment_year = _read(request)
    if assessment_year is None:
        raise Http404("ยังไม่มีปีการประเมิน")
    found = overview(request.user, assessment_year, filters, whole=True)
    response = HttpResponse(
        overview_workbook(found),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"oversight-ita-{assessment_year.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def organisation_page(request, pk):
    organisations = Organisation.objects.select_related("province", "district")
    organisation = visible_or_404(organisations, request.user, access.supervises, pk=pk)
    _, _, assessment_year = _read(request)
    items, states = [], []
    if assessment_year is not None:
        items = portal_items(assessment_year)
        one = Organisation.objects.filter(pk=organisation.pk)
        states = item_states(assessment_year, one, items)[organisation.pk]
    finished = (
        Report.objects.filter(
            fiscal_year__organisation=organisation, state=ReportState.ACKNOWLEDGED
        )
        .select_related("fiscal_year__organisation", "publication")
        .order_by("-fiscal_year__year", "kind", "period", "-revision")
    )
    results = organisation.ita_results.select_related("assessment_year").order_by(
        "-assessment_year__year"
    )
    return render(
        request,
        "oversight/organisation.html",
        {
            "organisation": organisation,
            "assessment_year": assessment_year,
            "states": states,
            "finished": finished,
            "results": results,
        },
    )


@login_required
def final_pdf(request, pk):
    """A finished document's stored final PDF, for a supervisor of its organisation."""
    reports = Report.objects.select_related("fiscal_year__organisation")
    report = visible_or_404(reports, request.user, report_permissions.can_read_final, pk=pk)
    rendering = ready_pdf(report)
    try:
        pdf = stored_bytes(rendering) if rendering else None
    except MissingDocument:
        pdf = None
    if pdf is None:
        return render(request, "document_missing.html", status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ita-{report.pk}.pdf"'
    response["X-Content-SHA256"] = rendering.sha256
    return response
