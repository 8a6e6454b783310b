"""The review of a report, step by step: the one place where a report's state changes.

    draft ──submit──▶ in review (step 1 … n) ──last step──▶ acknowledged (final PDF, frozen)
      ▲                  │  approve step: approve ─▶ approved (waits for the next step)
      └──── returned ◀───┘  approve step: return, with reasons

Every transition locks the report row, checks the person (measures/permissions.py) and the
state, records a ReviewEvent, and happens in one transaction; anything out of order or by the
wrong person raises WorkflowError with a Thai message. From submission on the report shows the
snapshot of the plan and progress taken then.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from measures import permissions
from measures.models import ProgressEntry
from thai.digits import thai_digits

from . import notifications
from .document import plan_table
from .models import Report, ReportState, ReviewEvent, ReviewStep, StepKind

DEFAULT_ACKNOWLEDGEMENT = "ทราบ"


class WorkflowError(Exception):
    """A transition that may not happen now, or not by this person; the message is for them."""


def _locked(report) -> Report:
    return (
        Report.objects.select_for_update()
        .select_related("fiscal_year__organisation")
        .get(pk=report.pk)
    )


def _membership(user, report):
    members = permissions.memberships(user, report.organisation)
    return members[0] if members else None


def _record(report, user, action, *, step=None, comment="", role=None):
    membership = None
    if role:
        membership = next(
            (m for m in permissions.memberships(user, report.organisation) if m.role == role), None
        )
    membership = membership or _membership(user, report)
    return ReviewEvent.objects.create(
        report=report,
        round=report.round,
        step_order=step.order if step else None,
        action=action,
        actor=user,
        actor_name=membership.display_name if membership else user.get_full_name(),
        actor_position=membership.position_title if membership else "",
        comment=comment,
    )


@transaction.atomic
def submit(report, *, by) -> Report:
    """The analyst sends the report up the chain; the plan and progress are frozen as they are."""
    report = _locked(report)
    if report.state == ReportState.ACKNOWLEDGED:
        raise WorkflowError("รายงานนี้เสร็จสิ้นแล้ว แก้ไขไม่ได้ ถ้าต้องแก้ให้สร้างฉบับแก้ไข")
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED):
        raise WorkflowError("รายงานนี้เสนอไปแล้ว")
    if not permissions.can_submit(by, report):
        raise WorkflowError("เฉพาะนักวิเคราะห์นโยบายและแผนของหน่วยงานเสนอรายงานได้")
    steps = list(report.review_steps.order_by("order"))
    if not steps:
        raise WorkflowError("ยังไม่ได้กำหนดลำดับผู้บังคับบัญชาที่พิจารณารายงาน")
    report.snapshot = {"table": plan_table(report), "taken_at": timezone.now().isoformat()}
    report.state = ReportState.IN_REVIEW
    report.round += 1
    report.current_step = steps[0].order
    report.save()
    for step in steps:
        # Each round starts clean; what was said before stays in the events.
        step.comment, step.acted_by, step.acted_at = "", None, None
        step.save()
    _record(report, by, ReviewEvent.Action.SUBMIT, role="analyst")
    notifications.after_commit(report)
    return report


def _current_step(report, by, kind) -> ReviewStep:
    if report.state not in (ReportState.IN_REVIEW, ReportState.APPROVED):
        messages = {
            ReportState.DRAFT: "รายงานนี้ยังไม่ได้เสนอ",
            ReportState.RETURNED: "รายงานนี้ถูกส่งกลับให้แก้ไขแล้ว",
            ReportState.ACKNOWLEDGED: "รายงานนี้เสร็จสิ้นแล้ว แก้ไขไม่ได้",
        }
        raise WorkflowError(messages[report.state])
    step = report.review_steps.get(order=report.current_step)
    if not permissions.has_role(by, report.organisation, step.role):
        raise WorkflowError(
            f"ขณะนี้รายงานรอ{step.get_kind_display()}จาก{step.signer_position} ท่านไม่ใช่ผู้พิจารณาขั้นนี้"
        )
    if step.kind != kind:
        raise WorkflowError(f"ขั้นนี้เป็นการ{step.get_kind_display()} ไม่ใช่การ{StepKind(kind).label}")
    return step


def _sign(step, by, comment):
    membership = next(
        m for m in permissions.memberships(by, step.report.organisation) if m.role == step.role
    )
    step.comment = comment.strip()
    step.signer_name = membership.display_name
    step.signer_position = membership.position_title
    step.acted_by = by
    step.acted_at = timezone.now()
    step.save()


def _advance(report, step):
    later = report.review_steps.filter(order__gt=step.order).order_by("order").first()
    if later is None:
        report.state = ReportState.ACKNOWLEDGED
        report.current_step = None
    else:
        report.current_step = later.order
        if step.kind == StepKind.APPROVE:
            report.state = ReportState.APPROVED
    report.save()
    if report.state == ReportState.ACKNOWLEDGED:
        from .rendering import store_final_pdf

        store_final_pdf(report)
    notifications.after_commit(report)


@transaction.atomic
def comment(report, *, by, text) -> Report:
    """A superior whose step only comments (by default the head of office) writes and passes on."""
    report = _locked(report)
    step = _current_step(report, by, StepKind.COMMENT)
    _sign(step, by, text)
    _record(report, by, ReviewEvent.Action.COMMENT, step=step, comment=step.comment, role=step.role)
    _advance(report, step)
    return report


@transaction.atomic
def approve(report, *, by, text="", follow_ups: dict[int, str] | None = None) -> Report:
    """The chief administrator approves, with the follow-up direction for each measure."""
    report = _locked(report)
    step = _current_step(report, by, StepKind.APPROVE)
    _write_follow_ups(report, follow_ups or {})
    _sign(step, by, text)
    _record(report, by, ReviewEvent.Action.APPROVE, step=step, comment=step.comment, role=step.role)
    _advance(report, step)
    return report


@transaction.atomic
def return_to_analyst(report, *, by, reason, follow_ups: dict[int, str] | None = None) -> Report:
    """The chief administrator sends the report back, saying why; it opens again for editing."""
    report = _locked(report)
    step = _current_step(report, by, StepKind.APPROVE)
    if not reason.strip():
        raise WorkflowError("กรุณาระบุเหตุผลที่ส่งกลับ")
    _write_follow_ups(report, follow_ups or {})
    _record(
        report, by, ReviewEvent.Action.RETURN, step=step, comment=reason.strip(), role=step.role
    )
    report.state = ReportState.RETURNED
    report.current_step = None
    report.snapshot = None
    report.save()
    notifications.after_commit(report)
    return report


@transaction.atomic
def acknowledge(report, *, by, text=DEFAULT_ACKNOWLEDGEMENT) -> Report:
    """The chief executive acknowledges ("ทราบ"); the last step renders the final PDF."""
    report = _locked(report)
    step = _current_step(report, by, StepKind.ACKNOWLEDGE)
    text = text.strip() or DEFAULT_ACKNOWLEDGEMENT
    _sign(step, by, text)
    _record(report, by, ReviewEvent.Action.ACKNOWLEDGE, step=step, comment=text, role=step.role)
    _advance(report, step)
    return report


def _write_follow_ups(report, follow_ups):
    """The direction goes into the submitted table and onto the live progress entry, where the
    divisions see it."""
    if not follow_ups:
        return
    rows = {row["number"]: row for row in report.snapshot["table"]["rows"]}
    unknown = [number for number in follow_ups if number not in rows]
    if unknown:
        raise WorkflowError(f"ไม่พบมาตรการข้อ {thai_digits(unknown[0])} ในรายงานนี้")
    entries = ProgressEntry.objects.filter(period=report.period)
    measures = report.fiscal_year.measures.filter(number__in=follow_ups).prefetch_related(
        Prefetch("progress_entries", queryset=entries, to_attr="period_entries")
    )
    for measure in measures:
        text = follow_ups[measure.number].strip()
        rows[measure.number]["follow_up"] = text
        entry = (measure.period_entries or [None])[0]
        if entry is None:
            ProgressEntry.objects.create(measure=measure, period=report.period, follow_up=text)
        elif entry.follow_up != text:
            entry.follow_up = text
            entry.save(update_fields=["follow_up", "updated_at"])
    report.save(update_fields=["snapshot", "updated_at"])


@transaction.atomic
def new_revision(report, *, by) -> Report:
    """A correction to a final report: a new draft linked to it. The old one stays as it was."""
    report = _locked(report)
    if report.state != ReportState.ACKNOWLEDGED:
        raise WorkflowError("แก้ไขได้เฉพาะรายงานที่เสร็จสิ้นแล้ว รายงานนี้ยังแก้ไขได้ตามปกติ")
    if Report.objects.filter(previous_revision=report).exists():
        raise WorkflowError("รายงานนี้มีฉบับแก้ไขแล้ว")
    if not permissions.can_revise(by, report):
        raise WorkflowError("เฉพาะนักวิเคราะห์นโยบายและแผนของหน่วยงานสร้างฉบับแก้ไขได้")
    memo_fields = [
        "department", "phone", "document_number", "memo_date", "subject", "addressee",
        "body", "closing", "author", "author_name", "author_position",
    ]  # fmt: skip
    revision = Report.objects.create(
        fiscal_year=report.fiscal_year,
        period=report.period,
        revision=report.revision + 1,
        previous_revision=report,
        **{name: getattr(report, name) for name in memo_fields},
    )
    for step in report.review_steps.order_by("order"):
        ReviewStep.objects.create(
            report=revision,
            order=step.order,
            role=step.role,
            kind=step.kind,
            signer_name=step.signer_name,
            signer_position=step.signer_position,
        )
    _record(revision, by, ReviewEvent.Action.REVISE, role="analyst")
    return revision
