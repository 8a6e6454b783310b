"""A report's audit trail: what people did to it, that is, the edits of its memo (and of an
analysis's rows) and each superior's signing of their block. The review's own steps (a new
round clearing the blocks, the state moving on) are the system's and are left out; the acts
themselves are listed with the report's review events."""

from measures.audit import KIND, audit_entries, latest
from organisations.models import StepKind

from .analysis_row import AnalysisRow
from .models import MEMO_FIELDS, Report, ReviewStep

SIGNED_FIELDS = {"comment", "signer_name", "signer_position"}


def report_audit_trail(report):
    words = report.words
    trail = audit_entries(
        Report.history.filter(id=report.pk),
        lambda record: words.text,
        organisation=report.organisation,
        fields=set(MEMO_FIELDS),
        act=_by_a_person,
    )
    trail += audit_entries(
        ReviewStep.history.filter(report_id=report.pk),
        lambda record: _signed_block(report, record),
        organisation=report.organisation,
        fields=SIGNED_FIELDS,
        act=_signing,
        acts_alone=True,
    )
    if report.is_analysis:
        rows = report.analysis_rows.select_related("indicator")
        names = {row.indicator_id: str(row.indicator) for row in rows}
        trail += audit_entries(
            AnalysisRow.history.filter(report_id=report.pk),
            lambda record: f"การวิเคราะห์ {names.get(record.indicator_id, 'ตัวชี้วัด')}",
            organisation=report.organisation,
            fields={"weakness", "approach"},
            act=_by_a_person,
        )
    return latest(trail)


def _signed_block(report, record) -> str:
    """What a superior signed: their comment block, or the announcement itself (its last step
    issues it: the chief executive writes no comment on a ประกาศ)."""
    if report.is_plan and record.kind == StepKind.ACKNOWLEDGE:
        return report.words.document
    return f"ความเห็น{record.signer_position}"


def _by_a_person(before, after) -> str | None:
    if after.history_user_id is None:
        return None  # the demo's set-up, a command
    return KIND[after.history_type]


def _signing(before, after) -> str | None:
    """A superior signed their block: it now names who signed, at a new time."""
    signed = after.acted_by_id is not None and after.history_user_id == after.acted_by_id
    if before is not None and signed and after.acted_at != before.acted_at:
        return "ลงนาม"
    return None
