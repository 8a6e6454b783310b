"""A report's pages: the list, a new draft, the report with its memo, completeness and review."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from organisations import access
from organisations.lookups import visible_or_404
from organisations.models import StepKind
from organisations.refusals import Refusal, show_refusal

from .. import pdf_jobs, permissions, services, workflow
from ..analysis_page import analysis_context
from ..audit import report_audit_trail
from ..forms import (
    AcknowledgeForm,
    ApproveForm,
    CommentForm,
    NewReportForm,
    SignForm,
    memo_form_class,
)
from ..memo_dates import signing_warning
from ..models import Report
from ..returns import events_with_marks, returned
from ..review_page import measures_under_review, only_open, shown_rows
from ..selectors import (
    completeness,
    creatable_documents,
    existing_document,
    final_rendering,
    reports_for,
)


def report_for(request, pk) -> Report:
    """The report, if the person may read it: other organisations' are not found."""
    reports = Report.objects.select_related("fiscal_year__organisation").prefetch_related(
        "review_steps"
    )
    return visible_or_404(reports, request.user, permissions.can_view_report, pk=pk)


@login_required
def report_list(request):
    creatable = [
        {
            "fiscal_year": draft.fiscal_year,
            "label": draft.label,
            "form": NewReportForm(
                initial={
                    "fiscal_year": draft.fiscal_year.pk,
                    "kind": draft.kind,
                    "period": draft.period,
                },
                user=request.user,
            ),
        }
        for draft in creatable_documents(request.user)
    ]
    return render(
        request,
        "reports/list.html",
        {"reports": reports_for(request.user), "creatable": creatable},
    )


@login_required
@require_POST
def report_create(request):
    form = NewReportForm(request.POST, user=request.user)
    if not form.is_valid():
        raise Http404("ไม่พบแผน")
    fiscal_year, period = form.cleaned_data["fiscal_year"], form.cleaned_data["period"]
    kind = form.cleaned_data["kind"]
    if kind == Report.Kind.PLAN:
        period = None
    existing = existing_document(fiscal_year, kind, period)
    if existing:
        messages.info(request, f"มี{existing}อยู่แล้ว")
        return redirect("reports:detail", pk=existing.pk)
    try:
        if kind == Report.Kind.PLAN:
            report = services.plan_document_create(fiscal_year=fiscal_year, author=request.user)
            done = "สร้างร่างประกาศมาตรการแล้ว ตรวจแก้ข้อความแล้วเสนอได้"
        else:
            report = services.report_create(
                fiscal_year=fiscal_year, period=period, author=request.user
            )
            done = "สร้างร่างรายงานแล้ว ตรวจแก้บันทึกข้อความแล้วเสนอได้"
    except Refusal as refusal:
        show_refusal(request, refusal)
        return redirect("reports:list")
    messages.success(request, done)
    return redirect("reports:detail", pk=report.pk)


@login_required
def report_detail(request, pk):
    report = report_for(request, pk)
    return render(request, "reports/detail.html", _detail_context(request, report))


def _detail_context(
    request, report, *, memo_form=None, review_form=None, submit_form=None, analysis_forms=None
) -> dict:
    user = request.user
    step = permissions.current_step_for(user, report)
    can_edit_memo = permissions.can_edit_memo(user, report)
    can_submit = permissions.can_submit(user, report)
    show_trail = permissions.can_see_audit_trail(user, report)
    open_only = only_open(request)
    review_form = review_form or (_review_form(report, step, open_only=open_only) if step else None)
    return {
        "report": report,
        "words": report.words,
        "returned": returned(report),
        "completeness": completeness(report) if report.locks_period else None,
        "events": events_with_marks(report),
        "steps": report.review_steps.all(),
        "can_edit_memo": can_edit_memo,
        "can_submit": can_submit,
        "submit_form": submit_form or SignForm(),
        "date_warning": signing_warning(report, submits=can_submit, step=step),
        "can_revise": permissions.can_revise(user, report),
        "step": step,
        "final": final_rendering(report),
        "pdf_job": pdf_jobs.status(report),
        "trail": report_audit_trail(report) if show_trail else None,
        "memo_form": memo_form
        or (memo_form_class(report)(instance=report) if can_edit_memo else None),
        "review_form": review_form,
        # An announcement's approval has no results to direct.
        "review": measures_under_review(report, review_form, open_only=open_only)
        if isinstance(review_form, ApproveForm) and report.locks_period
        else None,
        "analysis": analysis_context(user, report, **(analysis_forms or {}))
        if report.is_analysis
        else None,
    }


def _review_form(report, step, data=None, *, open_only=False):
    if step.kind == StepKind.APPROVE:
        # The follow-up direction is for a report's measures; other documents have none.
        rows = shown_rows(report, open_only) if report.locks_period else []
        return ApproveForm(data, rows=rows)
    if step.kind == StepKind.ACKNOWLEDGE:
        # A report is acknowledged ("ทราบ"); an announcement is signed, with nothing to write.
        return SignForm(data) if report.is_plan else AcknowledgeForm(data)
    return CommentForm(data)


@login_required
@require_POST
def report_memo(request, pk):
    report = report_for(request, pk)
    # The form is only for whoever may edit it now; the writer asks again, with the row locked.
    if refusal := permissions.memo_refusal(request.user, report):
        return _refused(request, report, refusal)
    form = memo_form_class(report)(request.POST, instance=Report.objects.get(pk=report.pk))
    if form.is_valid():
        return _transition(
            request,
            report,
            lambda: services.report_update_memo(
                report=report, by=request.user, fields=form.cleaned_data
            ),
            f"บันทึกการแก้ไข{report.words.text}แล้ว",
        )
    messages.error(request, "กรุณาแก้ไขข้อมูลที่ไม่ถูกต้อง")
    return render(request, "reports/detail.html", _detail_context(request, report, memo_form=form))


def _confirmed(request, form):
    """The person's password confirmed for a signing act, or the form says why not."""
    try:
        return access.confirm_password(request, form.cleaned_data.get("password", ""))
    except Refusal as refusal:
        show_refusal(request, refusal, form)
        return None


@login_required
@require_POST
def report_submit(request, pk):
    report = report_for(request, pk)
    form = SignForm(request.POST)
    confirmation = _confirmed(request, form) if form.is_valid() else None
    if confirmation is None:
        messages.error(request, f"ยังไม่ได้เสนอ{report.words.document}: กรุณายืนยันรหัสผ่านเพื่อลงนาม")
        return render(
            request, "reports/detail.html", _detail_context(request, report, submit_form=form)
        )
    return _transition(
        request,
        report,
        lambda: workflow.report_submit(report, by=request.user, confirmation=confirmation),
        report.words.submitted,
    )


@login_required
@require_POST
def report_review(request, pk):
    report = report_for(request, pk)
    if refusal := permissions.step_refusal(request.user, report):
        return _refused(request, report, refusal)
    step = permissions.waiting_step(report)
    form = _review_form(report, step, request.POST)
    signs = form.is_valid() and getattr(form, "signs", True)
    confirmation = _confirmed(request, form) if signs else None
    if not form.is_valid():
        messages.error(request, _not_done(form, report))
        return render(
            request, "reports/detail.html", _detail_context(request, report, review_form=form)
        )
    text = form.cleaned_data.get("comment", "")
    if step.kind == StepKind.COMMENT:
        act = partial(workflow.report_comment, text=text, confirmation=confirmation)
        done = "ลงนามความเห็นและเสนอต่อแล้ว"
    elif step.kind == StepKind.ACKNOWLEDGE:
        act = partial(workflow.report_acknowledge, text=text, confirmation=confirmation)
        done = report.words.last_done
    elif not form.signs:
        act = partial(
            workflow.report_return,
            reason=form.cleaned_data["reason"],
            follow_ups=form.follow_ups(),
            measures=form.marked(),
        )
        done = "ส่งกลับให้แก้ไขแล้ว"
    else:
        act = partial(
            workflow.report_approve,
            text=text,
            follow_ups=form.follow_ups(),
            confirmation=confirmation,
        )
        done = "ลงนามอนุมัติแล้ว"
    return _transition(request, report, lambda: act(report, by=request.user), done)


@login_required
@require_POST
def report_revise(request, pk):
    report = report_for(request, pk)
    try:
        revision = workflow.report_revise(report, by=request.user)
    except Refusal as refusal:
        return _refused(request, report, refusal)
    messages.success(request, "สร้างฉบับแก้ไขแล้ว ฉบับเดิมยังคงเดิม")
    return redirect("reports:detail", pk=revision.pk)


def _not_done(form, report) -> str:
    """What did not happen and why, in the form's own words: "ยังไม่ได้ส่งกลับ: กรุณาระบุ
    เหตุผลที่ส่งกลับ"."""
    action = getattr(form, "action", report.words.last_button)
    reasons = [message for errors in form.errors.values() for message in errors]
    return f"ยังไม่ได้{action}: {' '.join(dict.fromkeys(reasons))}"


def _transition(request, report, action, done_message):
    """The writer's act, then the report's page: with what was done, or the one reason why not."""
    try:
        action()
    except Refusal as refusal:
        return _refused(request, report, refusal)
    messages.success(request, done_message)
    return redirect("reports:detail", pk=report.pk)


def _refused(request, report, refusal):
    show_refusal(request, refusal)
    return redirect("reports:detail", pk=report.pk)
