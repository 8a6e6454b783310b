"""Staff pages: my measures for the half-year being reported, recording progress and evidence,
and a measure's own page with its audit trail."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from thai.fiscal import Period

from . import permissions, selectors, services
from .audit import measure_audit_trail
from .forms import ProgressForm
from .models import Evidence, Measure, ProgressEntry


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
    plans = []
    show_all = request.GET.get("all") == "1"
    for organisation in permissions.organisations(request.user):
        plan = selectors.current_plan(organisation)
        if plan is None:
            continue
        fiscal_year, period = plan
        mine = not show_all and permissions.division_ids(request.user, organisation)
        measures = selectors.measures_for(request.user, fiscal_year, period, only_mine=bool(mine))
        plans.append(
            {
                "organisation": organisation,
                "fiscal_year": fiscal_year,
                "period": Period(period),
                "open": permissions.progress_is_open(fiscal_year, period),
                "measures": measures,
                "filtered": bool(mine),
            }
        )
    return render(request, "measures/mine.html", {"plans": plans, "show_all": show_all})


@login_required
def measure_detail(request, pk):
    measure = _measure_for(request, pk)
    entries = {
        entry.period: entry for entry in measure.progress_entries.prefetch_related("evidence")
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
    version = entry.version if entry else 1
    conflict = None
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.progress_save(
                    measure=measure,
                    period=period,
                    by=request.user,
                    version=data["version"],
                    status=data["status"],
                    result=data["result"],
                )
            except services.EditConflict as clash:
                conflict = clash.current
                entry = clash.current
            except services.NotAllowed as refusal:
                messages.error(request, str(refusal))
                return redirect("measures:detail", pk=measure.pk)
            _attach_evidence(request, measure, period, data)
            if conflict is None:
                messages.success(request, f"บันทึกผลมาตรการข้อ {measure.number} แล้ว")
                return redirect("measures:mine")
            # The person sees the other change and keeps their own text; saving again
            # (with the newer version) is their choice.
            data_copy = request.POST.copy()
            data_copy["version"] = conflict.version
            form = ProgressForm(data_copy)
            form.is_valid()
    else:
        form = ProgressForm(
            initial={
                "status": entry.status if entry else ProgressEntry.Status.NOT_STARTED,
                "result": entry.result if entry else "",
                "version": version,
            }
        )
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
    entry = services.progress_entry_for(measure, period)
    description = data.get("evidence_description", "")
    if data.get("evidence_file"):
        services.evidence_add_file(
            entry=entry, by=request.user, upload=data["evidence_file"], description=description
        )
        messages.success(request, f"แนบไฟล์ {data['evidence_file'].name} แล้ว")
    if data.get("evidence_link"):
        services.evidence_add_link(
            entry=entry, by=request.user, url=data["evidence_link"], description=description
        )
        messages.success(request, "เพิ่มลิงก์หลักฐานแล้ว")


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("entry__measure__fiscal_year__organisation"), pk=pk
    )
    if not evidence.file or not permissions.can_download_evidence(request.user, evidence):
        raise Http404("ไม่พบไฟล์")
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("entry__measure__fiscal_year__organisation"), pk=pk
    )
    entry = evidence.entry
    if not permissions.can_view_progress(request.user, entry.measure):
        raise Http404("ไม่พบไฟล์")
    try:
        services.evidence_remove(evidence=evidence, by=request.user)
        messages.success(request, "ลบหลักฐานแล้ว")
    except services.NotAllowed as refusal:
        messages.error(request, str(refusal))
    return redirect("measures:progress", pk=entry.measure_id, period=entry.period)


@login_required
def emblem(request, name):
    """Organisations' emblems, for the report preview (the PDF reads them from disk)."""
    path = (Path(settings.MEDIA_ROOT) / "emblems" / name).resolve()
    if not path.is_file() or not path.is_relative_to(
        (Path(settings.MEDIA_ROOT) / "emblems").resolve()
    ):
        raise Http404("ไม่พบไฟล์")
    return FileResponse(path.open("rb"))
