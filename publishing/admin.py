from django.contrib import admin

from organisations.admin_base import ListedOnly, ReadOnlyHistoryAdmin, ScopedAdmin

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(ListedOnly, ScopedAdmin, ReadOnlyHistoryAdmin):
    """Publications are made and withdrawn on the document's publishing page; here they are
    listed."""

    list_display = ["path", "item", "published_at", "withdrawn_at", "superseded_by"]
    list_select_related = ["item", "superseded_by"]
    readonly_fields = [
        "document",
        "path",
        "item",
        "published_at",
        "published_by",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawn_reason",
        "superseded_by",
    ]
    fields = readonly_fields
