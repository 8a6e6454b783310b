"""The fiscal-year filter of the admin lists: the years of the person's organisations (of the
one chosen in the organisation filter), never a scan of every organisation's plans."""

from django.contrib import admin

from organisations.admin_base import scoped_organisation_ids
from organisations.admin_filters import LISTED_AT_MOST, chosen_number
from thai.digits import thai_digits

from ..models import FiscalYear


def year_filter(lookup: str):
    """A filter on the fiscal year (พ.ศ.) reached by `lookup` (e.g. "fiscal_year__year")."""

    class YearFilter(admin.SimpleListFilter):
        title = "ปีงบประมาณ"
        parameter_name = "year"

        def lookups(self, request, model_admin):
            years = FiscalYear.objects.all()
            ids = scoped_organisation_ids(request, model_admin.rule)
            if ids is not None:
                years = years.filter(organisation_id__in=ids)
            organisation = chosen_number(request.GET.get("organisation"))
            if organisation:
                years = years.filter(organisation_id=organisation)
            found = years.order_by("-year").values_list("year", flat=True).distinct()
            return [(str(year), thai_digits(year)) for year in found[:LISTED_AT_MOST]]

        def queryset(self, request, queryset):
            year = chosen_number(self.value())
            return queryset.filter(**{lookup: year}) if year else queryset

    return YearFilter
