from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm
from simple_history.admin import SimpleHistoryAdmin

from thai.digits import thai_digits

from . import permissions
from .forms import ResultsPeriodField
from .models import (
    Division,
    Evidence,
    FiscalYear,
    Measure,
    MeasureStep,
    Membership,
    Organisation,
    ProgressEntry,
)
from .plan_files import PlanCSV, PlanFileError, PlanXLSX, SafeCSV, SafeXLSX
from .resources import MeasureExportResource, MeasureTableResource
from .services import measure_set_steps


class ScopedAdmin(ExportMixin, admin.ModelAdmin):
    """The admin of one organisation's data: superusers see everything, the others only the
    organisations where the permission rule `rule` lets them in. Every list exports its rows
    (machine-friendly, one column per field) as CSV with a BOM, Excel or JSON."""

    export_formats = [SafeCSV, SafeXLSX, base_formats.JSON]
    to_encoding = "utf-8-sig"

    organisation_path = "organisation"
    rule = staticmethod(permissions.manages)

    def organisations(self, request):
        return permissions.organisations(request.user, self.rule)

    def organisation_of(self, obj):
        for part in self.organisation_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def allowed(self, request, obj=None):
        if request.user.is_superuser:
            return True
        organisations = self.organisations(request)
        if obj is None:
            return bool(organisations)
        return self.organisation_of(obj) in organisations

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.organisation_path}__in": self.organisations(request)})

    def has_module_permission(self, request):
        return self.allowed(request)

    def has_view_permission(self, request, obj=None):
        return self.allowed(request, obj)

    def has_add_permission(self, request, *args):
        return self.allowed(request)

    def has_change_permission(self, request, obj=None):
        return self.allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.allowed(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scoped_choices(self, db_field, request, field)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scoped_choices(self, db_field, request, field)


def _scoped_choices(model_admin, db_field, request, field):
    """Choices of organisations, plans and divisions only from the person's organisations."""
    if field is None or request.user.is_superuser:
        return field
    organisations = ScopedAdmin.organisations(model_admin, request)
    paths = {
        Organisation: "pk__in",
        FiscalYear: "organisation__in",
        Division: "organisation__in",
        Measure: "fiscal_year__organisation__in",
        ProgressEntry: "measure__fiscal_year__organisation__in",
    }
    path = paths.get(db_field.related_model)
    if path:
        field.queryset = field.queryset.filter(**{path: organisations})
    return field


class ScopedInline:
    """Inlines follow their parent admin's scope."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(self._organisations(request))

    def has_add_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def _organisations(self, request):
        return permissions.organisations(request.user, permissions.manages)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None or request.user.is_superuser:
            return field
        if db_field.related_model is Division:
            field.queryset = field.queryset.filter(organisation__in=self._organisations(request))
        return field


class DivisionInline(ScopedInline, admin.TabularInline):
    model = Division
    extra = 0
    fields = ["order", "name", "short_name"]


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    organisation_path = "pk"
    rule = staticmethod(permissions.administers)
    list_display = ["name", "short_name", "district", "province", "phone"]
    search_fields = ["name", "short_name", "district", "province"]
    inlines = [DivisionInline]

    def organisation_of(self, obj):
        return obj

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=[o.pk for o in self.organisations(request)])

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Division)
class DivisionAdmin(ScopedAdmin):
    rule = staticmethod(permissions.administers)
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
    rule = staticmethod(permissions.administers)
    form = MembershipForm
    list_display = ["display_name", "user", "role", "position_title", "organisation"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter), "role"]
    list_select_related = ["organisation", "user"]
    search_fields = ["display_name", "position_title", "user__username"]
    filter_horizontal = ["divisions"]


@admin.register(FiscalYear)
class FiscalYearAdmin(ScopedAdmin):
    list_display = ["year_be", "organisation", "measure_count"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_total=Count("measures"))

    @admin.display(description="ปีงบประมาณ", ordering="year")
    def year_be(self, fiscal_year):
        return f"พ.ศ. {thai_digits(fiscal_year.year)}"

    @admin.display(description="จำนวนมาตรการ", ordering="measure_total")
    def measure_count(self, fiscal_year):
        return thai_digits(fiscal_year.measure_total)


class StepInline(ScopedInline, admin.TabularInline):
    model = MeasureStep
    extra = 1
    fields = ["position", "text"]
    ordering = ["position"]
    formfield_overrides = {
        MeasureStep._meta.get_field("text").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 80})
        }
    }

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Positions only order the steps; saving renumbers them 1..n (MeasureAdmin.save_formset),
        # so two equal numbers or a gap are not errors here.
        formset.validate_unique = lambda self: None
        return formset


class ProgressInline(ScopedInline, admin.StackedInline):
    model = ProgressEntry
    extra = 0
    fields = ["period", "status", "result", "follow_up"]

    def has_change_permission(self, request, obj=None):
        # Progress of a submitted period is changed nowhere; the staff pages and services refuse
        # it too. `obj` is the measure here: lock the inline once any period is submitted.
        if obj is not None and not all(
            permissions.progress_is_open(obj.fiscal_year, period) for period in (1, 2)
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["fiscal_year", "number", "title", "all_divisions", "divisions"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def clean(self):
        cleaned = super().clean()
        fiscal_year = cleaned.get("fiscal_year")
        divisions = cleaned.get("divisions") or []
        if fiscal_year:
            foreign = [d for d in divisions if d.organisation_id != fiscal_year.organisation_id]
            if foreign:
                self.add_error(
                    "divisions",
                    f"ส่วนราชการต่อไปนี้ไม่ได้อยู่ใน {fiscal_year.organisation}: "
                    f"{', '.join(map(str, foreign))}",
                )
        if cleaned.get("all_divisions") and divisions:
            self.add_error("divisions", "เลือก “ทุกกอง” แล้ว ไม่ต้องเลือกส่วนราชการรายกอง")
        if not cleaned.get("all_divisions") and not divisions and not self.errors:
            self.add_error("divisions", "กรุณาเลือกส่วนราชการผู้รับผิดชอบ หรือเลือก “ทุกกอง”")
        return cleaned


class StatusFilter(admin.SimpleListFilter):
    title = "สถานะ (รอบ ๖ เดือน)"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return ProgressEntry.Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                progress_entries__period=1, progress_entries__status=self.value()
            ).distinct()
        return queryset


class PlanImportForm(ImportForm):
    """import-export's form, plus where the table goes: the plan and the period of its results."""

    fiscal_year = forms.ModelChoiceField(label="แผนปีงบประมาณ", queryset=FiscalYear.objects.none())
    period = ResultsPeriodField()

    def __init__(self, formats, resources, fiscal_years=None, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["fiscal_year"].queryset = fiscal_years or FiscalYear.objects.none()


class PlanConfirmImportForm(ConfirmImportForm):
    fiscal_year = forms.ModelChoiceField(
        queryset=FiscalYear.objects.all(), widget=forms.HiddenInput
    )
    period = ResultsPeriodField(widget=forms.HiddenInput)


@admin.register(Measure)
class MeasureAdmin(ImportExportMixin, ScopedAdmin, SimpleHistoryAdmin):
    organisation_path = "fiscal_year__organisation"
    form = MeasureForm
    import_formats = [PlanXLSX, PlanCSV]
    import_form_class = PlanImportForm
    confirm_form_class = PlanConfirmImportForm

    def get_import_resource_classes(self, request):
        return [MeasureTableResource]

    def get_export_resource_classes(self, request):
        return [MeasureExportResource]

    def get_import_form_kwargs(self, request):
        kwargs = super().get_import_form_kwargs(request)
        plans = FiscalYear.objects.select_related("organisation")
        if not request.user.is_superuser:
            plans = plans.filter(organisation__in=self.organisations(request))
        return {**kwargs, "fiscal_years": plans}

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        fiscal_year = form.cleaned_data["fiscal_year"]
        if not permissions.can_import_plan(request.user, fiscal_year.organisation):
            raise PermissionDenied("ไม่มีสิทธิ์นำเข้าแผนของหน่วยงานนี้")
        return {"fiscal_year": fiscal_year, "period": form.cleaned_data["period"]}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["fiscal_year"] = import_form.cleaned_data["fiscal_year"].pk
            initial["period"] = import_form.cleaned_data["period"] or ""
        return initial

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, PlanFileError):
            form.add_error("import_file", str(error))
        else:
            super().add_data_read_fail_error_to_form(form, error)

    list_display = ["number_th", "short_title", "responsible", "step_count", "fiscal_year"]
    list_display_links = ["number_th", "short_title"]
    list_filter = [
        ("fiscal_year__organisation", admin.RelatedOnlyFieldListFilter),
        "fiscal_year__year",
        ("divisions", admin.RelatedOnlyFieldListFilter),
        "all_divisions",
        StatusFilter,
    ]
    list_select_related = ["fiscal_year__organisation"]
    search_fields = ["title", "steps__text", "progress_entries__result"]
    filter_horizontal = ["divisions"]
    inlines = [StepInline, ProgressInline]
    ordering = ["fiscal_year__organisation__name", "-fiscal_year__year", "number"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("divisions")
            .annotate(step_total=Count("steps", distinct=True))
        )

    @admin.display(description="ข้อ", ordering="number")
    def number_th(self, measure):
        return thai_digits(measure.number)

    @admin.display(description="มาตรการ", ordering="title")
    def short_title(self, measure):
        return measure.title if len(measure.title) <= 90 else measure.title[:90] + "…"

    @admin.display(description="ผู้รับผิดชอบ")
    def responsible(self, measure):
        return measure.responsible_label

    @admin.display(description="จำนวนขั้นตอน", ordering="step_total")
    def step_count(self, measure):
        return thai_digits(measure.step_total)

    def save_formset(self, request, form, formset, change):
        if formset.model is not MeasureStep:
            return super().save_formset(request, form, formset, change)
        kept = [
            (step_form.cleaned_data.get("position") or 0, index, step_form.cleaned_data["text"])
            for index, step_form in enumerate(formset.forms)
            if step_form.cleaned_data.get("text") and not step_form.cleaned_data.get("DELETE")
        ]
        measure_set_steps(measure=form.instance, texts=[text for _, _, text in sorted(kept)])
        # What the admin's change message reads after a formset is saved.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class EvidenceInline(ScopedInline, admin.TabularInline):
    model = Evidence
    extra = 0
    formfield_overrides = {Evidence._meta.get_field("url").__class__: {"assume_scheme": "https"}}
    fields = ["description", "file", "url", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]


class ProgressEntryForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        measure, period = cleaned.get("measure"), cleaned.get("period")
        if measure and period and not permissions.progress_is_open(measure.fiscal_year, period):
            raise forms.ValidationError("รายงานรอบนี้เสนอผู้บังคับบัญชาแล้ว แก้ไขผลการดำเนินการไม่ได้")
        return cleaned


@admin.register(ProgressEntry)
class ProgressEntryAdmin(ScopedAdmin, SimpleHistoryAdmin):
    organisation_path = "measure__fiscal_year__organisation"
    form = ProgressEntryForm
    list_display = [
        "measure_number", "measure_title", "period", "status", "updated_by", "updated_at",
    ]  # fmt: skip
    list_filter = [
        ("measure__fiscal_year__organisation", admin.RelatedOnlyFieldListFilter),
        "measure__fiscal_year__year",
        "period",
        "status",
        ("measure__divisions", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["measure__fiscal_year__organisation", "updated_by"]
    search_fields = ["measure__title", "result", "follow_up"]
    readonly_fields = ["updated_by", "updated_at"]
    fields = ["measure", "period", "status", "result", "follow_up", "updated_by", "updated_at"]
    inlines = [EvidenceInline]

    @admin.display(description="ข้อ", ordering="measure__number")
    def measure_number(self, entry):
        return thai_digits(entry.measure.number)

    @admin.display(description="มาตรการ")
    def measure_title(self, entry):
        title = entry.measure.title
        return title if len(title) <= 70 else title[:70] + "…"

    def has_change_permission(self, request, obj=None):
        if obj is not None and not permissions.progress_is_open(
            obj.measure.fiscal_year, obj.period
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        obj.version += 1
        super().save_model(request, obj, form, change)
