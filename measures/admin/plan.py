"""The plan in the admin: fiscal years, measures with their steps and progress, the table import."""

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from assessments.models import Indicator
from organisations.access import manages
from organisations.admin_base import (
    ReadOnlyHistoryAdmin,
    ScopedAdmin,
    ScopedInline,
    WriterAdmin,
    count_of,
    scope_queryset,
)
from organisations.admin_filters import division_filter, organisation_filter
from thai.digits import thai_digits
from thai.fiscal import Period

from .. import period_lock
from ..forms import ResultsPeriodField
from ..models import FiscalYear, Measure, MeasureStep, ProgressEntry
from ..plan_files import PlanCSV, PlanDOCX, PlanFileError, PlanXLSX
from ..plans import import_outcome
from ..resources import MeasureExportResource, MeasureTableResource
from ..services.plan import (
    indicators_refusal,
    measure_delete,
    measure_save,
    measure_set_divisions,
    measure_set_indicators,
    measure_set_steps,
)
from .filters import year_filter
from .progress import ProgressInline, save_progress_forms


@admin.register(FiscalYear)
class FiscalYearAdmin(ScopedAdmin):
    list_display = ["year_be", "organisation", "measure_count"]
    list_filter = [organisation_filter("organisation"), year_filter("year")]
    list_select_related = ["organisation"]
    ordering = ["organisation_id", "-year"]

    def get_queryset(self, request):
        # A count per row shown (a correlated subquery), not a grouping of every plan.
        return (
            super().get_queryset(request).annotate(measure_total=count_of(Measure, "fiscal_year"))
        )

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
        # Positions only order the steps; saving renumbers them 1..n (save_steps), so two equal
        # numbers or a gap are not errors here.
        formset.validate_unique = lambda self: None
        return formset


def save_steps(request, measure, formset):
    kept = [
        (step_form.cleaned_data.get("position") or 0, index, step_form.cleaned_data["text"])
        for index, step_form in enumerate(formset.forms)
        if step_form.cleaned_data.get("text") and not step_form.cleaned_data.get("DELETE")
    ]
    measure_set_steps(measure=measure, texts=[text for _, _, text in sorted(kept)], by=request.user)


class IndicatorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, indicator):
        return f"ITA {thai_digits(indicator.assessment_year.year)} – {indicator}"


class MeasureForm(forms.ModelForm):
    indicators = IndicatorChoices(
        label="ตัวชี้วัด ITA ที่ตอบ",
        queryset=Indicator.objects.select_related("assessment_year").order_by(
            "-assessment_year__year", "order", "code"
        ),
        required=False,
        widget=admin.widgets.FilteredSelectMultiple("ตัวชี้วัด", is_stacked=False),
        help_text="ตัวชี้วัดของการประเมิน ITA ปีก่อนปีงบประมาณของแผน (ผลที่นำมาวิเคราะห์)",
    )

    class Meta:
        model = Measure
        fields = [
            "fiscal_year", "number", "label", "title", "all_divisions", "divisions", "indicators",
        ]  # fmt: skip
        widgets = {"title": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def clean(self):
        cleaned = super().clean()
        fiscal_year = cleaned.get("fiscal_year")
        if fiscal_year and (
            reason := indicators_refusal(fiscal_year, cleaned.get("indicators") or [])
        ):
            self.add_error("indicators", reason)
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
    title = f"สถานะ ({Period.FIRST_HALF.label})"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return ProgressEntry.Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Exists(
                    ProgressEntry.objects.filter(
                        measure=OuterRef("pk"), period=1, status=self.value()
                    )
                )
            )
        return queryset


class PlanImportForm(ImportForm):
    """import-export's form, plus where the table goes: the plan and the period of its results."""

    fiscal_year = forms.ModelChoiceField(label="แผนปีงบประมาณ", queryset=FiscalYear.objects.none())
    period = ResultsPeriodField()

    def __init__(self, formats, resources, fiscal_years=None, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["fiscal_year"].queryset = fiscal_years or FiscalYear.objects.none()

    def clean(self):
        cleaned = super().clean()
        fiscal_year, period = cleaned.get("fiscal_year"), cleaned.get("period")
        reason = fiscal_year and period and period_lock.closed_reason(fiscal_year, period)
        if reason:
            self.add_error("period", reason)
        return cleaned


class PlanConfirmImportForm(ConfirmImportForm):
    fiscal_year = forms.ModelChoiceField(
        queryset=FiscalYear.objects.all(), widget=forms.HiddenInput
    )
    period = ResultsPeriodField(widget=forms.HiddenInput)


@admin.register(Measure)
class MeasureAdmin(WriterAdmin, ImportExportMixin, ScopedAdmin, ReadOnlyHistoryAdmin):
    form = MeasureForm
    import_formats = [PlanXLSX, PlanCSV, PlanDOCX]
    import_template_name = "admin/measures/measure/import.html"
    import_form_class = PlanImportForm
    confirm_form_class = PlanConfirmImportForm
    list_display = ["number_th", "short_title", "responsible", "step_count", "fiscal_year"]
    list_display_links = ["number_th", "short_title"]
    list_filter = [
        organisation_filter("fiscal_year__organisation"),
        year_filter("fiscal_year__year"),
        division_filter("divisions"),
        "all_divisions",
        StatusFilter,
    ]
    list_select_related = ["fiscal_year__organisation"]
    # Searched in the title, the steps and the results (see get_search_results).
    search_fields = ["title"]
    search_help_text = "ค้นหาในชื่อมาตรการ ขั้นตอน และผลการดำเนินการ"
    filter_horizontal = ["divisions"]
    inlines = [StepInline, ProgressInline]
    ordering = ["fiscal_year_id", "number"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("divisions")
            .annotate(step_total=count_of(MeasureStep, "measure"))
        )

    def search_matches(self, request, queryset, search_term):
        """Each word in the title, a step or a result: an EXISTS per table, which the trigram
        indexes answer (measures/migrations), instead of joining every step and result."""
        for word in search_term.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Exists(MeasureStep.objects.filter(measure=OuterRef("pk"), text__icontains=word))
                | Exists(
                    ProgressEntry.objects.filter(measure=OuterRef("pk"), result__icontains=word)
                )
            )
        return queryset, False

    @admin.display(description="ข้อ", ordering="number")
    def number_th(self, measure):
        return thai_digits(measure.item_label)

    @admin.display(description="มาตรการ", ordering="title")
    def short_title(self, measure):
        return measure.title if len(measure.title) <= 90 else measure.title[:90] + "…"

    @admin.display(description="ผู้รับผิดชอบ")
    def responsible(self, measure):
        return measure.responsible_label

    @admin.display(description="จำนวนขั้นตอน", ordering="step_total")
    def step_count(self, measure):
        return thai_digits(measure.step_total)

    # Writes, through the plan's and the progress's writers.

    def save_model(self, request, obj, form, change):
        measure_save(measure=obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        measure_set_divisions(
            measure=form.instance,
            divisions=form.cleaned_data.get("divisions") or [],
            all_divisions=form.cleaned_data.get("all_divisions", False),
            by=request.user,
        )
        measure_set_indicators(
            measure=form.instance,
            indicators=form.cleaned_data.get("indicators") or [],
            by=request.user,
        )
        for formset in formsets:
            if formset.model is MeasureStep:
                save_steps(request, form.instance, formset)
            else:
                save_progress_forms(request, formset.forms, measure=form.instance)
            # What the admin's change message reads after a formset is saved.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request, obj):
        measure_delete(measure=obj, by=request.user)

    # The measure table import.

    def import_action(self, request, **kwargs):
        """import-export's page, with the plan page's preview of what each row writes."""
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("result") is not None:
            outcome = import_outcome(context["result"])
            form = context.get("form")
            outcome.period = getattr(form, "cleaned_data", {}).get("period")
            context["outcome"] = outcome
            context["items"] = [{"row": row} for row in outcome.rows]
        return response

    def get_import_resource_classes(self, request):
        return [MeasureTableResource]

    def get_export_resource_classes(self, request):
        return [MeasureExportResource]

    def get_import_form_kwargs(self, request):
        kwargs = super().get_import_form_kwargs(request)
        plans = scope_queryset(FiscalYear.objects.select_related("organisation"), request, manages)
        return {**kwargs, "fiscal_years": plans}

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        cleaned = getattr(form, "cleaned_data", None) or {}
        # Without a valid form (the page before a file is chosen) the resource only names its
        # columns.
        return {
            "fiscal_year": cleaned.get("fiscal_year"),
            "period": cleaned.get("period"),
            "by": request.user,
        }

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
