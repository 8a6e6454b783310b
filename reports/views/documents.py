from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from thai.digits import thai_digits

from ..rendering import report_html
from ..stored_pdfs import stored_report_pdf
from .pages import report_for


@login_required
def report_preview(request, pk):
    report = report_for(request, pk)
    return HttpResponse(report_html(report, preview=True))


@login_required
def report_pdf(request, pk):
    report = report_for(request, pk)
    rendering = stored_report_pdf(report)
    response = HttpResponse(rendering.read(), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{pdf_filename(report)}"
    response["ETag"] = f'"{rendering.sha256}"'
    response["X-Content-SHA256"] = rendering.sha256
    return response


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
