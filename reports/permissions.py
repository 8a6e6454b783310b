"""Who may do what with a report: the one place for the rules of documents. Views, the admin,
the review workflow and notifications ask here.

Reading follows membership of the report's organisation; editing the memo and submitting belong
to the planning analyst (the site admin edits too); each step of the review belongs to the holder
of that step's role, and only while the report waits for that step. Each rule that refuses says
why, in the document's own words (`…_refusal`, None when the person may); `can_…` derives from
it.
"""

from organisations import access
from organisations.models import Role, StepKind

from .models import Report, ReportState

EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)
WAITING_STATES = (ReportState.IN_REVIEW, ReportState.APPROVED)
KEEPERS = "นักวิเคราะห์นโยบายและแผนและผู้ดูแลระบบของหน่วยงาน"


def can_view_report(user, report) -> bool:
    return access.is_member(user, report.organisation)


def finished_refusal(report) -> str | None:
    """A finished document never changes: a correction is a new revision."""
    if report.state == ReportState.ACKNOWLEDGED:
        return f"{report.words.document}นี้เสร็จสิ้นแล้ว แก้ไขไม่ได้ ถ้าต้องแก้ให้สร้างฉบับแก้ไข"
    return None


def create_refusal(user, fiscal_year) -> str | None:
    """A new draft (a period's report, the plan's announcement) of the organisation's plan."""
    if access.manages(user, fiscal_year.organisation):
        return None
    return f"รายงานและประกาศมาตรการสร้างได้เฉพาะ{KEEPERS}"


def can_read_final(user, report) -> bool:
    """The finished (acknowledged) document itself, its final PDF: the organisation's people,
    and the supervisors of its area, who read nothing before it is finished."""
    if report.state != ReportState.ACKNOWLEDGED:
        return False
    return access.is_member(user, report.organisation) or access.supervises(
        user, report.organisation
    )


def can_create_report(user, fiscal_year) -> bool:
    return create_refusal(user, fiscal_year) is None


def analysis_refusal(user, organisation) -> str | None:
    """A draft analysis of last year's ITA results (reports/analysis.py), which makes the
    fiscal year's plan when there is none yet."""
    if access.manages(user, organisation):
        return None
    return f"จัดทำการวิเคราะห์ผลการประเมินได้เฉพาะ{KEEPERS}"


def memo_refusal(user, report, what=None) -> str | None:
    """Why the person may not edit the memo (or the announcement's text, or `what` else of the
    document: the analysis's table) now."""
    words = report.words
    what = what or words.text
    if not access.manages(user, report.organisation):
        return f"{what}แก้ไขได้เฉพาะ{KEEPERS}"
    if report.state not in EDITABLE_STATES:
        return finished_refusal(report) or (
            f"{words.document}นี้เสนอผู้บังคับบัญชาแล้ว {what}แก้ไขได้เมื่อ{words.document}ถูกส่งกลับ"
        )
    return None


def can_edit_memo(user, report) -> bool:
    return memo_refusal(user, report) is None


def submit_refusal(user, report) -> str | None:
    """The analyst signs and sends a draft (or a returned document) up the chain."""
    document = report.words.document
    if report.state not in EDITABLE_STATES:
        return finished_refusal(report) or f"{document}นี้เสนอไปแล้ว"
    if not access.has_role(user, report.organisation, Role.ANALYST):
        return f"เฉพาะนักวิเคราะห์นโยบายและแผนของหน่วยงานเสนอ{document}ได้"
    if not report.review_steps.all():
        return f"ยังไม่ได้กำหนดลำดับผู้บังคับบัญชาที่พิจารณา{document}"
    return None


def can_submit(user, report) -> bool:
    return submit_refusal(user, report) is None


def waiting_step(report):
    """The review step the report waits for, or None."""
    if report.state not in WAITING_STATES:
        return None
    return next((s for s in report.review_steps.all() if s.order == report.current_step), None)


NOT_WAITING = {
    ReportState.DRAFT: "ยังไม่ได้เสนอ",
    ReportState.RETURNED: "ถูกส่งกลับให้แก้ไขแล้ว",
}


def step_refusal(user, report, kind=None) -> str | None:
    """Why the person may not act on the step the report waits for (as `kind`: comment, approve
    or return, acknowledge; any kind when None)."""
    document = report.words.document
    if report.state not in WAITING_STATES:
        return finished_refusal(report) or f"{document}นี้{NOT_WAITING[report.state]}"
    waiting = waiting_step(report)
    if not access.has_role(user, report.organisation, waiting.role):
        return f"ขณะนี้{document}รอ{waiting.act_label}จาก{waiting.signer_position} ท่านไม่ใช่ผู้พิจารณาขั้นนี้"
    if kind is not None and waiting.kind != kind:
        asked = report.words.last_act if kind == StepKind.ACKNOWLEDGE else StepKind(kind).label
        return f"ขั้นนี้เป็นการ{waiting.act_label} ไม่ใช่การ{asked}"
    return None


def current_step_for(user, report):
    """The review step waiting for this person, or None."""
    return None if step_refusal(user, report) else waiting_step(report)


def revise_refusal(user, report) -> str | None:
    """A correction of a finished document: a new revision, once, by the analyst."""
    document = report.words.document
    if report.state != ReportState.ACKNOWLEDGED:
        now = "ยังแก้ไขได้ตามปกติ" if report.state in EDITABLE_STATES else "อยู่ระหว่างการพิจารณา"
        return f"สร้างฉบับแก้ไขได้เฉพาะ{document}ที่เสร็จสิ้นแล้ว {document}นี้{now}"
    if Report.objects.filter(previous_revision=report).exists():
        return f"{document}นี้มีฉบับแก้ไขแล้ว"
    if not access.has_role(user, report.organisation, Role.ANALYST):
        return "เฉพาะนักวิเคราะห์นโยบายและแผนของหน่วยงานสร้างฉบับแก้ไขได้"
    return None


def can_revise(user, report) -> bool:
    return revise_refusal(user, report) is None


def delete_refusal(user, report) -> str | None:
    """A draft may go (those who keep the documents delete it in the admin); a document that
    went up the chain stays, whatever happens to it."""
    if not access.manages(user, report.organisation):
        return f"{report.words.document}ลบได้เฉพาะ{KEEPERS}"
    if report.round > 0 or report.state not in EDITABLE_STATES:
        return f"{report.words.document}ที่เสนอผู้บังคับบัญชาแล้วลบไม่ได้"
    return None


def can_see_audit_trail(user, report) -> bool:
    return access.is_operator(user) or access.has_role(
        user, report.organisation, *access.MANAGERS, *access.SUPERIORS
    )
