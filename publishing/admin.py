from django.contrib import admin

from organisations.admin_base import ReadOnlyHistoryAdmin, ScopedAdmin

from .models import Publication


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
