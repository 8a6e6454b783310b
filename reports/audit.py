"""A report's audit trail: changes to its memo and to its superiors' blocks."""

from measures.audit import audit_entries, latest

from .models import Report, ReviewStep


def report_audit_trail(report):
    trail = audit_entries(
        Report.history.filter(id=report.pk),
        lambda record: "บันทึกข้อความ",
        organisation=report.organisation,
    )
    trail += audit_entries(
        ReviewStep.history.filter(report_id=report.pk),
        lambda record: f"ความเห็น{record.signer_position}",
        organisation=report.organisation,
    )
    return latest(trail)
