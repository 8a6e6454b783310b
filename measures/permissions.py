"""Who may do what with what is tracked: the plan, progress, evidence and the audit trail.

Every rule starts from the person's roles in the object's organisation (organisations.access):
a person of another organisation may do nothing with it. Whether a period's progress may still
change is measures.period_lock. The rules for documents are in reports/permissions.py.
"""

from organisations import access
from organisations.access import MANAGERS, SUPERIORS
from organisations.models import StepKind
from organisations.selectors import review_chain
from thai.digits import thai_digits

from . import period_lock


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


def can_edit_progress(user, measure, period) -> bool:
    """Staff of a responsible division, the analyst and the site admin, while the period is
    open (its report not submitted)."""
    return progress_refusal(user, measure, period) is None


def progress_refusal(user, measure, period) -> str | None:
    """Why the person may not record the measure's progress (and evidence) of the period, in
    the one sentence that holds for them, or None if they may. Whose measure it is comes first:
    to the staff of another division, the period's lock is not the reason."""
    if not (access.manages(user, measure.organisation) or answers_for(user, measure)):
        return (
            f"มาตรการข้อ {thai_digits(measure.number)} เป็นของ{measure.responsible_label} "
            "ท่านไม่ได้อยู่ในส่วนราชการนี้ จึงบันทึกผลไม่ได้"
        )
    return period_lock.closed_reason(measure.fiscal_year, period)


def can_edit_combined_result(user, measure) -> bool:
    """A shared measure's cell in the report (composed from the divisions' parts) is written
    over by those who keep the plan; each division writes its own part."""
    return access.manages(user, measure.organisation)


def part_divisions(user, measure) -> list:
    """The divisions whose part of a shared measure the person records as their staff."""
    own = access.division_ids(user, measure.organisation)
    return [division for division in measure.responsible_divisions() if division.pk in own]


def can_edit_division_result(user, measure, period, division) -> bool:
    """A division's part: its own staff, and those who keep the plan, while the period is open."""
    if not period_lock.is_open(measure.fiscal_year, period):
        return False
    if access.manages(user, measure.organisation):
        return True
    return division.pk in access.division_ids(user, measure.organisation)


def can_direct_follow_up(user, measure, period) -> bool:
    """The follow-up direction (การกำกับติดตาม): written while the report is in review by the
    superior who approves it (the approving role of the organisation's review chain, by default
    the chief administrator), or brought in with the plan by those who keep it while the period
    is open."""
    organisation = measure.organisation
    stage = period_lock.stage(measure.fiscal_year, period)
    if stage is None:
        return access.manages(user, organisation)
    if stage == period_lock.Stage.REVIEW:
        approvers = [role for role, kind in review_chain(organisation) if kind == StepKind.APPROVE]
        return access.has_role(user, organisation, *approvers)
    return False


# The plan ------------------------------------------------------------------------------------


def can_edit_plan(user, fiscal_year) -> bool:
    return access.manages(user, fiscal_year.organisation)


def can_import_plan(user, organisation) -> bool:
    return access.manages(user, organisation)


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


def can_change_evidence(user, entry) -> bool:
    return can_edit_progress(user, entry.measure, entry.period)


def evidence_removal_refusal(user, evidence) -> str | None:
    """Why the person may not remove the evidence, or None if they may: whoever records the
    measure's period may, except that on a shared measure each division's staff remove only
    what their own division attached (its part's evidence); the plan's keepers remove any."""
    entry = evidence.entry
    measure = entry.measure
    organisation = measure.organisation
    refusal = progress_refusal(user, measure, entry.period)
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
