from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thai.digits import thai_digits

from .. import pdf_jobs
from ..models import PdfJob, ReportState
from ..rendering import report_html
from ..stored_pdfs import MissingDocument, ready_pdf, stored_bytes
from .pages import report_for


@login_required
def report_preview(request, pk):
    report = report_for(request, pk)
    return HttpResponse(report_html(report, preview=True))


@login_required
def report_pdf(request, pk):
    """The stored PDF if it is ready; else the rendering is queued and a page says it is being
    made, reloading itself until the file is there (no request renders a PDF)."""
    report = report_for(request, pk)
    rendering = ready_pdf(report)
    try:
        pdf = stored_bytes(rendering) if rendering else None
    except MissingDocument:
        return render(request, "document_missing.html", status=503)
    if pdf is None:
        job = pdf_jobs.status(report)
        if job is None or job.state != PdfJob.State.FAILED:
            pdf_jobs.queue(report, changed=False)  # nothing new if one is waiting or running
            job = pdf_jobs.status(report)
        context = {
            "report": report,
            "job": job,
            "final_wanted": report.state == ReportState.ACKNOWLEDGED,
        }
        failed = job.state == PdfJob.State.FAILED
        response = render(
            request, "reports/pdf_waiting.html", context, status=503 if failed else 202
        )
        response["Cache-Control"] = "no-store"
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{pdf_filename(report)}"
    response["ETag"] = f'"{rendering.sha256}"'
    response["X-Content-SHA256"] = rendering.sha256
    return response


@login_required
@require_POST
def report_pdf_retry(request, pk):
    """Try a failed rendering again (anyone who may read the report)."""
    report = report_for(request, pk)
    pdf_jobs.queue(report)
    return redirect("reports:pdf", pk=report.pk)


def pdf_filename(report) -> str:
    name = (
        f"รายงานผลมาตรการ-{report.organisation.short_name}-"
        f"{thai_digits(report.fiscal_year.year)}-รอบ{report.period}"
    )
    if report.revision > 1:
        name += f"-แก้ไข{report.revision - 1}"
    return quote(f"{name}.pdf")


@login_required
def report_signature(request, pk, event_pk):
    """A signature image placed in this report, for the report's own people (its preview shows
    it; the PDF is given it directly)."""
    report = report_for(request, pk)
    event = report.events.filter(pk=event_pk, signed=True).exclude(signature_png=b"").first()
    if event is None:
        raise Http404("ไม่พบลายมือชื่อ")
    response = HttpResponse(bytes(event.signature_png), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
