"""List filters for a deployment of thousands of organisations: they never list every
organisation or division. A person of a few organisations picks from theirs; the deployment's
operator filters by following an organisation's links in its admin list (or by the address),
and sees only the organisation chosen; divisions are listed once one organisation is chosen."""

from django.contrib import admin

from .admin_base import scoped_organisation_ids
from .models import Division, Organisation

LISTED_AT_MOST = 20


def organisation_filter(lookup: str):
    """A filter on the organisation reached by `lookup` (e.g. "fiscal_year__organisation")."""

    class OrganisationFilter(admin.SimpleListFilter):
        title = "หน่วยงาน"
        parameter_name = "organisation"

        def lookups(self, request, model_admin):
            ids = scoped_organisation_ids(request, model_admin.rule)
            if ids is not None and len(ids) <= LISTED_AT_MOST:
                chosen = Organisation.objects.filter(pk__in=ids)
            else:
                chosen = Organisation.objects.filter(pk=chosen_number(self.value()))
            return [(str(o.pk), o.short_name) for o in chosen.order_by("short_name")]

        def queryset(self, request, queryset):
            number = chosen_number(self.value())
            return queryset.filter(**{f"{lookup}_id": number}) if number else queryset

    return OrganisationFilter


def division_filter(lookup: str):
    """A filter on the divisions reached by `lookup`, listed for one organisation: the one chosen
    in the organisation filter, or the person's only one; otherwise only the division chosen."""

    class DivisionFilter(admin.SimpleListFilter):
        title = "ส่วนราชการ"
        parameter_name = "division"

        def lookups(self, request, model_admin):
            organisation = chosen_number(request.GET.get("organisation"))
            if not organisation:
                ids = scoped_organisation_ids(request, model_admin.rule)
                organisation = next(iter(ids)) if ids is not None and len(ids) == 1 else None
            if organisation:
                divisions = Division.objects.filter(organisation_id=organisation)
            else:  # only the one chosen, to see and clear
                divisions = Division.objects.filter(pk=chosen_number(self.value()))
            ids = scoped_organisation_ids(request, model_admin.rule)
            if ids is not None:
                divisions = divisions.filter(organisation_id__in=ids)
            return [(str(d.pk), d.label) for d in divisions.order_by("order", "id")]

        def queryset(self, request, queryset):
            number = chosen_number(self.value())
            return queryset.filter(**{f"{lookup}__id": number}) if number else queryset

    return DivisionFilter


def chosen_number(value) -> int | None:
    return int(value) if value and str(value).isdigit() and len(str(value)) < 19 else None
