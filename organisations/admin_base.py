"""What every admin page of the portal stands on.

- `ScopedAdmin`: a person sees and changes only the organisations where the admin's `rule`
  (organisations.access) lets them in; operators see everything. Each model names the way to
  its organisation (`organisation_lookup`), which also scopes the choices of related fields.
- Every list exports its rows (one column per field) as CSV with a BOM, Excel or JSON, with
  formula-like cells neutralised.
- `WriterAdmin`: pages whose saves go through the app's writers (services); a writer's refusal
  (organisations.refusals) is shown on the page with its reason, and nothing is saved.
- `ListedOnly`, `OperatorOnly`: rows listed here but written elsewhere; pages of the deployment's
  operator alone.
- `ReadOnlyHistoryAdmin`: django-simple-history's history pages show the audit trail and never
  write. (Its history form saves a POST after checking only view permission, which would revert a
  record past every rule of the portal.)
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from import_export.admin import ExportMixin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from thai.digits import thai_count

from . import access
from .exports import SafeCSV, SafeXLSX
from .refusals import Refusal, show_refusal

SEARCH_RESULTS_MAX = 1000
SEARCH_CAPPED = "แสดงเฉพาะ {count} รายการแรกที่พบ กรุณาระบุคำค้นให้ละเอียดขึ้น หรือเลือกหน่วยงานก่อนค้นหา"


def organisation_id_of(obj, lookup: str):
    if lookup == "pk":
        return obj.pk
    *path, last = lookup.split("__")
    for part in path:
        obj = getattr(obj, part)
    return getattr(obj, f"{last}_id")


def scoped_organisation_ids(request, rule) -> set[int] | None:
    """The ids of the organisations where `rule` lets the person in; None for operators (all).
    Computed once per request and rule."""
    if access.is_operator(request.user):
        return None
    cache = request.__dict__.setdefault("_ita_scopes", {})
    if rule not in cache:
        cache[rule] = {o.pk for o in access.member_organisations(request.user, rule)}
    return cache[rule]


def count_of(model, parent_field: str):
    """How many `model` rows point at each row listed: a correlated subquery, computed for the
    rows of the page only (a grouping would count the whole table first)."""
    counted = (
        model.objects.filter(**{parent_field: OuterRef("pk")})
        .order_by()
        .values(parent_field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def scope_queryset(queryset, request, rule):
    ids = scoped_organisation_ids(request, rule)
    lookup = getattr(queryset.model, "organisation_lookup", None)
    if ids is None or lookup is None:
        return queryset
    return queryset.filter(**{f"{lookup}__in": ids})


class ScopedFields:
    """Choices of related objects come only from the person's organisations."""

    rule = staticmethod(access.manages)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None:
            field.queryset = scope_queryset(field.queryset, request, self.rule)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None:
            field.queryset = scope_queryset(field.queryset, request, self.rule)
        return field


class ScopedAdmin(ScopedFields, ExportMixin, admin.ModelAdmin):
    export_formats = [SafeCSV, SafeXLSX, base_formats.JSON]
    to_encoding = "utf-8-sig"
    # Counting every row of a table of hundreds of thousands for "(ทั้งหมด …)" is not worth it,
    # nor a count per filter choice ("แสดงจำนวน", one more query over the whole table each).
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def get_search_results(self, request, queryset, search_term):
        """A search finds at most SEARCH_RESULTS_MAX rows, whatever the words: on a deployment
        of thousands of organisations a common word matches most of a table, and ordering and
        counting all of it would take seconds. The first matches are taken as the indexes find
        them, then shown in the list's order."""
        found, may_have_duplicates = self.search_matches(request, queryset, search_term)
        if not search_term.strip():
            return found, may_have_duplicates
        if may_have_duplicates:
            found = found.distinct()
        ids = list(found.order_by().values_list("pk", flat=True)[:SEARCH_RESULTS_MAX])
        if len(ids) == SEARCH_RESULTS_MAX:
            count = thai_count(SEARCH_RESULTS_MAX)
            self.message_user(request, SEARCH_CAPPED.format(count=count), messages.INFO)
        return queryset.filter(pk__in=ids), False

    def search_matches(self, request, queryset, search_term):
        """The rows the words match (Django's search over `search_fields` unless overridden)."""
        return super().get_search_results(request, queryset, search_term)

    def allowed(self, request, obj=None) -> bool:
        ids = scoped_organisation_ids(request, self.rule)
        if ids is None:
            return True
        if obj is None:
            return bool(ids)
        return organisation_id_of(obj, self.model.organisation_lookup) in ids

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request, self.rule)

    def has_module_permission(self, request):
        return self.allowed(request)

    def has_view_permission(self, request, obj=None):
        return self.allowed(request, obj)

    def has_add_permission(self, request, *args):
        return self.allowed(request)

    def has_change_permission(self, request, obj=None):
        return self.allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.allowed(request, obj)


class ScopedInline(ScopedFields):
    """Inlines are shown with a parent the person may see, and follow its scope."""

    def has_view_permission(self, request, obj=None):
        return scoped_organisation_ids(request, self.rule) != set()

    def has_add_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)


class WriterAdmin:
    """Saves and deletions that a writer refuses end on the same page with the reason, the
    transaction rolled back. Subclasses route saves through the writers."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refusal as refusal:
            return self._refused(request, refusal)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refusal as refusal:
            return self._refused(request, refusal)

    def _refused(self, request, refusal):
        if request.method != "POST":
            raise refusal
        show_refusal(request, refusal)
        return HttpResponseRedirect(request.get_full_path())

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            try:
                self.delete_model(request, obj)
            except Refusal as refusal:
                show_refusal(request, Refusal(f"{obj}: {refusal}"))


class ListedOnly:
    """Rows listed (and exported) in the admin but written elsewhere: on their own pages, by
    their writers. Put before the admin's base class."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OperatorOnly:
    """Pages of the deployment's own settings and data: its operator's alone (and only what the
    base admin allows at all: a singleton is never added)."""

    def has_module_permission(self, request):
        return access.is_operator(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return access.is_operator(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return access.is_operator(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return access.is_operator(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return access.is_operator(request.user) and super().has_delete_permission(request, obj)


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    def history_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied("ประวัติการแก้ไขใช้ดูย้อนหลังเท่านั้น ไม่สามารถย้อนคืนข้อมูลได้")
        self._visible_or_404(request, object_id)
        if not str(version_id).isdigit():
            raise Http404("ไม่พบประวัตินี้")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _visible_or_404(self, request, object_id):
        # The object as the admin's scope sees it; malformed ids are simply not found.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("ไม่พบข้อมูลนี้")

    def revert_disabled(self, request, obj=None):
        return True
