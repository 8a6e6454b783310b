from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html_join
from solo.admin import SingletonModelAdmin

from . import access
from .admin_areas import AreaUnsetFilter
from .admin_base import (
    ListedOnly,
    OperatorOnly,
    ReadOnlyHistoryAdmin,
    ScopedAdmin,
    ScopedInline,
    WriterAdmin,
    scoped_organisation_ids,
)
from .admin_filters import organisation_filter
from .emblems import EmblemImageField
from .forms import MembershipForm
from .models import (
    Deployment,
    Division,
    Membership,
    Organisation,
    ReviewChainStep,
    SignatureImage,
)
from .services import membership_save, signature_image_remove


class DivisionInline(ScopedInline, admin.TabularInline):
    model = Division
    rule = staticmethod(access.administers)
    extra = 0
    fields = ["order", "name", "short_name"]


EMBLEM_UPLOAD = {models.ImageField: {"form_class": EmblemImageField}}


@admin.register(Deployment)
class DeploymentAdmin(OperatorOnly, SingletonModelAdmin):
    """The deployment's own settings: its operator's alone."""

    formfield_overrides = EMBLEM_UPLOAD


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    rule = staticmethod(access.administers)
    formfield_overrides = EMBLEM_UPLOAD
    list_display = ["name", "short_name", "kind", "district", "province", "records"]
    list_filter = ["kind", "province", AreaUnsetFilter]
    list_select_related = ["province", "district"]
    search_fields = ["name", "short_name", "slug"]
    autocomplete_fields = ["district"]
    ordering = ["name"]
    inlines = [DivisionInline]
    AREA_FIELDS = ["kind", "province", "district"]

    def get_readonly_fields(self, request, obj=None):
        """Where an organisation is (and so who oversees it) is the operator's to set."""
        fields = ["location_as_typed"]
        if not access.is_operator(request.user):
            fields += self.AREA_FIELDS
        return fields

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None or not obj.location_as_typed:
            fields = [field for field in fields if field != "location_as_typed"]
        return fields

    @admin.display(description="ข้อมูลของหน่วยงาน")
    def records(self, organisation):
        """Links to the organisation's records: the way an operator of thousands filters."""
        links = [
            ("admin:measures_measure_changelist", "มาตรการ"),
            ("admin:measures_progressentry_changelist", "ผลการดำเนินการ"),
            ("admin:reports_report_changelist", "รายงาน"),
            ("admin:organisations_membership_changelist", "ผู้ใช้"),
            ("admin:organisations_division_changelist", "ส่วนราชการ"),
        ]
        return format_html_join(
            " · ",
            '<a href="{}?organisation={}">{}</a>',
            ((reverse(name), organisation.pk, label) for name, label in links),
        )

    def has_add_permission(self, request, *args):
        return access.is_operator(request.user)

    def has_delete_permission(self, request, obj=None):
        return access.is_operator(request.user)


@admin.register(Division)
class DivisionAdmin(ScopedAdmin):
    rule = staticmethod(access.administers)
    list_display = ["name", "short_name", "organisation", "order"]
    list_filter = [organisation_filter("organisation")]
    list_select_related = ["organisation"]
    search_fields = ["name", "short_name"]
    ordering = ["organisation_id", "order", "id"]


@admin.register(Membership)
class MembershipAdmin(WriterAdmin, ScopedAdmin):
    rule = staticmethod(access.administers)
    form = MembershipForm
    change_list_template = "admin/organisations/membership_change_list.html"
    list_display = ["display_name", "user", "role", "position_title", "organisation"]
    list_filter = [organisation_filter("organisation"), "role"]
    list_select_related = ["organisation", "user"]
    search_fields = ["display_name", "user__username"]
    ordering = ["organisation_id", "role", "display_name", "id"]
    filter_horizontal = ["divisions"]
    fields = [
        "organisation",
        "username",
        "password",
        "email",
        "role",
        "display_name",
        "position_title",
        "divisions",
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"by": request.user})

    def changelist_view(self, request, extra_context=None):
        """The site admin's own page to add a person (เพิ่มบุคลากร), above the list."""
        organisations = access.member_organisations(request.user, access.administers)
        extra_context = {**(extra_context or {}), "add_person_organisations": organisations}
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        self._divisions = form.cleaned_data.get("divisions") or []
        membership_save(
            membership=obj,
            username=form.cleaned_data["username"],
            password=form.cleaned_data.get("password", ""),
            email=form.cleaned_data.get("email", ""),
            divisions=self._divisions,
            by=request.user,
        )

    def save_related(self, request, form, formsets, change):
        pass  # the divisions were set with the membership


@admin.register(ReviewChainStep)
class ReviewChainStepAdmin(ScopedAdmin):
    rule = staticmethod(access.administers)
    list_display = ["organisation", "order", "role", "kind"]
    list_filter = [organisation_filter("organisation")]
    ordering = ["organisation_id", "order"]
    list_select_related = ["organisation"]


@admin.register(SignatureImage)
class SignatureImageAdmin(WriterAdmin, ListedOnly, ReadOnlyHistoryAdmin):
    """Signature images are set by their owners on their own page; here a site admin of one of
    the person's organisations (or an operator) may only see that there is one and remove it."""

    list_display = ["user", "width", "height", "updated_at"]
    fields = ["user", "width", "height", "sha256", "updated_at"]
    readonly_fields = fields
    list_select_related = ["user"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = scoped_organisation_ids(request, access.administers)
        if ids is None:
            return queryset
        return queryset.filter(user__memberships__organisation__in=ids).distinct()

    def has_module_permission(self, request):
        return scoped_organisation_ids(request, access.administers) != set()

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or access.can_remove_signature_image(request.user, obj.user)
        )

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def delete_model(self, request, obj):
        signature_image_remove(user=obj.user, by=request.user)
