"""Who may do what with what is tracked: the plan, progress, evidence and the audit trail.

Every rule starts from the person's roles in the object's organisation (organisations.access):
a person of another organisation may do nothing with it. Each rule that refuses says why, in
the one sentence that holds for the person (`…_refusal`, None when they may; `can_…` derives
from it), and whose act it is comes before whether it may happen now: to the staff of another
division, the period's lock is not the reason. Whether a period's progress may still change is
measures.period_lock. The rules for documents are in reports/permissions.py.
"""

from organisations import access
from organisations.access import MANAGERS, SUPERIORS
from organisations.models import Role, StepKind
from organisations.selectors import review_chain
from thai.digits import thai_digits

from . import period_lock

KEEPERS = "นักวิเคราะห์นโยบายและแผนและผู้ดูแลระบบของหน่วยงาน"
PLAN_KEEPERS = f"แผนแก้ไขได้เฉพาะ{KEEPERS}"
SHARED = "มาตรการนี้มีหลายส่วนราชการรับผิดชอบ แต่ละส่วนราชการบันทึกผลในส่วนของตน"


def answers_for(user, measure) -> bool:
    """The person is staff of a division responsible for the measure."""
    own = access.division_ids(user, measure.organisation)
    if not own:
        return False
    if measure.all_divisions:
        return True
    return bool(own & {division.pk for division in measure.divisions.all()})


# Progress ------------------------------------------------------------------------------------


def can_view_progress(user, measure) -> bool:
    return access.is_member(user, measure.organisation)


def progress_refusal(user, measure, period) -> str | None:
    """Why the person may not record the measure's progress (and evidence) of the period:
    staff of a responsible division, the analyst and the site admin, while the period is open
    (its report not submitted)."""
    if not (access.manages(user, measure.organisation) or answers_for(user, measure)):
        return (
            f"มาตรการข้อ {thai_digits(measure.number)} เป็นของ{measure.responsible_label} "
            "ท่านไม่ได้อยู่ในส่วนราชการนี้ จึงบันทึกผลไม่ได้"
        )
    return period_lock.closed_reason(measure.fiscal_year, period)


def can_edit_progress(user, measure, period) -> bool:
    return progress_refusal(user, measure, period) is None


def entry_delete_refusal(user, entry) -> str | None:
    """Why the person may not delete a period's entry of a measure: those who keep the plan,
    while the period is open."""
    measure = entry.measure
    if not access.manages(user, measure.organisation):
        return PLAN_KEEPERS
    return period_lock.closed_reason(measure.fiscal_year, entry.period)


def combined_result_refusal(user, measure) -> str | None:
    """A shared measure's cell in the report (composed from the divisions' parts) is written
    over by those who keep the plan; each division writes its own part."""
    return None if access.manages(user, measure.organisation) else SHARED


def entry_refusal(user, measure, period) -> str | None:
    """Why the person may not write the measure's entry itself (its status and result: for a
    shared measure, the report's cell)."""
    refusal = progress_refusal(user, measure, period)
    if refusal is None and measure.is_shared:
        return combined_result_refusal(user, measure)
    return refusal


def recompose_refusal(user, measure, period) -> str | None:
    """Why the person may not give the shared measure's cell back to its divisions' parts."""
    if not measure.is_shared:
        return "มาตรการนี้มีส่วนราชการเดียว ไม่มีผลที่รวมจากหลายส่วนราชการ"
    return entry_refusal(user, measure, period)


def part_divisions(user, measure) -> list:
    """The divisions whose part of a shared measure the person records as their staff."""
    own = access.division_ids(user, measure.organisation)
    return [division for division in measure.responsible_divisions() if division.pk in own]


def division_result_refusal(user, measure, period, division) -> str | None:
    """A division's part: its own staff, and those who keep the plan, while the period is open."""
    if division.pk not in {responsible.pk for responsible in measure.responsible_divisions()}:
        return f"{division.label}ไม่ได้รับผิดชอบมาตรการนี้"
    own = division.pk in access.division_ids(user, measure.organisation)
    if not (own or access.manages(user, measure.organisation)):
        return f"ท่านไม่ได้อยู่ใน{division.label} จึงบันทึกผลในส่วนของ{division.label}ไม่ได้"
    return period_lock.closed_reason(measure.fiscal_year, period)


def _approvers(organisation) -> list[str]:
    return [role for role, kind in review_chain(organisation) if kind == StepKind.APPROVE]


def follow_up_refusal(user, measure, period) -> str | None:
    """The follow-up direction (การกำกับติดตาม): written while the report is in review by the
    superior who approves it (the approving role of the organisation's review chain, by default
    the chief administrator), or brought in with the plan by those who keep it while the period
    is open."""
    organisation = measure.organisation
    approvers = _approvers(organisation)
    approver = access.has_role(user, organisation, *approvers)
    keeper = access.manages(user, organisation)
    named = "หรือ".join(Role(role).label for role in approvers) or "ผู้อนุมัติรายงาน"
    if not (approver or keeper):
        return f"การกำกับติดตามเขียนได้เฉพาะ{named}ขณะพิจารณารายงาน"
    stage = period_lock.stage(measure.fiscal_year, period)
    if stage is None:
        return None if keeper else "รายงานของรอบนี้ยังไม่ได้เสนอ การกำกับติดตามเขียนได้เมื่อรายงานรอการพิจารณา"
    if stage == period_lock.Stage.REVIEW:
        return None if approver else f"รายงานของรอบนี้อยู่ระหว่างพิจารณา การกำกับติดตามเขียนได้เฉพาะ{named}"
    return period_lock.closed_reason(measure.fiscal_year, period)


# The plan ------------------------------------------------------------------------------------


def plan_refusal(user, organisation) -> str | None:
    """Measures, steps and divisions, imports and year copies: the analyst and the site admin."""
    return None if access.manages(user, organisation) else PLAN_KEEPERS


def can_edit_plan(user, organisation) -> bool:
    return plan_refusal(user, organisation) is None


def can_export_plan(user, organisation) -> bool:
    """Everyone of the organisation may take its plan and progress out; they see all of it."""
    return access.is_member(user, organisation)


def can_see_audit_trail(user, measure=None, organisation=None) -> bool:
    """The analyst, the superiors and the site admin see every change; staff see the changes to
    the measures their divisions answer for."""
    organisation = organisation or measure.organisation
    if access.is_operator(user) or access.has_role(user, organisation, *MANAGERS, *SUPERIORS):
        return True
    return measure is not None and answers_for(user, measure)


# Evidence ------------------------------------------------------------------------------------


def can_download_evidence(user, evidence) -> bool:
    return can_view_progress(user, evidence.entry.measure)


def evidence_refusal(user, entry) -> str | None:
    """Adding and removing evidence follows recording the entry's progress."""
    return progress_refusal(user, entry.measure, entry.period)


def evidence_removal_refusal(user, evidence) -> str | None:
    """Why the person may not remove the evidence, or None if they may: whoever records the
    measure's period may, except that on a shared measure each division's staff remove only
    what their own division attached (its part's evidence); the plan's keepers remove any."""
    entry = evidence.entry
    measure = entry.measure
    organisation = measure.organisation
    refusal = evidence_refusal(user, entry)
    if refusal or not measure.is_shared or access.manages(user, organisation):
        return refusal
    if evidence.added_by_id is not None and evidence.added_by_id == user.pk:
        return None
    attached_by = (
        access.division_ids(evidence.added_by, organisation) if evidence.added_by else set()
    )
    if attached_by & access.division_ids(user, organisation):
        return None
    labels = [
        division.label for division in measure.responsible_divisions() if division.pk in attached_by
    ]
    return f"หลักฐานนี้{'/'.join(labels) or 'ผู้อื่น'}แนบไว้ ลบได้เฉพาะส่วนราชการที่แนบหรือนักวิเคราะห์นโยบายและแผน"
