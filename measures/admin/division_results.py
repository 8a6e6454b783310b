"""Each division's part of a shared measure's result, on the progress entry's admin page, written
by the progress writer (which composes the report's cell again from the parts)."""

from django import forms
from django.contrib import admin

from organisations.admin_base import ScopedInline

from .. import period_lock
from ..models import DivisionResult
from ..services.progress import division_result_save
from .versions import OpenedVersionForm


class DivisionResultForm(OpenedVersionForm):
    fixed = {"division": "เปลี่ยนส่วนราชการของผลที่บันทึกแล้วไม่ได้"}

    class Meta:
        model = DivisionResult
        fields = ["division", "status", "result"]
        widgets = {"result": forms.Textarea(attrs={"rows": 3, "cols": 60})}


class DivisionResultInline(ScopedInline, admin.TabularInline):
    model = DivisionResult
    form = DivisionResultForm
    extra = 0
    can_delete = False
    fields = ["division", "status", "result", "opened_version", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]
    verbose_name_plural = "ผลของแต่ละส่วนราชการ (มาตรการที่หลายส่วนราชการรับผิดชอบ)"

    def _open(self, obj) -> bool:
        # `obj` is the progress entry.
        return obj is not None and period_lock.is_open(obj.measure.fiscal_year, obj.period)

    def has_add_permission(self, request, obj=None):
        return self._open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._open(obj) and super().has_change_permission(request, obj)


def save_division_result_forms(request, entry, formset):
    """Write each changed part through the writer."""
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or not form.has_changed():
            continue
        division_result_save(
            measure=entry.measure,
            period=entry.period,
            division=data["division"],
            by=request.user,
            version=data.get("opened_version") if form.instance.pk else None,
            status=data["status"],
            result=data["result"],
        )
