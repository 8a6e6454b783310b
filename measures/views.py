"""Staff pages: my measures for the half-year being reported, recording progress and evidence,
and a measure's own page with its audit trail."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from organisations import access
from organisations.access import NotAllowed
from thai.digits import thai_digits
from thai.fiscal import Period

from . import period_lock, permissions, selectors
from .audit import measure_audit_trail
from .forms import MineFilterForm, ProgressForm
from .models import Evidence, Measure, ProgressEntry
from .services.evidence import evidence_add_file, evidence_add_link, evidence_remove
from .services.progress import EditConflict, progress_ensure, progress_save
from .uploads import download_name


def _measure_for(request, pk) -> Measure:
    measure = get_object_or_404(
        Measure.objects.select_related("fiscal_year__organisation").prefetch_related(
            "divisions", "steps"
        ),
        pk=pk,
    )
    if not permissions.can_view_progress(request.user, measure):
        raise Http404("ไม่พบมาตรการ")
    return measure


@login_required
def my_measures(request):
    """The measures of the person's divisions (or all, for whoever keeps the plan) for the
    half-year being reported."""
    filters = MineFilterForm(request.GET)
    show_all = filters.is_valid() and filters.cleaned_data["all"]
    plans = []
    for organisation in access.member_organisations(request.user):
        plan = selectors.current_plan(organisation)
        if plan is None:
            continue
        fiscal_year, period = plan
        mine = not show_all and access.division_ids(request.user, organisation)
        measures = selectors.measures_for(request.user, fiscal_year, period, only_mine=bool(mine))
        plans.append(
            {
                "organisation": organisation,
                "fiscal_year": fiscal_year,
                "period": Period(period),
                "open": period_lock.is_open(fiscal_year, period),
                "measures": measures,
                "filtered": bool(mine),
            }
        )
    return render(request, "measures/mine.html", {"plans": plans, "show_all": show_all})


@login_required
def measure_detail(request, pk):
    measure = _measure_for(request, pk)
    entries = {
        entry.period: entry
        for entry in measure.progress_entries.select_related("updated_by").prefetch_related(
            "evidence"
        )
    }
    periods = [
        {
            "period": period,
            "entry": entries.get(period),
            "can_edit": permissions.can_edit_progress(request.user, measure, period),
        }
        for period in Period
    ]
    trail = None
    if permissions.can_see_audit_trail(request.user, measure):
        trail = measure_audit_trail(measure)
    return render(
        request, "measures/detail.html", {"measure": measure, "periods": periods, "trail": trail}
    )


@login_required
def progress_edit(request, pk, period):
    measure = _measure_for(request, pk)
    if period not in Period.values:
        raise Http404("ไม่มีรอบการรายงานนี้")
    if not permissions.can_edit_progress(request.user, measure, period):
        messages.error(
            request,
            "ท่านแก้ไขผลของมาตรการนี้ในรอบนี้ไม่ได้: ไม่ใช่ส่วนราชการผู้รับผิดชอบ หรือรายงานรอบนี้เสนอผู้บังคับบัญชาแล้ว",
        )
        return redirect("measures:detail", pk=measure.pk)
    entry = ProgressEntry.objects.filter(measure=measure, period=period).first()
    conflict = None
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = progress_save(
                    measure=measure,
                    period=period,
                    by=request.user,
                    version=data["version"],
                    status=data["status"],
                    result=data["result"],
                )
            except EditConflict as clash:
                conflict = entry = clash.current
            except NotAllowed as refusal:
                messages.error(request, str(refusal))
                return redirect("measures:detail", pk=measure.pk)
            _attach_evidence(request, measure, period, data)
            if conflict is None:
                messages.success(request, f"บันทึกผลมาตรการข้อ {thai_digits(measure.item_label)} แล้ว")
                return redirect("measures:mine")
            # The person sees the other change and keeps their own text; saving again
            # (with the newer version) is their choice.
            form = ProgressForm.keeping_text(request.POST, version=conflict.version)
    else:
        form = ProgressForm.for_entry(entry)
    return render(
        request,
        "measures/progress_edit.html",
        {
            "measure": measure,
            "period": Period(period),
            "entry": entry,
            "form": form,
            "conflict": conflict,
            "evidence": entry.evidence.all() if entry else [],
        },
    )


def _attach_evidence(request, measure, period, data):
    if not (data.get("evidence_file") or data.get("evidence_link")):
        return
    description = data.get("evidence_description", "")
    try:
        entry = progress_ensure(measure=measure, period=period, by=request.user)
        if data.get("evidence_file"):
            upload = data["evidence_file"]
            evidence_add_file(entry=entry, by=request.user, upload=upload, description=description)
            messages.success(request, f"แนบไฟล์ {upload.name} แล้ว")
        if data.get("evidence_link"):
            evidence_add_link(
                entry=entry, by=request.user, url=data["evidence_link"], description=description
            )
            messages.success(request, "เพิ่มลิงก์หลักฐานแล้ว")
    except (NotAllowed, ValidationError) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))


def _evidence_for(request, pk) -> Evidence:
    evidence = get_object_or_404(
        Evidence.objects.select_related("entry__measure__fiscal_year__organisation"), pk=pk
    )
    if not permissions.can_download_evidence(request.user, evidence):
        raise Http404("ไม่พบไฟล์")
    return evidence


@login_required
def evidence_download(request, pk):
    evidence = _evidence_for(request, pk)
    if not evidence.file:
        raise Http404("ไม่พบไฟล์")
    try:
        stream = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์") from None
    name = download_name(evidence.original_name, evidence.content_type)
    response = FileResponse(
        stream, content_type=evidence.content_type or "application/octet-stream"
    )
    # Always a download, never shown in the portal's origin, whatever the file holds.
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = _evidence_for(request, pk)
    entry = evidence.entry
    try:
        evidence_remove(evidence=evidence, by=request.user)
        messages.success(request, "ลบหลักฐานแล้ว")
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    return redirect("measures:progress", pk=entry.measure_id, period=entry.period)
