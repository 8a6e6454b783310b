from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from measures import permissions
from measures.thaiformat import thai_digits

from .models import Report
from .rendering import report_html, stored_report_pdf


def _report_for(request, pk) -> Report:
    report = get_object_or_404(Report.objects.select_related("fiscal_year__organisation"), pk=pk)
    if not permissions.can_view_report(request.user, report):
        # Not found, rather than forbidden: other organisations' reports are not to be known.
        raise Http404("ไม่พบรายงาน")
    return report


@login_required
def report_detail(request, pk):
    report = _report_for(request, pk)
    return render(request, "reports/detail.html", {"report": report})


@login_required
def report_preview(request, pk):
    report = _report_for(request, pk)
    return HttpResponse(report_html(report, preview=True))


@login_required
def report_pdf(request, pk):
    report = _report_for(request, pk)
    if not permissions.can_export_report(request.user, report):
        raise Http404("ไม่พบรายงาน")
    rendering = stored_report_pdf(report)
    response = HttpResponse(bytes(rendering.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{pdf_filename(report)}"
    response["ETag"] = f'"{rendering.sha256}"'
    response["X-Content-SHA256"] = rendering.sha256
    return response


def pdf_filename(report) -> str:
    from urllib.parse import quote

    name = (
        f"รายงานผลมาตรการ-{report.organisation.short_name}-"
        f"{thai_digits(report.fiscal_year.year)}-รอบ{report.period}"
    )
    if report.revision > 1:
        name += f"-แก้ไข{report.revision - 1}"
    return quote(f"{name}.pdf")
