"""Staff pages: recording progress and evidence, and a measure's own page with its audit trail
(the list of what to record: period_views.py)."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from organisations.lookups import visible_or_404
from organisations.refusals import Refusal, show_refusal
from thai.digits import thai_digits
from thai.fiscal import Period

from . import period_lock, permissions
from .audit import measure_audit_trail
from .forms import ProgressForm
from .models import Evidence, Measure, ProgressEntry
from .recording import periods_shown, recording_for
from .services.evidence import StorageUnavailable, evidence_remove
from .services.progress_and_evidence import progress_and_evidence_save
from .uploads import download_name


def measure_for(request, pk) -> Measure:
    measures = Measure.objects.select_related("fiscal_year__organisation").prefetch_related(
        "divisions", "steps", "indicators__assessment_year"
    )
    return visible_or_404(measures, request.user, permissions.can_view_progress, pk=pk)


@login_required
def measure_detail(request, pk):
    measure = measure_for(request, pk)
    periods = [
        {
            **shown,
            "can_edit": permissions.can_edit_progress(request.user, measure, shown["period"]),
            "closed": period_lock.closed_reason(measure.fiscal_year, shown["period"]),
        }
        for shown in periods_shown(measure)
    ]
    trail = None
    if permissions.can_see_audit_trail(request.user, measure):
        trail = measure_audit_trail(measure)
    return render(
        request, "measures/detail.html", {"measure": measure, "periods": periods, "trail": trail}
    )


@login_required
def progress_edit(request, pk, period):
    measure = measure_for(request, pk)
    if period not in Period.values:
        raise Http404("ไม่มีรอบการรายงานนี้")
    refusal = permissions.progress_refusal(request.user, measure, period)
    if refusal:
        messages.error(request, refusal)
        return redirect("measures:detail", pk=measure.pk)
    recording = recording_for(request.user, measure, period)
    entry = recording.entry
    conflict, status = None, 200
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            upload = data.get("evidence_file")
            try:
                saved = progress_and_evidence_save(
                    measure=measure,
                    period=period,
                    by=request.user,
                    upload=upload,
                    link=data.get("evidence_link") or "",
                    description=data.get("evidence_description", ""),
                    save_text=lambda: recording.save(
                        by=request.user,
                        version=data["version"],
                        status=data["status"],
                        result=data["result"],
                    ),
                )
            except Refusal as refusal:
                # Nothing was saved; the form keeps what the person typed.
                show_refusal(request, refusal, form)
                status = 503 if isinstance(refusal, StorageUnavailable) else 200
            else:
                if upload:
                    messages.success(request, f"แนบไฟล์ {upload.name} แล้ว")
                if data.get("evidence_link"):
                    messages.success(request, "เพิ่มลิงก์หลักฐานแล้ว")
                if saved.conflict is None:
                    label = thai_digits(measure.item_label)
                    messages.success(request, f"บันทึกผลมาตรการข้อ {label} แล้ว")
                    return redirect("measures:mine")
                # The person sees the other change and keeps their own text; saving again
                # (with the newer version) is their choice.
                conflict = saved.conflict
                form = ProgressForm.keeping_text(request.POST, version=conflict.version)
                entry = ProgressEntry.objects.filter(measure=measure, period=period).first()
    else:
        form = ProgressForm(initial=recording.initial())
    form.fields["result"].label = recording.result_label
    return render(
        request,
        "measures/progress_edit.html",
        {
            "measure": measure,
            "period": Period(period),
            "entry": entry,
            "recording": recording,
            "form": form,
            "conflict": conflict,
            "evidence": _with_removal(request.user, entry.evidence.all() if entry else None),
        },
        status=status,
    )


def _with_removal(user, evidence) -> list[Evidence]:
    """The entry's evidence (None: no entry yet), each marked `removable` by this person."""
    if evidence is None:
        return []
    items = list(evidence.select_related("added_by", "entry__measure"))
    for item in items:
        item.removable = permissions.evidence_removal_refusal(user, item) is None
    return items


def _evidence_for(request, pk) -> Evidence:
    evidence = Evidence.objects.select_related("entry__measure__fiscal_year__organisation")
    return visible_or_404(evidence, request.user, permissions.can_download_evidence, pk=pk)


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
    except Refusal as refusal:
        show_refusal(request, refusal)
    else:
        messages.success(request, "ลบหลักฐานแล้ว")
    return redirect("measures:progress", pk=entry.measure_id, period=entry.period)
