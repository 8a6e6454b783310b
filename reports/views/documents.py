from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from thai.digits import thai_digits

from ..rendering import report_html, stored_report_pdf
from .pages import report_for


@login_required
def report_preview(request, pk):
    report = report_for(request, pk)
    return HttpResponse(report_html(report, preview=True))


@login_required
def report_pdf(request, pk):
    report = report_for(request, pk)
    rendering = stored_report_pdf(report)
    response = HttpResponse(bytes(rendering.pdf), content_type="application/pdf")
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
