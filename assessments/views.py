"""The ITA results pages: an organisation's results of each assessment year (read by its people,
typed or imported by its analyst and site admin), and the operator's import of many
organisations at once. Imports are previewed first and written only on confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from organisations import access
from organisations.lookups import visible_or_404
from organisations.models import Organisation
from organisations.pending_uploads import ConfirmForm, keep_pending, take_pending
from organisations.refusals import Refusal, show_refusal
from thai.digits import thai_digits

from . import permissions
from .forms import ManyResultsFileForm, ResultForm, ResultsFileForm
from .imports import results_import
from .models import AssessmentResult, AssessmentYear, IndicatorScore
from .rules import analysis_fiscal_year
from .services import ResultValues, results_write

PENDING_KEY = "pending_results_import"


@login_required
def results(request):
    """Each of the person's organisations: its result of every assessment year."""
    organisations = access.member_organisations(request.user, permissions.can_view_results)
    years = list(AssessmentYear.objects.order_by("-year"))
    held = {
        (result.organisation_id, result.assessment_year_id): result
        for result in AssessmentResult.objects.filter(organisation__in=organisations)
    }
    sections = [
        {
            "organisation": organisation,
            "can_edit": permissions.can_edit_results(request.user, organisation),
            "rows": [(year, held.get((organisation.pk, year.pk))) for year in years],
        }
        for organisation in organisations
    ]
    context = {"sections": sections}
    if permissions.can_import_many(request.user):
        context["many_form"] = ManyResultsFileForm()
    return render(request, "assessments/results.html", context)


def _organisation_and_year(request, organisation_pk, year):
    organisations = Organisation.objects.all()
    rule = permissions.can_view_results
    organisation = visible_or_404(organisations, request.user, rule, pk=organisation_pk)
    return organisation, get_object_or_404(AssessmentYear, year=year)


@login_required
@require_http_methods(["GET", "POST"])
def result(request, organisation_pk, year):
    organisation, assessment_year = _organisation_and_year(request, organisation_pk, year)
    can_edit = permissions.can_edit_results(request.user, organisation)
    indicators = list(assessment_year.indicators.order_by("order", "code"))
    levels = list(assessment_year.levels.order_by("order", "-min_score"))
    held = (
        AssessmentResult.objects.filter(organisation=organisation, assessment_year=assessment_year)
        .select_related("updated_by")
        .prefetch_related(Prefetch("scores", IndicatorScore.objects.all()))
        .first()
    )
    labels = [level.label for level in levels]
    form = ResultForm(indicators=indicators, levels=labels, result=held)
    if request.method == "POST":
        if not can_edit:
            raise Http404("ไม่พบหน่วยงาน")
        form = ResultForm(request.POST, indicators=indicators, levels=labels, result=held)
        if form.is_valid():
            values = ResultValues(
                organisation=organisation,
                total_score=form.cleaned_data["total_score"],
                level=form.cleaned_data["level"],
                scores=form.scores(),
            )
            try:
                results_write(assessment_year=assessment_year, values=[values], by=request.user)
            except Refusal as refusal:
                show_refusal(request, refusal)
            else:
                messages.success(request, "บันทึกผลการประเมินแล้ว")
                return redirect("assessments:result", organisation.pk, assessment_year.year)
        else:
            messages.error(request, "กรุณาตรวจสอบข้อมูลที่กรอก")
    scores = {score.indicator_id: score.score for score in held.scores.all()} if held else {}
    fields = dict(form.indicator_fields())
    rows = [
        {
            "indicator": indicator,
            "score": scores.get(indicator.pk),
            "passes": _passes(scores.get(indicator.pk), assessment_year),
            "field": fields[indicator] if can_edit else None,
        }
        for indicator in indicators
    ]
    return render(
        request,
        "assessments/result.html",
        {
            "organisation": organisation,
            "assessment_year": assessment_year,
            "result": held,
            "levels": levels,
            "rows": rows,
            "can_edit": can_edit,
            "can_see_who": permissions.can_see_who_recorded(request.user, organisation),
            # A supervisor came from the organisation's page of the overview, and has no list.
            "supervising": not access.is_member(request.user, organisation),
            "form": form,
            "file_form": ResultsFileForm(),
            "analysis_year": analysis_fiscal_year(assessment_year.year),
        },
    )


def _passes(score, assessment_year) -> bool | None:
    """Whether a score reaches the year's pass mark (None: no score)."""
    return None if score is None else score >= assessment_year.pass_mark


@login_required
@require_POST
def result_import(request, organisation_pk, year):
    """The organisation's results from a table, for one assessment year: the preview."""
    organisation, assessment_year = _organisation_and_year(request, organisation_pk, year)
    if not permissions.can_edit_results(request.user, organisation):
        raise Http404("ไม่พบหน่วยงาน")
    return _preview(
        request, ResultsFileForm(request.POST, request.FILES), organisation, assessment_year
    )


@login_required
@require_POST
def many_import(request):
    """The operator's table of many organisations: the preview."""
    if not permissions.can_import_many(request.user):
        raise Http404("ไม่พบหน้านี้")
    form = ManyResultsFileForm(request.POST, request.FILES)
    year = form.cleaned_data["assessment_year"] if form.is_valid() else None
    return _preview(request, form, None, year)


def _preview(request, form, organisation, assessment_year):
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        if organisation is None:
            return redirect("assessments:results")
        return redirect("assessments:result", organisation.pk, assessment_year.year)
    upload = form.cleaned_data["file"]
    content = upload.read()
    outcome = results_import(
        content=content,
        filename=upload.name,
        assessment_year=assessment_year,
        organisation=organisation,
        by=request.user,
    )
    token = None
    if outcome.ok:
        token = keep_pending(content)
        request.session[PENDING_KEY] = {
            "token": token,
            "organisation": organisation.pk if organisation else None,
            "year": assessment_year.year,
            "filename": upload.name[-200:],
        }
    confirm_form = ConfirmForm(initial={"token": token}) if token else None
    return _preview_page(
        request,
        organisation,
        assessment_year,
        outcome,
        filename=upload.name,
        confirm_form=confirm_form,
    )


def _preview_page(request, organisation, assessment_year, outcome, **more):
    """What the table would write (or why not), for one organisation or many (None)."""
    context = {"organisation": organisation, "assessment_year": assessment_year, "outcome": outcome}
    context["many"] = organisation is None
    return render(request, "assessments/import_preview.html", {**context, **more})


@login_required
@require_POST
def import_confirm(request):
    pending = request.session.get(PENDING_KEY) or {}
    form = ConfirmForm(request.POST)
    content = None
    if form.is_valid() and pending.get("token") == form.cleaned_data["token"]:
        content = take_pending(pending["token"])
    if content is None:
        messages.error(request, "ไม่พบไฟล์ที่ตรวจแล้ว (หรือเกินเวลายืนยัน) กรุณาเลือกไฟล์และตรวจสอบใหม่")
        return redirect("assessments:results")
    del request.session[PENDING_KEY]
    organisation = Organisation.objects.filter(pk=pending["organisation"]).first()
    assessment_year = get_object_or_404(AssessmentYear, year=pending["year"])
    try:
        outcome = results_import(
            content=content,
            filename=pending["filename"],
            assessment_year=assessment_year,
            organisation=organisation,
            by=request.user,
            confirm=True,
        )
    except Refusal as refusal:
        show_refusal(request, refusal)
        return redirect("assessments:results")
    if not outcome.written:
        messages.error(request, "ไม่ได้นำเข้า: ข้อมูลเปลี่ยนไประหว่างตรวจสอบ กรุณาตรวจสอบใหม่")
        return _preview_page(request, organisation, assessment_year, outcome)
    messages.success(
        request,
        f"นำเข้าผลการประเมิน ITA ปี {thai_digits(assessment_year.year)} แล้ว: {outcome.summary}",
    )
    if organisation is not None:
        return redirect("assessments:result", organisation.pk, assessment_year.year)
    return redirect("assessments:results")
