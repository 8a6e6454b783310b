"""The review of a report, step by step: the one place where a report's state changes.

    draft ──submit──▶ in review (step 1 … n) ──last step──▶ acknowledged (final PDF, frozen)
      ▲                  │  approve step: approve ─▶ approved (waits for the next step)
      └──── returned ◀───┘  approve step: return, with reasons

Every transition locks the report row, asks reports/permissions.py whether the person may act,
checks the state, records a ReviewEvent, and happens in one transaction; anything out of order
or by the wrong person raises WorkflowError with a Thai message. From submission on, the report
shows the snapshot of the plan and progress taken then, and the period's progress is locked
(measures.period_lock): for review while the superiors may still write follow-up directions,
final once the approval is given; returning the report or starting a new revision opens it.
The final PDF is rendered by the worker once the acknowledging transaction commits
(reports/pdf_jobs.py), never inside it; the last step is refused while the organisation has no
Garuda to print (organisations.emblems), except in a demo.

Submitting, commenting, approving and acknowledging sign the document: each needs the person's
password confirmed just before (organisations.access.confirm_password), and its event records the
signer, their role and position, the time, the text, and their signature image as it was then.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from measures import period_lock
from measures.services.progress import progress_set_follow_ups
from organisations.access import NotAllowed, require_confirmation
from organisations.emblems import REFUSAL as EMBLEM_REFUSAL
from organisations.emblems import emblem_missing
from organisations.models import Role, SignatureImage, StepKind
from organisations.selectors import membership_of, signing_name
from thai.digits import thai_digits

from . import notifications, pdf_jobs, permissions
from .analysis import analysis_rows_copy
from .document import plan_parts, plan_table
from .models import MEMO_FIELDS, Report, ReportState, ReviewEvent, ReviewStep

DEFAULT_ACKNOWLEDGEMENT = "ทราบ"


class WorkflowError(Exception):
    """A transition that may not happen now, or not by this person; the message is for them."""


def _locked(report) -> Report:
    return (
        Report.objects.select_for_update()
        .select_related("fiscal_year__organisation")
        .get(pk=report.pk)
    )


def _record(report, user, action, *, step=None, comment="", role=None, signed=False, measures=()):
    actor_name, actor_position = signing_name(user, report.organisation, role)
    image = SignatureImage.objects.filter(user=user).values_list("png", flat=True).first()
    event = ReviewEvent(
        signed=signed,
        signature_png=bytes(image or b"") if signed else b"",
        report=report,
        round=report.round,
        step_order=step.order if step else None,
        action=action,
        actor=user,
        actor_name=actor_name,
        actor_position=actor_position,
        comment=comment,
        measure_numbers=list(measures),
    )
    _valid(event)
    event.save()
    return event


def _valid(record):
    try:
        record.full_clean()
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages)) from None


def _require_confirmation(by, confirmation):
    try:
        require_confirmation(by, confirmation)
    except NotAllowed as refusal:
        raise WorkflowError(str(refusal)) from None


@transaction.atomic
def report_submit(report, *, by, confirmation) -> Report:
    """The analyst signs the memo and sends the report up the chain; the plan and progress are
    frozen as they are."""
    _require_confirmation(by, confirmation)
    report = _locked(report)
    document = report.words.document
    if report.state == ReportState.ACKNOWLEDGED:
        raise WorkflowError(f"{document}นี้เสร็จสิ้นแล้ว แก้ไขไม่ได้ ถ้าต้องแก้ให้สร้างฉบับแก้ไข")
    if report.state not in permissions.EDITABLE_STATES:
        raise WorkflowError(f"{document}นี้เสนอไปแล้ว")
    if not permissions.can_submit(by, report):
        raise WorkflowError(f"เฉพาะนักวิเคราะห์นโยบายและแผนของหน่วยงานเสนอ{document}ได้")
    steps = list(report.review_steps.order_by("order"))
    if not steps:
        raise WorkflowError(f"ยังไม่ได้กำหนดลำดับผู้บังคับบัญชาที่พิจารณา{document}")
    _lock_period(report, period_lock.Stage.REVIEW)
    report.snapshot = {
        "table": plan_table(report),
        "parts": plan_parts(report),
        "taken_at": timezone.now().isoformat(),
    }
    report.state = ReportState.IN_REVIEW
    report.round += 1
    report.current_step = steps[0].order
    report.save()
    for step in steps:
        # Each round starts clean; what was said before stays in the events.
        step.comment, step.acted_by, step.acted_at = "", None, None
        step.save()
    _record(report, by, ReviewEvent.Action.SUBMIT, role=Role.ANALYST, signed=True)
    notifications.queue_mail(report)
    pdf_jobs.queue(report)
    return report


def _lock_period(report, stage):
    if report.locks_period:
        period_lock.lock(fiscal_year=report.fiscal_year, period=report.period, stage=stage)


def _unlock_period(report):
    if report.locks_period:
        period_lock.unlock(fiscal_year=report.fiscal_year, period=report.period)


def new_verification_code() -> str:
    """Twelve letters and digits nobody confuses (no 0/o, 1/l/i): 31^12 ≈ 8 × 10^17 codes."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def _step_for(report, by, kind) -> ReviewStep:
    """The step waiting for `by` to act as `kind`, or WorkflowError saying why not."""
    document = report.words.document
    if report.state not in permissions.WAITING_STATES:
        messages = {
            ReportState.DRAFT: "ยังไม่ได้เสนอ",
            ReportState.RETURNED: "ถูกส่งกลับให้แก้ไขแล้ว",
            ReportState.ACKNOWLEDGED: "เสร็จสิ้นแล้ว แก้ไขไม่ได้",
        }
        raise WorkflowError(f"{document}นี้{messages[report.state]}")
    if not permissions.can_act(by, report, kind):
        waiting = permissions.waiting_step(report)
        if permissions.current_step_for(by, report) is None:
            raise WorkflowError(
                f"ขณะนี้{document}รอ{waiting.act_label}จาก{waiting.signer_position} ท่านไม่ใช่ผู้พิจารณาขั้นนี้"
            )
        asked = report.words.last_act if kind == StepKind.ACKNOWLEDGE else StepKind(kind).label
        raise WorkflowError(f"ขั้นนี้เป็นการ{waiting.act_label} ไม่ใช่การ{asked}")
    return permissions.waiting_step(report)


def _sign(step, by, comment):
    membership = membership_of(by, step.report.organisation, step.role)
    step.comment = comment.strip()
    step.signer_name = membership.display_name
    step.signer_position = membership.position_title
    step.acted_by = by
    step.acted_at = timezone.now()
    _valid(step)
    step.save()


def _advance(report, step):
    later = report.review_steps.filter(order__gt=step.order).order_by("order").first()
    if later is None and emblem_missing(report.organisation):
        raise WorkflowError(EMBLEM_REFUSAL)
    if step.kind == StepKind.APPROVE:
        # The follow-up directions are written: nothing of the period changes any more.
        _lock_period(report, period_lock.Stage.FINAL)
    if later is None:
        report.state = ReportState.ACKNOWLEDGED
        report.current_step = None
        report.verification_code = new_verification_code()
        _lock_period(report, period_lock.Stage.FINAL)
    else:
        report.current_step = later.order
        if step.kind == StepKind.APPROVE:
            report.state = ReportState.APPROVED
    report.save()
    notifications.queue_mail(report)
    # The worker renders what the next person reads, and once acknowledged the final PDF.
    pdf_jobs.queue(report)


@transaction.atomic
def report_comment(report, *, by, text, confirmation) -> Report:
    """A superior whose step only comments (by default the head of office) writes, signs and
    passes on."""
    _require_confirmation(by, confirmation)
    report = _locked(report)
    step = _step_for(report, by, StepKind.COMMENT)
    _sign(step, by, text)
    _record(report, by, ReviewEvent.Action.COMMENT, step=step, comment=step.comment,
            role=step.role, signed=True)  # fmt: skip
    _advance(report, step)
    return report


@transaction.atomic
def report_approve(
    report, *, by, confirmation, text="", follow_ups: dict[int, str] | None = None
) -> Report:
    """The chief administrator approves and signs, with the follow-up direction for each
    measure; only the directions given change."""
    _require_confirmation(by, confirmation)
    report = _locked(report)
    step = _step_for(report, by, StepKind.APPROVE)
    _write_follow_ups(report, follow_ups or {}, by)
    _sign(step, by, text)
    _record(report, by, ReviewEvent.Action.APPROVE, step=step, comment=step.comment,
            role=step.role, signed=True)  # fmt: skip
    _advance(report, step)
    return report


@transaction.atomic
def report_return(
    report, *, by, reason, follow_ups: dict[int, str] | None = None, measures=()
) -> Report:
    """The chief administrator sends the report back, saying why, and may mark the measures
    (by number) to be corrected, whose divisions' staff are told (reports/returns.py); it
    opens again for editing."""
    report = _locked(report)
    step = _step_for(report, by, StepKind.APPROVE)
    if not reason.strip():
        raise WorkflowError("กรุณาระบุเหตุผลที่ส่งกลับ")
    measures = sorted(set(measures))
    _require_in_report(report, measures)
    _write_follow_ups(report, follow_ups or {}, by)
    _record(report, by, ReviewEvent.Action.RETURN, step=step, comment=reason.strip(),
            role=step.role, measures=measures)  # fmt: skip
    report.state = ReportState.RETURNED
    report.current_step = None
    report.snapshot = None
    report.save()
    _unlock_period(report)
    notifications.queue_mail(report)
    return report


@transaction.atomic
def report_acknowledge(report, *, by, confirmation, text=DEFAULT_ACKNOWLEDGEMENT) -> Report:
    """The chief executive acknowledges a report ("ทราบ") and signs, or signs (issues) an
    announcement, which carries no comment; the final PDF is rendered once this commits."""
    _require_confirmation(by, confirmation)
    report = _locked(report)
    step = _step_for(report, by, StepKind.ACKNOWLEDGE)
    text = "" if report.is_plan else text.strip() or DEFAULT_ACKNOWLEDGEMENT
    _sign(step, by, text)
    _record(report, by, ReviewEvent.Action.ACKNOWLEDGE, step=step, comment=text, role=step.role,
            signed=True)  # fmt: skip
    _advance(report, step)
    return report


def _write_follow_ups(report, follow_ups, by):
    """The directions given go into the submitted table and onto the live progress entries,
    where the divisions see them; measures not named keep theirs."""
    if not follow_ups:
        return
    rows = _require_in_report(report, follow_ups)
    for number, text in follow_ups.items():
        rows[number]["follow_up"] = text.strip()
    progress_set_follow_ups(
        fiscal_year=report.fiscal_year, period=report.period, follow_ups=follow_ups, by=by
    )
    report.save(update_fields=["snapshot", "updated_at"])


def _require_in_report(report, numbers) -> dict:
    """The submitted table's rows by number, once every number given is one of them (the
    analysis's table has no measure rows: none is given)."""
    if not numbers:
        return {}
    rows = {row["number"]: row for row in report.snapshot["table"]["rows"]}
    unknown = [number for number in numbers if number not in rows]
    if unknown:
        raise WorkflowError(f"ไม่พบมาตรการข้อ {thai_digits(unknown[0])} ในรายงานนี้")
    return rows


@transaction.atomic
def report_revise(report, *, by) -> Report:
    """A correction to a final report: a new draft linked to it, and the period open again. The
    old one stays as it was."""
    report = _locked(report)
    if report.state != ReportState.ACKNOWLEDGED:
        raise WorkflowError("แก้ไขได้เฉพาะรายงานที่เสร็จสิ้นแล้ว รายงานนี้ยังแก้ไขได้ตามปกติ")
    if Report.objects.filter(previous_revision=report).exists():
        raise WorkflowError("รายงานนี้มีฉบับแก้ไขแล้ว")
    if not permissions.can_revise(by, report):
        raise WorkflowError("เฉพาะนักวิเคราะห์นโยบายและแผนของหน่วยงานสร้างฉบับแก้ไขได้")
    revision = Report.objects.create(
        fiscal_year=report.fiscal_year,
        kind=report.kind,
        period=report.period,
        revision=report.revision + 1,
        previous_revision=report,
        author=report.author,
        **{name: getattr(report, name) for name in MEMO_FIELDS},
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
    if report.is_analysis:
        analysis_rows_copy(report, revision)
    _unlock_period(report)
    _record(revision, by, ReviewEvent.Action.REVISE, role=Role.ANALYST)
    return revision
