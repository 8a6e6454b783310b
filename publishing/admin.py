from django.contrib import admin

from organisations.access import is_operator
from organisations.admin_base import ReadOnlyHistoryAdmin, ScopedAdmin

from .models import AssessmentItem, AssessmentYear, Publication


class AssessmentItemInline(admin.TabularInline):
    model = AssessmentItem
    extra = 1
    fields = ["order", "code", "name", "document_kind"]


@admin.register(AssessmentYear)
class AssessmentYearAdmin(admin.ModelAdmin):
    """The assessment's items of each year, for the whole deployment: kept by its operators."""

    list_display = ["year", "name"]
    inlines = [AssessmentItemInline]

    def has_module_permission(self, request):
        return is_operator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_operator(request.user)

    def has_add_permission(self, request):
        return is_operator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_operator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_operator(request.user)


@admin.register(Publication)
class PublicationAdmin(ScopedAdmin, ReadOnlyHistoryAdmin):
    """Publications are made and withdrawn on the document's publishing page; here they are
    listed."""

    list_display = ["path", "item", "published_at", "withdrawn_at", "superseded_by"]
    list_select_related = ["item", "superseded_by"]
    readonly_fields = [
        "document", "path", "item", "published_at", "published_by", "withdrawn_at",
        "withdrawn_by", "withdrawn_reason", "superseded_by",
    ]  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
