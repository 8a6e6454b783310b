"""Progress and evidence in the admin, written by their writers.

A form opened before someone else saved the entry is refused with a Thai message and keeps what
was typed (the version check of the staff page); a locked period is shown read-only, and the
writers and the database refuse it anyway."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from organisations.admin_base import ReadOnlyHistoryAdmin, ScopedAdmin, ScopedInline, WriterAdmin
from organisations.admin_filters import division_filter, organisation_filter
from thai.digits import thai_digits

from .. import period_lock
from ..forms import EvidenceFileField
from ..models import Evidence, ProgressEntry
from ..services.evidence import evidence_add_file, evidence_add_link, evidence_remove
from ..services.progress import progress_delete, progress_save
from .division_results import DivisionResultInline, save_division_result_forms
from .filters import year_filter
from .versions import OpenedVersionForm


class ProgressEntryForm(OpenedVersionForm):
    fixed = {"period": "เปลี่ยนรอบของผลการดำเนินการที่บันทึกแล้วไม่ได้"}

    class Meta:
        model = ProgressEntry
        fields = ["measure", "period", "status", "result", "follow_up"]

    def clean(self):
        cleaned = super().clean()
        entry = self.instance
        measure, period = cleaned.get("measure") or _measure(entry), cleaned.get("period")
        if measure and period and self.has_changed():
            reason = period_lock.closed_reason(measure.fiscal_year, period)
            if reason:
                raise forms.ValidationError(reason)
        return cleaned


def _measure(entry):
    return entry.measure if entry.measure_id else None


def save_progress_forms(request, progress_forms, *, measure=None):
    """Write each changed or deleted entry of a form or an inline formset."""
    for form in progress_forms:
        if not form.has_changed() and not form.cleaned_data.get("DELETE"):
            continue
        entry = form.instance
        if form.cleaned_data.get("DELETE"):
            if entry.pk:
                progress_delete(entry=entry, by=request.user)
            continue
        data = form.cleaned_data
        progress_save(
            measure=measure or data.get("measure") or entry.measure,
            period=data.get("period") or entry.period,
            by=request.user,
            version=data.get("opened_version") if entry.pk else None,
            status=data["status"],
            result=data["result"],
            follow_up=data["follow_up"],
        )


class ProgressInline(ScopedInline, admin.StackedInline):
    model = ProgressEntry
    form = ProgressEntryForm
    extra = 0
    fields = ["period", "status", "result", "follow_up", "opened_version"]

    def has_change_permission(self, request, obj=None):
        # `obj` is the measure: shown read-only once any of its periods is locked.
        if obj is not None and obj.fiscal_year.period_locks.exists():
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class EvidenceInline(ScopedInline, admin.TabularInline):
    """Evidence already attached: shown, and removable while the period is open."""

    model = Evidence
    extra = 0
    fields = ["description", "download", "url", "added_by", "added_at"]
    readonly_fields = fields
    verbose_name_plural = "หลักฐานที่แนบแล้ว"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return obj is not None and period_lock.is_open(obj.measure.fiscal_year, obj.period)

    @admin.display(description="ไฟล์")
    def download(self, evidence):
        if not evidence.file:
            return ""
        url = reverse("measures:evidence", args=[evidence.pk])
        return format_html('<a href="{}">{}</a>', url, evidence.original_name or "ดาวน์โหลด")


class EvidenceAddForm(forms.ModelForm):
    """A file or a link: the model's own constraint says which (and refuses both or neither)."""

    file = EvidenceFileField(label="ไฟล์", required=False)
    url = forms.URLField(label="ลิงก์", required=False, max_length=1000, assume_scheme="https")

    class Meta:
        model = Evidence
        fields = ["file", "url", "description"]


class EvidenceAddInline(ScopedInline, admin.TabularInline):
    """New evidence: a file (checked by content) or a link."""

    model = Evidence
    form = EvidenceAddForm
    extra = 1
    verbose_name_plural = "แนบหลักฐานเพิ่ม"

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_add_permission(self, request, obj=None):
        return obj is not None and period_lock.is_open(obj.measure.fiscal_year, obj.period)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressEntry)
class ProgressEntryAdmin(WriterAdmin, ScopedAdmin, ReadOnlyHistoryAdmin):
    form = ProgressEntryForm
    list_display = [
        "measure_number",
        "measure_title",
        "period",
        "status",
        "updated_by",
        "updated_at",
    ]
    list_filter = [
        organisation_filter("measure__fiscal_year__organisation"),
        year_filter("measure__fiscal_year__year"),
        "period",
        "status",
        division_filter("measure__divisions"),
    ]
    list_select_related = ["measure__fiscal_year__organisation", "updated_by"]
    # Searched in the result and the follow-up direction (trigram indexes on PostgreSQL).
    search_fields = ["result", "follow_up"]
    search_help_text = "ค้นหาในผลการดำเนินการและการกำกับติดตาม"
    ordering = ["measure_id", "period"]
    readonly_fields = ["updated_by", "updated_at"]
    fields = [
        "measure",
        "period",
        "status",
        "result",
        "follow_up",
        "opened_version",
        "updated_by",
        "updated_at",
    ]
    inlines = [EvidenceInline, EvidenceAddInline]

    def get_inlines(self, request, obj):
        # A shared measure's entry shows each division's part.
        shared = obj is not None and obj.measure.is_shared
        return [DivisionResultInline, *self.inlines] if shared else self.inlines

    @admin.display(description="ข้อ", ordering="measure__number")
    def measure_number(self, entry):
        return thai_digits(entry.measure.item_label)

    @admin.display(description="มาตรการ")
    def measure_title(self, entry):
        title = entry.measure.title
        return title if len(title) <= 70 else title[:70] + "…"

    def has_change_permission(self, request, obj=None):
        if obj is not None and not period_lock.is_open(obj.measure.fiscal_year, obj.period):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # An entry stays with its measure and period; only what it says changes.
        fixed = ["measure", "period"] if obj is not None else []
        return [*fixed, *super().get_readonly_fields(request, obj)]

    def save_model(self, request, obj, form, change):
        save_progress_forms(request, [form])
        saved = ProgressEntry.objects.get(
            measure=form.cleaned_data.get("measure") or obj.measure,
            period=form.cleaned_data.get("period") or obj.period,
        )
        obj.pk, obj.version = saved.pk, saved.version

    def save_related(self, request, form, formsets, change):
        entry = ProgressEntry.objects.get(pk=form.instance.pk)
        for formset in formsets:
            if formset.model is not Evidence:
                save_division_result_forms(request, entry, formset)
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
                continue
            for evidence_form in formset.forms:
                data = getattr(evidence_form, "cleaned_data", {})
                if data.get("DELETE") and evidence_form.instance.pk:
                    evidence_remove(evidence=evidence_form.instance, by=request.user)
                elif data.get("file"):
                    evidence_add_file(
                        entry=entry,
                        by=request.user,
                        upload=data["file"],
                        description=data.get("description", ""),
                    )
                elif data.get("url"):
                    evidence_add_link(
                        entry=entry,
                        by=request.user,
                        url=data["url"],
                        description=data.get("description", ""),
                    )
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request, obj):
        progress_delete(entry=obj, by=request.user)
