from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from measures import permissions
from measures.models import FiscalYear
from measures.selectors import current_plan
from thai.digits import thai_digits
from thai.fiscal import Period

from . import services, workflow
from .audit import report_audit_trail
from .forms import AcknowledgeForm, ApproveForm, CommentForm, MemoForm
from .models import Report, StepKind
from .notifications import waiting_for
from .rendering import report_html, stored_report_pdf
from .selectors import completeness, report_rows, reports_for


def _report_for(request, pk) -> Report:
    report = get_object_or_404(
        Report.objects.select_related("fiscal_year__organisation").prefetch_related("review_steps"),
        pk=pk,
    )
    if not permissions.can_view_report(request.user, report):
        # Not found rather than forbidden: other organisations' reports are not to be known.
        raise Http404("ไม่พบรายงาน")
    return report


@login_required
def home(request):
    memberships = request.user.memberships.select_related("organisation").prefetch_related(
        "divisions"
    )
    return render(
        request,
        "home.html",
        {"memberships": memberships, "waiting": waiting_for(request.user)},
    )


@login_required
def report_list(request):
    creatable = []
    for organisation in permissions.organisations(request.user):
        plan = current_plan(organisation)
        if plan and permissions.can_create_report(request.user, plan[0]):
            fiscal_year, period = plan
            if not fiscal_year.reports.filter(period=period).exists():
                creatable.append({"fiscal_year": fiscal_year, "period": Period(period)})
    return render(
        request,
        "reports/list.html",
        {"reports": reports_for(request.user), "creatable": creatable},
    )


@login_required
@require_POST
def report_create(request):
    fiscal_year = get_object_or_404(
        FiscalYear.objects.select_related("organisation"), pk=request.POST.get("fiscal_year")
    )
    period = int(request.POST.get("period", 0))
    if period not in Period.values or not permissions.can_create_report(request.user, fiscal_year):
        raise Http404("ไม่พบแผน")
    existing = fiscal_year.reports.filter(period=period).order_by("-revision").first()
    if existing:
        messages.info(request, "มีรายงานของรอบนี้อยู่แล้ว")
        return redirect("reports:detail", pk=existing.pk)
    report = services.report_create(fiscal_year=fiscal_year, period=period, author=request.user)
    messages.success(request, "สร้างร่างรายงานแล้ว ตรวจแก้บันทึกข้อความแล้วเสนอได้")
    return redirect("reports:detail", pk=report.pk)


@login_required
def report_detail(request, pk):
    report = _report_for(request, pk)
    return render(request, "reports/detail.html", _detail_context(request, report))


def _detail_context(request, report, *, memo_form=None) -> dict:
    user = request.user
    step = permissions.current_step_for(user, report)
    can_edit_memo = permissions.can_edit_memo(user, report)
    show_trail = permissions.can_see_audit_trail(user, organisation=report.organisation)
    return {
        "report": report,
        "completeness": completeness(report),
        "events": report.events.order_by("created_at", "id"),
        "steps": report.review_steps.all(),
        "can_edit_memo": can_edit_memo,
        "can_submit": permissions.can_submit(user, report),
        "can_revise": permissions.can_revise(user, report),
        "step": step,
        "final": report.renderings.filter(is_final=True).only("sha256", "created_at").first(),
        "trail": report_audit_trail(report) if show_trail else None,
        "memo_form": memo_form or (MemoForm(instance=report) if can_edit_memo else None),
        "review_form": _review_form(report, step) if step else None,
    }


def _review_form(report, step, data=None):
    if step.kind == StepKind.APPROVE:
        return ApproveForm(data, rows=report_rows(report))
    if step.kind == StepKind.ACKNOWLEDGE:
        return AcknowledgeForm(data)
    return CommentForm(data)


@login_required
@require_POST
def report_memo(request, pk):
    report = _report_for(request, pk)
    form = MemoForm(request.POST, instance=report)
    if not permissions.can_edit_memo(request.user, report):
        messages.error(request, "แก้ไขบันทึกข้อความไม่ได้: รายงานเสนอแล้วหรือท่านไม่มีสิทธิ์")
        return redirect("reports:detail", pk=report.pk)
    if form.is_valid():
        services.report_update_memo(report=report, by=request.user, fields=form.cleaned_data)
        messages.success(request, "บันทึกบันทึกข้อความแล้ว")
        return redirect("reports:detail", pk=report.pk)
    messages.error(request, "กรุณาแก้ไขข้อมูลที่ไม่ถูกต้อง")
    return render(request, "reports/detail.html", _detail_context(request, report, memo_form=form))


@login_required
@require_POST
def report_submit(request, pk):
    report = _report_for(request, pk)
    return _transition(request, report, lambda: workflow.submit(report, by=request.user),
                       "เสนอรายงานแล้ว")  # fmt: skip


@login_required
@require_POST
def report_review(request, pk):
    report = _report_for(request, pk)
    step = permissions.current_step_for(request.user, report)
    if step is None:
        messages.error(request, "รายงานนี้ไม่ได้รอการพิจารณาจากท่านในขณะนี้")
        return redirect("reports:detail", pk=report.pk)
    form = _review_form(report, step, request.POST)
    if not form.is_valid():
        messages.error(request, "กรุณาตรวจสอบความเห็นที่กรอก")
        return redirect("reports:detail", pk=report.pk)
    text = form.cleaned_data.get("comment", "")
    if step.kind == StepKind.COMMENT:
        return _transition(request, report,
                           lambda: workflow.comment(report, by=request.user, text=text),
                           "บันทึกความเห็นและเสนอต่อแล้ว")  # fmt: skip
    if step.kind == StepKind.ACKNOWLEDGE:
        return _transition(request, report,
                           lambda: workflow.acknowledge(report, by=request.user, text=text),
                           "รับทราบแล้ว รายงานเป็นฉบับสมบูรณ์")  # fmt: skip
    follow_ups = form.follow_ups()
    if request.POST.get("decision") == "return":
        reason = form.cleaned_data.get("reason", "")
        return _transition(
            request, report,
            lambda: workflow.return_to_analyst(report, by=request.user, reason=reason,
                                               follow_ups=follow_ups),
            "ส่งกลับให้แก้ไขแล้ว",
        )  # fmt: skip
    return _transition(
        request, report,
        lambda: workflow.approve(report, by=request.user, text=text, follow_ups=follow_ups),
        "อนุมัติแล้ว",
    )  # fmt: skip


@login_required
@require_POST
def report_revise(request, pk):
    report = _report_for(request, pk)
    try:
        revision = workflow.new_revision(report, by=request.user)
    except workflow.WorkflowError as refusal:
        messages.error(request, str(refusal))
        return redirect("reports:detail", pk=report.pk)
    messages.success(request, "สร้างฉบับแก้ไขแล้ว ฉบับเดิมยังคงเดิม")
    return redirect("reports:detail", pk=revision.pk)


def _transition(request, report, action, done_message):
    try:
        action()
    except workflow.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done_message)
    return redirect("reports:detail", pk=report.pk)


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
    name = (
        f"รายงานผลมาตรการ-{report.organisation.short_name}-"
        f"{thai_digits(report.fiscal_year.year)}-รอบ{report.period}"
    )
    if report.revision > 1:
        name += f"-แก้ไข{report.revision - 1}"
    return quote(f"{name}.pdf")
