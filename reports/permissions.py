"""Who may do what with a report: the one place for the rules of documents. Views, the admin,
the review workflow and notifications ask here.

Reading follows membership of the report's organisation; editing the memo and submitting belong
to the planning analyst (the site admin edits too); each step of the review belongs to the holder
of that step's role, and only while the report waits for that step.
"""

from organisations import access
from organisations.models import Role, StepKind

from .models import ReportState

EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)
WAITING_STATES = (ReportState.IN_REVIEW, ReportState.APPROVED)


def can_view_report(user, report) -> bool:
    return access.is_member(user, report.organisation)


def can_export_report(user, report) -> bool:
    return can_view_report(user, report)


def can_create_report(user, fiscal_year) -> bool:
    return access.manages(user, fiscal_year.organisation)


def can_edit_memo(user, report) -> bool:
    return memo_refusal(user, report) is None


def memo_refusal(user, report, what=None) -> str | None:
    """Why the person may not edit the memo (or the announcement's text, or `what` else of the
    document: the analysis's table) now, the one reason that holds; None if they may."""
    words = report.words
    what = what or words.text
    if not access.manages(user, report.organisation):
        return f"{what}แก้ไขได้เฉพาะนักวิเคราะห์นโยบายและแผนและผู้ดูแลระบบของหน่วยงาน"
    if report.state == ReportState.ACKNOWLEDGED:
        return f"{words.document}นี้เสร็จสิ้นแล้ว แก้ไขไม่ได้ ถ้าต้องแก้ให้สร้างฉบับแก้ไข"
    if report.state not in EDITABLE_STATES:
        return f"{words.document}นี้เสนอผู้บังคับบัญชาแล้ว {what}แก้ไขได้เมื่อ{words.document}ถูกส่งกลับ"
    return None


def can_submit(user, report) -> bool:
    return report.state in EDITABLE_STATES and access.has_role(
        user, report.organisation, Role.ANALYST
    )


def can_revise(user, report) -> bool:
    final = report.state == ReportState.ACKNOWLEDGED and not hasattr(report, "next_revision")
    return final and access.has_role(user, report.organisation, Role.ANALYST)


def waiting_step(report):
    """The review step the report waits for, or None."""
    if report.state not in WAITING_STATES:
        return None
    return next((s for s in report.review_steps.all() if s.order == report.current_step), None)


def current_step_for(user, report):
    """The review step waiting for this person, or None."""
    step = waiting_step(report)
    if step is not None and access.has_role(user, report.organisation, step.role):
        return step
    return None


def can_act(user, report, kind) -> bool:
    """Comment, approve (and return) or acknowledge: the holder of the current step's role."""
    step = current_step_for(user, report)
    return step is not None and step.kind == kind


def can_comment(user, report) -> bool:
    return can_act(user, report, StepKind.COMMENT)


def can_approve(user, report) -> bool:
    return can_act(user, report, StepKind.APPROVE)


def can_return(user, report) -> bool:
    return can_approve(user, report)


def can_acknowledge(user, report) -> bool:
    return can_act(user, report, StepKind.ACKNOWLEDGE)


def can_see_audit_trail(user, report) -> bool:
    return access.is_operator(user) or access.has_role(
        user, report.organisation, *access.MANAGERS, *access.SUPERIORS
    )


def can_change_in_admin(user, report) -> bool:
    """The memo's fields are edited in the admin only while the report is editable."""
    return can_edit_memo(user, report)
