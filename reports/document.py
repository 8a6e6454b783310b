"""What a report shows, as plain data: the memo, the superiors' blocks and the measure table.

Templates render it; the PDF, the HTML preview and the exported HTML all come from it. From
submission on, the table comes from the snapshot taken then, so later edits to the live plan do
not change a submitted report."""

import re

from measures.models import ProgressEntry
from measures.selectors import measures_with_progress
from thai.dates import thai_date
from thai.digits import thai_digits
from thai.fiscal import Period, period_end, period_start

TABLE_HEADING = "รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
HEADING_LINE = re.compile(r"^\s*[๐-๙0-9]+\.\s*\S.{0,60}$")


def report_document(report) -> dict:
    """Everything the report shows, with every digit written in Thai."""
    table = report.snapshot["table"] if report.is_frozen else plan_table(report)
    document = to_thai_digits(
        {
            "title": report.subject,
            "organisation": report.organisation.name,
            "memo": memo_fields(report),
            "reviews": review_blocks(report),
            "table": table,
        }
    )
    # A file name, not text: its digits stay as they are.
    document["emblem"] = report.organisation.emblem.name or ""
    return document


def plan_table(report) -> dict:
    """The measure table from the live plan and the period's progress."""
    fiscal_year = report.fiscal_year
    organisation = fiscal_year.organisation
    rows = []
    for measure in measures_with_progress(fiscal_year, report.period):
        entry = measure.entry
        rows.append(
            {
                "number": measure.number,
                "title": measure.title,
                "steps": [step.text for step in measure.steps.all()],
                "responsible": measure.responsible_labels,
                "status": entry.status if entry else ProgressEntry.Status.NOT_STARTED,
                "result": entry.result if entry else "",
                "follow_up": entry.follow_up if entry else "",
            }
        )
    return {
        "title_lines": [
            TABLE_HEADING,
            f"ประจำปีงบประมาณ พ.ศ. {fiscal_year.year} {Period(report.period).label} "
            f"({thai_date(period_start(fiscal_year.year, report.period))} – "
            f"{thai_date(period_end(fiscal_year.year, report.period))})",
            f"ของ{organisation.name} อำเภอ{organisation.district} จังหวัด{organisation.province}",
        ],
        "rows": rows,
    }


def memo_fields(report) -> dict:
    return {
        "department": report.department,
        "phone": report.phone,
        "document_number": report.document_number,
        "date": thai_date(report.memo_date, era_prefix=True) if report.memo_date else "",
        "subject": report.subject,
        "addressee": report.addressee,
        "paragraphs": memo_paragraphs(report.body),
        "closing": report.closing,
        "author_name": report.author_name,
        "author_position": report.author_position,
    }


def memo_paragraphs(body: str) -> list[dict]:
    """Paragraphs are separated by blank lines; a short numbered line ("๑. เรื่องเดิม") heads a
    section. Line breaks inside a paragraph are kept."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip()):
        if block.strip():
            paragraphs.append({"text": block.strip(), "heading": bool(HEADING_LINE.match(block))})
    return paragraphs


def review_blocks(report) -> list[dict]:
    return [
        {
            "heading": step.heading,
            "comment": step.comment,
            "signer_name": step.signer_name,
            "signer_position": step.signer_position,
        }
        for step in report.review_steps.order_by("order")
    ]


def to_thai_digits(value):
    if isinstance(value, str):
        return thai_digits(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return thai_digits(value)
    if isinstance(value, list):
        return [to_thai_digits(item) for item in value]
    if isinstance(value, dict):
        return {key: to_thai_digits(item) for key, item in value.items()}
    return value
