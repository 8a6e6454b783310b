from django.contrib import admin
from import_export import resources
from simple_history.admin import SimpleHistoryAdmin

from measures import permissions
from measures.admin import ScopedAdmin

from .models import LOCKED_STATES, RenderedPdf, Report, ReviewChainStep, ReviewEvent, ReviewStep


@admin.register(ReviewChainStep)
class ReviewChainStepAdmin(ScopedAdmin):
    rule = staticmethod(permissions.administers)
    list_display = ["organisation", "order", "role", "kind"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation"]


class ReviewStepInline(admin.TabularInline):
    model = ReviewStep
    extra = 0
    fields = ["order", "role", "kind", "signer_name", "signer_position", "comment", "acted_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    fields = ["created_at", "round", "action", "actor_name", "actor_position", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """The memo's fields are edited here only while the report is a draft or was returned; the
    review itself happens on the report's page (reports/workflow.py)."""

    organisation_path = "fiscal_year__organisation"
    list_display = ["__str__", "state", "revision", "updated_at"]
    list_filter = [
        ("fiscal_year__organisation", admin.RelatedOnlyFieldListFilter),
        "fiscal_year__year",
        "period",
        "state",
    ]
    list_select_related = ["fiscal_year__organisation"]
    search_fields = ["subject", "body"]
    readonly_fields = ["fiscal_year", "period", "revision", "state", "round", "previous_revision"]
    fields = readonly_fields + [
        "department", "phone", "document_number", "memo_date", "subject", "addressee", "body",
        "closing", "author_name", "author_position",
    ]  # fmt: skip
    inlines = [ReviewStepInline, ReviewEventInline]

    def has_add_permission(self, request, *args):
        return False  # reports are created from the plan, on the reports page

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.state in LOCKED_STATES:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.state in LOCKED_STATES:
            return False
        return super().has_delete_permission(request, obj)


class RenderedPdfResource(resources.ModelResource):
    class Meta:
        model = RenderedPdf
        exclude = ("pdf",)  # the file itself is downloaded from the report's page


@admin.register(RenderedPdf)
class RenderedPdfAdmin(ScopedAdmin):
    organisation_path = "report__fiscal_year__organisation"
    resource_classes = [RenderedPdfResource]
    list_display = ["report", "is_final", "page_count", "sha256", "created_at"]
    list_filter = ["is_final"]
    list_select_related = ["report__fiscal_year__organisation"]
    fields = ["report", "is_final", "page_count", "sha256", "html_sha256", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return bool(
            obj is not None and not obj.is_final and super().has_delete_permission(request, obj)
        )
