"""The admin of where organisations are and who oversees them: provinces and districts (data
loaded from geothai, read here), the filter of organisations whose area is not set yet, and the
supervisors of an area, granted and revoked by the deployment's operator alone through
organisations/supervision.py."""

from django import forms
from django.contrib import admin

from . import access
from .admin_base import WriterAdmin
from .areas import District, Province, Supervision
from .supervision import supervision_grant, supervision_revoke


class OperatorReadOnly:
    """Rows the operator reads (and picks from) in the admin; nobody changes them here."""

    def has_module_permission(self, request):
        return access.is_operator(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_operator(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        # Provinces and districts are keyed by their code (text): no code holds a NUL, which
        # PostgreSQL would refuse to even compare with (a server error, not "not found").
        if "\x00" in object_id:
            return None
        return super().get_object(request, object_id, from_field)


@admin.register(Province)
class ProvinceAdmin(OperatorReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["name", "name_en", "code"]


@admin.register(District)
class DistrictAdmin(OperatorReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "province", "name_en"]
    list_filter = ["province"]
    list_select_related = ["province"]
    search_fields = ["name", "name_en", "code", "province__name"]
    ordering = ["code"]


class AreaUnsetFilter(admin.SimpleListFilter):
    title = "ที่ตั้ง"
    parameter_name = "area"

    def lookups(self, request, model_admin):
        return [("unset", "ยังไม่ระบุอำเภอ")]

    def queryset(self, request, queryset):
        return queryset.filter(district__isnull=True) if self.value() == "unset" else queryset


class SupervisionForm(forms.ModelForm):
    """The supervisor is named by username: an existing account, or a new one who sets their
    password from a link (`manage.py grant_supervisor` prints it)."""

    username = forms.RegexField(
        label="ชื่อผู้ใช้ (สำหรับเข้าสู่ระบบ)",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . @ + - _"},
    )
    email = forms.EmailField(label="อีเมล (เฉพาะผู้ใช้ใหม่)", required=False)

    class Meta:
        model = Supervision
        fields = ["level", "province", "district", "display_name", "position_title"]


@admin.register(Supervision)
class SupervisionAdmin(WriterAdmin, admin.ModelAdmin):
    form = SupervisionForm
    list_display = ["display_name", "user", "position_title", "level", "province", "district"]
    list_filter = ["level", "province"]
    list_select_related = ["user", "province", "district__province"]
    search_fields = ["display_name", "user__username"]
    autocomplete_fields = ["district"]
    readonly_fields = ["granted_at", "granted_by"]

    def has_module_permission(self, request):
        return access.is_operator(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_operator(request.user)

    def has_add_permission(self, request):
        return access.is_operator(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # revoke and grant again

    def has_delete_permission(self, request, obj=None):
        return access.is_operator(request.user)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                "username",
                "email",
                "level",
                "province",
                "district",
                "display_name",
                "position_title",
            ]
        return ["user", *SupervisionForm.Meta.fields, "granted_at", "granted_by"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = supervision_grant(
            by=request.user,
            username=data["username"],
            level=data["level"],
            province=data.get("province"),
            district=data.get("district"),
            display_name=data["display_name"],
            position_title=data["position_title"],
            email=data.get("email", ""),
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        supervision_revoke(by=request.user, supervision=obj)
