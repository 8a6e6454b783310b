from django.contrib import admin
from import_export import resources

from measures.admin.filters import year_filter
from organisations.admin_base import ListedOnly, ReadOnlyHistoryAdmin, ScopedAdmin, WriterAdmin
from organisations.admin_filters import organisation_filter

from . import permissions
from .models import MEMO_FIELDS, RenderedPdf, Report, ReviewEvent, ReviewStep
from .services import report_update_memo


class ReviewStepInline(ListedOnly, admin.TabularInline):
    model = ReviewStep
    extra = 0
    fields = ["order", "role", "kind", "signer_name", "signer_position", "comment", "acted_at"]
    readonly_fields = fields


class ReviewEventInline(ListedOnly, admin.TabularInline):
    model = ReviewEvent
    extra = 0
    fields = ["created_at", "round", "action", "actor_name", "actor_position", "comment"]
    readonly_fields = fields


@admin.register(Report)
class ReportAdmin(WriterAdmin, ScopedAdmin, ReadOnlyHistoryAdmin):
    """The memo's fields are edited here only while the report is a draft or was returned, by the
    memo's writer; the review itself happens on the report's page (reports/workflow.py)."""

    list_display = ["__str__", "state", "revision", "updated_at"]
    list_filter = [
        organisation_filter("fiscal_year__organisation"),
        year_filter("fiscal_year__year"),
        "period",
        "state",
    ]
    ordering = ["-updated_at"]
    list_select_related = ["fiscal_year__organisation"]
    search_fields = ["subject", "body"]
    readonly_fields = ["fiscal_year", "period", "revision", "state", "round", "previous_revision"]
    fields = readonly_fields + MEMO_FIELDS
    inlines = [ReviewStepInline, ReviewEventInline]

    def has_add_permission(self, request, *args):
        return False  # reports are created from the plan, on the reports page

    def has_change_permission(self, request, obj=None):
        if obj is not None and not permissions.can_edit_memo(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and permissions.delete_refusal(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        report_update_memo(
            report=obj, by=request.user, fields={name: getattr(obj, name) for name in MEMO_FIELDS}
        )

    def save_related(self, request, form, formsets, change):
        pass  # the superiors' blocks and the events are written by the review only


class RenderedPdfResource(resources.ModelResource):
    class Meta:
        model = RenderedPdf
        exclude = ("file_name",)  # the file itself is downloaded from the report's page


@admin.register(RenderedPdf)
class RenderedPdfAdmin(ListedOnly, ScopedAdmin):
    resource_classes = [RenderedPdfResource]
    list_display = ["report", "is_final", "page_count", "sha256", "created_at"]
    list_filter = ["is_final"]
    list_select_related = ["report__fiscal_year__organisation"]
    fields = ["report", "is_final", "page_count", "sha256", "html_sha256", "created_at"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        # A draft's rendering is a cache; the final one never goes (the database refuses too).
        return bool(obj is not None and not obj.is_final and self.allowed(request, obj))
