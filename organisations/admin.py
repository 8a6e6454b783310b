from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.urls import reverse
from django.utils.html import format_html_join

from . import access
from .admin_base import (
    ReadOnlyHistoryAdmin,
    ScopedAdmin,
    ScopedInline,
    WriterAdmin,
    scoped_organisation_ids,
)
from .admin_filters import organisation_filter
from .models import Division, Membership, Organisation, ReviewChainStep, SignatureImage
from .services import membership_save, signature_image_remove


class DivisionInline(ScopedInline, admin.TabularInline):
    model = Division
    rule = staticmethod(access.administers)
    extra = 0
    fields = ["order", "name", "short_name"]


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    rule = staticmethod(access.administers)
    list_display = ["name", "short_name", "slug", "district", "province", "records"]
    search_fields = ["name", "short_name", "slug"]
    ordering = ["name"]
    inlines = [DivisionInline]

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
            " · ", '<a href="{}?organisation={}">{}</a>',
            ((reverse(name), organisation.pk, label) for name, label in links),
        )  # fmt: skip

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


class MembershipForm(forms.ModelForm):
    """A person is named by their username: an existing account, or a new one with a first
    password. Nobody picks from a list of every account in the deployment."""

    username = forms.RegexField(
        label="ชื่อผู้ใช้ (สำหรับเข้าสู่ระบบ)",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . @ + - _"},
    )
    password = forms.CharField(
        label="รหัสผ่านเริ่มต้น (เฉพาะผู้ใช้ใหม่)",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="ผู้ใช้ใหม่ควรเปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบครั้งแรก",
    )
    email = forms.EmailField(label="อีเมล (เฉพาะผู้ใช้ใหม่)", required=False)

    class Meta:
        model = Membership
        fields = ["organisation", "role", "display_name", "position_title", "divisions"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["username"].initial = self.instance.user.username
            self.fields["username"].disabled = True

    def clean(self):
        cleaned = super().clean()
        self._check_new_account(cleaned)
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

    def _check_new_account(self, cleaned):
        username, password = cleaned.get("username"), cleaned.get("password")
        User = get_user_model()
        if self.instance.pk or not username or User.objects.filter(username=username).exists():
            return
        if not password:
            self.add_error("password", "ผู้ใช้ใหม่ต้องมีรหัสผ่านเริ่มต้น")
            return
        try:
            validate_password(password, User(username=username, email=cleaned.get("email", "")))
        except forms.ValidationError as error:
            self.add_error("password", error)


@admin.register(Membership)
class MembershipAdmin(WriterAdmin, ScopedAdmin):
    rule = staticmethod(access.administers)
    form = MembershipForm
    list_display = ["display_name", "user", "role", "position_title", "organisation"]
    list_filter = [organisation_filter("organisation"), "role"]
    list_select_related = ["organisation", "user"]
    search_fields = ["display_name", "user__username"]
    ordering = ["organisation_id", "role", "display_name", "id"]
    filter_horizontal = ["divisions"]
    fields = ["organisation", "username", "password", "email", "role", "display_name",
              "position_title", "divisions"]  # fmt: skip

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
class SignatureImageAdmin(WriterAdmin, ReadOnlyHistoryAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def delete_model(self, request, obj):
        signature_image_remove(user=obj.user, by=request.user)
