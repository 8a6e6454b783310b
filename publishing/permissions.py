"""Who may publish a finished document, file it under an item and withdraw it: those who keep
the organisation's plan and documents (the planning analyst, the site admin). Each rule that
refuses says why (`…_refusal`, None when the person may); `can_…` derives from it."""

from organisations import access
from reports.models import ReportState

KEEPERS = "เผยแพร่และถอนการเผยแพร่ได้เฉพาะนักวิเคราะห์นโยบายและแผนและผู้ดูแลระบบของหน่วยงาน"


def publish_refusal(user, document) -> str | None:
    """A finished document, once, at its organisation's web address."""
    if not access.manages(user, document.organisation):
        return KEEPERS
    if document.state != ReportState.ACKNOWLEDGED:
        return "เผยแพร่ได้เฉพาะเอกสารฉบับสมบูรณ์ (ผู้บริหารลงนามแล้ว)"
    if hasattr(document, "publication"):
        return "เอกสารนี้เผยแพร่แล้ว"
    if not document.organisation.slug:
        return "หน่วยงานยังไม่มีชื่อในที่อยู่เว็บ ให้ผู้ดูแลระบบกำหนดก่อนเผยแพร่"
    return None


def can_publish(user, document) -> bool:
    return publish_refusal(user, document) is None


def withdraw_refusal(user, publication) -> str | None:
    if not access.manages(user, publication.document.organisation):
        return KEEPERS
    if publication.withdrawn_at is not None:
        return "เอกสารนี้ถอนการเผยแพร่แล้ว"
    return None


def can_withdraw(user, publication) -> bool:
    return withdraw_refusal(user, publication) is None


def file_under_refusal(user, publication) -> str | None:
    """File a current (not withdrawn, not superseded) publication under another item."""
    if not access.manages(user, publication.document.organisation):
        return KEEPERS
    if publication.withdrawn_at is not None:
        return "เอกสารนี้ถอนการเผยแพร่แล้ว จึงเปลี่ยนข้อการประเมินไม่ได้"
    if publication.superseded_by_id is not None:
        return "เอกสารนี้มีฉบับแก้ไขที่เผยแพร่แทนแล้ว จึงเปลี่ยนข้อการประเมินไม่ได้"
    return None


def can_change_item(user, publication) -> bool:
    return file_under_refusal(user, publication) is None


def can_prepare_website_table(user, organisation) -> bool:
    """See the year's ITA table for the organisation's website, with what it lacks, and take it
    as a snippet, an embed code or a spreadsheet (no one else learns the organisation exists)."""
    return access.manages(user, organisation)


def can_see_year(user, organisation) -> bool:
    """The year at a glance (each item, its document, state, due date and address): those who
    keep the organisation's plan and documents."""
    return access.manages(user, organisation)
