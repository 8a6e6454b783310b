"""The year's ITA table for the organisation's own website (publishing/website_table.py): the
public embeddable page and each item's page, and the analyst's page with the snippet, the embed
code and the spreadsheet."""

from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from organisations.lookups import visible_or_404
from organisations.models import Organisation
from thai.digits import thai_digits

from . import permissions
from .hosts import require_own_host
from .views import PAGE_SECONDS
from .website_table import organisation_publications, portal_years, year_table
from .website_workbook import table_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _public_table(request, slug, year):
    """The table of a public organisation (one that has published something) and a year whose
    items the portal answers; Http404 otherwise. Three queries."""
    published = organisation_publications(slug=slug) if slug else []
    if not published:
        raise Http404("ไม่พบเอกสารที่เผยแพร่")
    organisation = published[0].organisation
    require_own_host(request, organisation)
    assessment_year = get_object_or_404(portal_years(), year=year)
    return year_table(organisation, assessment_year, published)


@require_GET
@cache_control(public=True, max_age=PAGE_SECONDS)
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def year_table_page(request, slug, year):
    """The page the organisation's website frames (<iframe>): the table alone. The only page
    of the portal that any site may frame: it holds links and nothing to act on."""
    table = _public_table(request, slug, year)
    return render(request, "publishing/year_table.html", {"table": table})


@require_GET
@cache_control(public=True, max_age=PAGE_SECONDS)
def item_page(request, slug, year, item):
    """What the URL of an item's row leads to: the item's current document(s), a withdrawn one
    saying so; 404 while nothing was filed under it."""
    table = _public_table(request, slug, year)
    row = table.row_for(item)
    if row is None:
        raise Http404("ไม่พบข้อการประเมินนี้")
    return render(
        request,
        "publishing/item.html",
        {"table": table, "row": row},
        status=200 if row.entries else 404,
    )


# For the organisation's analyst and site admin.


def _managed(request, organisation_pk) -> Organisation:
    return visible_or_404(
        Organisation.objects, request.user, permissions.can_prepare_website_table,
        pk=organisation_pk,
    )  # fmt: skip


@login_required
@require_GET
def website_table_latest(request, organisation):
    organisation = _managed(request, organisation)
    latest = portal_years().first()
    if latest is None:
        raise Http404("ยังไม่มีปีการประเมินที่มีข้อซึ่งเอกสารในระบบตอบได้")
    return redirect("publishing:website_table", organisation=organisation.pk, year=latest.year)


@login_required
@require_GET
def website_table(request, organisation, year):
    organisation = _managed(request, organisation)
    years = list(portal_years())
    assessment_year = next((each for each in years if each.year == year), None)
    if assessment_year is None:
        raise Http404("ไม่พบปีการประเมินนี้")
    table = year_table(organisation, assessment_year) if organisation.slug else None
    context = {"organisation": organisation, "years": years, "table": table,
               "assessment_year": assessment_year}  # fmt: skip
    if table:
        context["snippet"] = render_to_string("publishing/website_snippet.html", {"table": table})
        context["embed_code"] = format_html(
            '<iframe src="{}" title="ข้อมูลการประเมิน ITA ประจำปี พ.ศ. {} {}" width="100%" '
            'height="600" style="border:0" loading="lazy"></iframe>',
            table.embed_url, thai_digits(year), organisation.name,
        )  # fmt: skip
    return render(request, "publishing/website_table.html", context)


@login_required
@require_GET
def website_table_xlsx(request, organisation, year):
    organisation = _managed(request, organisation)
    if not organisation.slug:
        raise Http404("หน่วยงานยังไม่มีชื่อในที่อยู่เว็บ")
    table = year_table(organisation, get_object_or_404(portal_years(), year=year))
    response = HttpResponse(table_workbook(table), content_type=XLSX)
    name = f"ita-{year}-{organisation.slug}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
