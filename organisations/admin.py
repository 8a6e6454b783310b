from django import forms
from django.contrib import admin

from . import access
from .admin_base import ScopedAdmin, ScopedInline
from .models import Division, Membership, Organisation, ReviewChainStep


class DivisionInline(ScopedInline, admin.TabularInline):
    model = Division
    rule = staticmethod(access.administers)
    extra = 0
    fields = ["order", "name", "short_name"]


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    rule = staticmethod(access.administers)
    list_display = ["name", "short_name", "district", "province", "phone"]
    search_fields = ["name", "short_name", "district", "province"]
    inlines = [DivisionInline]

    def has_add_permission(self, request, *args):
        return access.is_operator(request.user)

    def has_delete_permission(self, request, obj=None):
        return access.is_operator(request.user)


@admin.register(Division)
class DivisionAdmin(ScopedAdmin):
    rule = staticmethod(access.administers)
    list_display = ["name", "short_name", "organisation", "order"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation"]
    search_fields = ["name", "short_name"]


class MembershipForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        foreign = [
            division
            for division in cleaned.get("divisions", [])
            if division.organisation_id != getattr(organisation, "pk", None)
        ]
        if organisation and foreign:
            self.add_error(
                "divisions",
                f"ส่วนราชการต่อไปนี้ไม่ได้อยู่ใน {organisation}: {', '.join(map(str, foreign))}",
            )
        return cleaned


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    rule = staticmethod(access.administers)
    form = MembershipForm
    list_display = ["display_name", "user", "role", "position_title", "organisation"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter), "role"]
    list_select_related = ["organisation", "user"]
    search_fields = ["display_name", "position_title", "user__username"]
    filter_horizontal = ["divisions"]


@admin.register(ReviewChainStep)
class ReviewChainStepAdmin(ScopedAdmin):
    rule = staticmethod(access.administers)
    list_display = ["organisation", "order", "role", "kind"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation"]
