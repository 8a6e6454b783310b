"""The analysis's own pages: a new draft from last year's results, what the analyst writes of
each indicator, and the measures that answer it (a new one from a weakness, or which of the
plan's answer it), written by reports/analysis.py and the plan's writer."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from assessments.models import Indicator
from measures.services.plan import indicator_set_measures, measure_add
from organisations import access
from organisations.lookups import visible_or_404
from organisations.models import Organisation
from organisations.refusals import Refusal, show_refusal
from thai.digits import thai_digits

from ..analysis import analysis_create, analysis_rows_save
from ..analysis_forms import AnalysisRowsForm, AnswersForm, MeasureFromWeaknessForm
from ..analysis_page import answers_prefix, measure_prefix
from ..document import plan_table
from .pages import _detail_context, report_for


class NewAnalysisForm(forms.Form):
    organisation = forms.IntegerField()
    year = forms.IntegerField(min_value=2500, max_value=2800)


@login_required
@require_POST
def analysis_new(request):
    """A draft analysis of a fiscal year, from the organisation's results of the year before."""
    form = NewAnalysisForm(request.POST)
    if not form.is_valid():
        raise Http404("ไม่พบหน่วยงาน")
    organisation = visible_or_404(
        Organisation.objects, request.user, access.is_member, pk=form.cleaned_data["organisation"]
    )
    year = form.cleaned_data["year"]
    existing = organisation.fiscal_years.filter(year=year).first()
    found = existing and existing.reports.filter(kind="analysis").order_by("-revision").first()
    if found:
        messages.info(request, f"มี{found}อยู่แล้ว")
        return redirect("reports:detail", pk=found.pk)
    try:
        report = analysis_create(organisation=organisation, year=year, author=request.user)
    except Refusal as refusal:
        show_refusal(request, refusal)
        back = request.POST.get("back", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("reports:list")
        return redirect(back)
    messages.success(
        request,
        f"สร้างร่างการวิเคราะห์ผลการประเมิน ITA ปีงบประมาณ {thai_digits(year)} แล้ว "
        "เขียนจุดอ่อนและแนวทางของแต่ละตัวชี้วัด สร้างมาตรการจากจุดอ่อน แล้วเสนอได้",
    )
    return redirect("reports:detail", pk=report.pk)


def _analysis_for(request, pk):
    report = report_for(request, pk)
    if not report.is_analysis:
        raise Http404("ไม่พบการวิเคราะห์")
    return report


def _again(request, report, **analysis_forms):
    """The page again with the form the person sent, its errors beside their text."""
    context = _detail_context(request, report, analysis_forms=analysis_forms)
    return render(request, "reports/detail.html", context)


@login_required
@require_POST
def analysis_rows(request, pk):
    report = _analysis_for(request, pk)
    rows = report.snapshot["table"]["rows"] if report.is_frozen else plan_table(report)["rows"]
    form = AnalysisRowsForm(request.POST, rows=rows)
    if not form.is_valid():
        messages.error(request, "ยังไม่ได้บันทึกการวิเคราะห์: กรุณาแก้ไขข้อความที่ยาวเกิน")
        return _again(request, report, rows_form=form)
    try:
        changed = analysis_rows_save(report=report, by=request.user, texts=form.texts())
    except Refusal as refusal:
        show_refusal(request, refusal)
    else:
        messages.success(request, f"บันทึกการวิเคราะห์แล้ว ({thai_digits(changed)} ตัวชี้วัดที่แก้ไข)")
    return redirect(reverse("reports:detail", args=[report.pk]) + "#analysis")


def _indicator(request, report) -> Indicator:
    """The indicator a form names: one of the analysis's rows."""
    try:
        pk = int(request.POST.get("indicator", ""))
    except ValueError:
        raise Http404("ไม่พบตัวชี้วัด") from None
    found = report.analysis_rows.filter(indicator_id=pk).select_related("indicator").first()
    if found is None:
        raise Http404("ไม่พบตัวชี้วัด")
    return found.indicator


@login_required
@require_POST
def analysis_measure(request, pk):
    """A new measure of the plan from a weakness, answering its indicator."""
    report = _analysis_for(request, pk)
    indicator = _indicator(request, report)
    divisions = list(report.organisation.divisions.order_by("order", "name"))
    prefix = measure_prefix(indicator.pk)
    form = MeasureFromWeaknessForm(request.POST, divisions=divisions, prefix=prefix)
    if not form.is_valid():
        messages.error(request, f"ยังไม่ได้สร้างมาตรการ: กรุณาแก้ไขข้อมูลของ{indicator}")
        return _again(request, report, bound={prefix: form})
    data = form.cleaned_data
    try:
        measure = measure_add(
            fiscal_year=report.fiscal_year, title=data["title"].strip(), steps=data["steps"],
            divisions=form.chosen_divisions(), all_divisions=data["all_divisions"],
            indicators=[indicator], by=request.user,
        )  # fmt: skip
    except Refusal as refusal:
        show_refusal(request, refusal, form)
        return _again(request, report, bound={prefix: form})
    messages.success(
        request,
        f"เพิ่มมาตรการข้อ {thai_digits(measure.item_label)} ในแผนปีงบประมาณ "
        f"{thai_digits(report.fiscal_year.year)} แล้ว ตอบ{indicator}",
    )
    return redirect(reverse("reports:detail", args=[report.pk]) + f"#row-{indicator.pk}")


@login_required
@require_POST
def analysis_answers(request, pk):
    """Which measures of the plan answer an indicator."""
    report = _analysis_for(request, pk)
    indicator = _indicator(request, report)
    measures = list(report.fiscal_year.measures.order_by("number"))
    prefix = answers_prefix(indicator.pk)
    form = AnswersForm(request.POST, measures=measures, prefix=prefix)
    if not form.is_valid():
        messages.error(request, "ยังไม่ได้บันทึก: มาตรการที่เลือกไม่ได้อยู่ในแผนแล้ว กรุณาโหลดหน้าใหม่")
        return _again(request, report, bound={prefix: form})
    chosen = [m for m in measures if m.pk in set(form.cleaned_data["measures"])]
    try:
        indicator_set_measures(
            fiscal_year=report.fiscal_year, indicator=indicator, measures=chosen, by=request.user
        )
    except Refusal as refusal:
        show_refusal(request, refusal)
    else:
        messages.success(request, f"บันทึกมาตรการที่ตอบ{indicator}แล้ว")
    return redirect(reverse("reports:detail", args=[report.pk]) + f"#row-{indicator.pk}")
