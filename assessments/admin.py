"""The admin of the ITA assessment. Years, their items, indicators and levels are the
deployment's, kept by its operator for every organisation (a new year is typed once); items and
years not confirmed from the assessment's own manual show so in the lists. Results are listed
here, scoped to one's organisations, with their history; they are written on the results page
or by the import (assessments/services.py)."""

from django.contrib import admin
from django.db.models import Count, Q

from organisations.admin_base import ListedOnly, OperatorOnly, ReadOnlyHistoryAdmin, ScopedAdmin
from organisations.admin_filters import organisation_filter
from thai.digits import thai_digits
from thai.fiscal import Period

from .models import (
    AssessmentItem,
    AssessmentResult,
    AssessmentYear,
    Indicator,
    IndicatorScore,
    ResultLevel,
)


class AssessmentItemInline(OperatorOnly, admin.StackedInline):
    model = AssessmentItem
    extra = 1
    fields = [
        ("order", "code", "document_kind"),
        "name",
        ("fiscal_year_offset", "period", "due_date"),
        ("is_confirmed", "note"),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("name", "note"):
            field.widget.attrs["class"] = "vLargeTextField"
        if db_field.name == "period":
            field.choices = [("", "รอบใดก็ได้"), *Period.choices]
        return field


class IndicatorInline(OperatorOnly, admin.TabularInline):
    model = Indicator
    extra = 1
    fields = ["order", "code", "name", "group"]


class ResultLevelInline(OperatorOnly, admin.TabularInline):
    model = ResultLevel
    extra = 1
    fields = ["order", "label", "min_score", "description"]


@admin.register(AssessmentYear)
class AssessmentYearAdmin(OperatorOnly, ReadOnlyHistoryAdmin):
    """Each year's items with the rule of what answers them, its indicators and levels."""

    list_display = ["year", "name", "pass_mark", "indicator_count", "unconfirmed", "note"]
    fields = ["year", "name", "pass_mark", "note"]
    inlines = [AssessmentItemInline, IndicatorInline, ResultLevelInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                unconfirmed_items=Count(
                    "items", filter=Q(items__is_confirmed=False), distinct=True
                ),
                indicator_total=Count("indicators", distinct=True),
            )
        )

    @admin.display(description="ตัวชี้วัด")
    def indicator_count(self, year):
        return thai_digits(year.indicator_total) if year.indicator_total else "ยังไม่ได้บันทึก"

    @admin.display(description="ข้อที่ยังไม่ยืนยัน")
    def unconfirmed(self, year):
        count = year.unconfirmed_items
        return f"⚠ {thai_digits(count)} ข้อ" if count else "—"


class IndicatorScoreInline(ListedOnly, admin.TabularInline):
    model = IndicatorScore
    extra = 0
    fields = ["indicator", "score"]
    readonly_fields = fields


@admin.register(AssessmentResult)
class AssessmentResultAdmin(ListedOnly, ScopedAdmin, ReadOnlyHistoryAdmin):
    """Listed and exported here; typed or imported on the results page (ผลการประเมิน ITA)."""

    list_display = ["organisation", "assessment_year", "total_score", "level", "updated_at"]
    list_filter = [organisation_filter("organisation"), "assessment_year"]
    list_select_related = ["organisation", "assessment_year"]
    ordering = ["-assessment_year__year", "organisation__name"]
    search_fields = ["organisation__name", "organisation__short_name"]
    fields = ["organisation", "assessment_year", "total_score", "level", "updated_at", "updated_by"]
    readonly_fields = fields
    inlines = [IndicatorScoreInline]
