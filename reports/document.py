"""What a report shows, as plain data: the memo, the superiors' blocks and the measure table.

Templates render it; the PDF, the HTML preview and the exported HTML all come from it. From
submission on, the table comes from the snapshot taken then, so later edits to the live plan do
not change a submitted report. A finished (acknowledged) report is the signed document: each
signature block shows its signing act of the last round (the signature image or an electronic
signature line, the name, the position and the date); any other report is a draft with empty
signature lines."""

import io
import re

import segno
from django.db.models import prefetch_related_objects
from django.urls import reverse

from measures.models import ProgressEntry
from measures.selectors import division_parts, measures_with_progress, previous_entry
from organisations.addresses import public_url
from organisations.emblems import emblem_name, placeholder_text
from thai.dates import thai_date
from thai.digits import thai_digits
from thai.fiscal import period_title

from .analysis import analysis_table
from .models import ReportState

TABLE_HEADING = "รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PLAN_HEADING = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
HEADING_LINE = re.compile(r"^\s*[๐-๙0-9]+\.\s*\S.{0,60}$")


def report_document(report) -> dict:
    """Everything the report shows, with every digit written in Thai, and what is not text
    (the emblem's file, the signature images, the table's data) as it is."""
    table = report.snapshot["table"] if report.is_frozen else plan_table(report)
    final = report.state == ReportState.ACKNOWLEDGED
    acts = signing_acts(report) if final else {}
    document = to_thai_digits(
        {
            "kind": report.kind,
            "title": report.subject,
            "organisation": report.organisation.name,
            "memo": memo_fields(report, acts.get(None)),
            "reviews": review_blocks(report, acts),
            "table": table,
        }
    )
    _with_images(document, report, acts)
    document["final"] = final
    document["emblem"] = emblem_name(report.organisation)
    document["emblem_placeholder"] = "" if document["emblem"] else placeholder_text()
    document["signature_images"] = {
        signature_url(report, act): bytes(act.signature_png)
        for act in acts.values()
        if act.signature_png
    }
    document["data"] = {
        "organisation": report.organisation.name,
        "kind": report.kind,
        "fiscal_year": report.fiscal_year.year,
        "period": report.period,
        "revision": report.revision,
        "rows": table["rows"],
    }
    document["verification"] = verification_mark(report) if final else None
    if document["verification"]:
        mark = document["verification"]
        document["signature_images"][mark["qr_path"]] = mark.pop("qr_svg")
    return document


def verification_mark(report) -> dict | None:
    """What every page of the finished document carries: a QR code of its verification page's
    address, and the address, short enough to type."""
    if not report.verification_code:
        return None
    url = public_url(report.organisation, reverse("verify", args=[report.verification_code]))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=0.4, unit="mm", border=1)
    return {
        "url": url,
        "short": url.split("://", 1)[-1],
        "qr_path": reverse("verify_qr", args=[report.verification_code]),
        "qr_svg": buffer.getvalue(),
    }


def signing_acts(report) -> dict:
    """The signing acts of the report's last round: the author's (key None) and each review
    step's (key: its order)."""
    events = report.events.filter(round=report.round, signed=True).order_by("created_at", "id")
    return {event.step_order: event for event in events}


def signature_url(report, act) -> str:
    return reverse("reports:signature", args=[report.pk, act.pk])


def signature_block(report, act, *, name, position, dated=True) -> dict:
    """A signature block: empty lines on a draft; on the signed document, the act, with its
    date unless the document already prints it (`dated=False`: the memo's author, whose date
    is the header's วันที่; the announcement's signer, whose date is "ประกาศ ณ วันที่")."""
    if act is None:
        return {"name": name, "position": position, "signed": False}
    return {
        "name": act.actor_name,
        "position": act.actor_position,
        "signed": True,
        "signed_on": thai_date(act.created_at) if dated else "",
    }


def _with_images(document, report, acts):
    """The signature images' addresses, added once the text is in Thai digits (an address is
    not text)."""
    blocks = [(None, document["memo"]["author"])] + [
        (step_order, review["signature"])
        for step_order, review in zip(_step_orders(report), document["reviews"], strict=True)
    ]
    for key, block in blocks:
        act = acts.get(key)
        block["image_url"] = signature_url(report, act) if act and act.signature_png else ""
    return document


def _step_orders(report):
    return list(report.review_steps.order_by("order").values_list("order", flat=True))


def plan_table(report) -> dict:
    """The measure table from the live plan: for a report, with the period's progress; for the
    plan's announcement, the measures, their steps and who answers for them; each measure with
    the ITA indicators it answers. The analysis's table is reports/analysis.py's."""
    if report.is_analysis:
        return analysis_table(report)
    fiscal_year = report.fiscal_year
    organisation = fiscal_year.organisation
    if report.is_plan:
        return {
            "title_lines": [
                PLAN_HEADING,
                f"ประจำปีงบประมาณ พ.ศ. {fiscal_year.year}",
                f"ของ{organisation.name} {organisation.location}",
            ],
            "rows": [
                {
                    "number": measure.number,
                    "label": measure.item_label,
                    "marker": measure.marker,
                    "title": measure.title,
                    "steps": [step.text for step in measure.steps.all()],
                    "responsible": measure.responsible_labels,
                    "indicators": answered_indicators(measure),
                }
                for measure in fiscal_year.measures.order_by("number").prefetch_related(
                    "steps", "divisions", "indicators"
                )
            ],
        }
    rows = []
    measures = measures_with_progress(fiscal_year, report.period)
    prefetch_related_objects(measures, "indicators")
    for measure in measures:
        # The 12-month table prints the year: the 6-month result until one is recorded for it.
        entry, reported = measure.entry, measure.reported
        rows.append(
            {
                "number": measure.number,
                "label": measure.item_label,
                "marker": measure.marker,
                "title": measure.title,
                "steps": [step.text for step in measure.steps.all()],
                "responsible": measure.responsible_labels,
                "status": reported.status if reported else ProgressEntry.Status.NOT_STARTED,
                "result": reported.result if reported else "",
                "follow_up": entry.follow_up if entry else "",
                "indicators": answered_indicators(measure),
            }
        )
    return {
        "title_lines": [
            TABLE_HEADING,
            f"ประจำปีงบประมาณ พ.ศ. {fiscal_year.year} "
            + period_title(fiscal_year.year, report.period),
            f"ของ{organisation.name} {organisation.location}",
        ],
        "rows": rows,
    }


def answered_indicators(measure) -> list[dict]:
    """The ITA indicators a measure answers, as its row keeps them: code and name."""
    return [{"code": i.code, "name": i.name} for i in measure.indicators.all()]


def plan_parts(report) -> dict[str, list[dict]]:
    """Each shared measure's parts as its divisions recorded them, by the measure's number (as
    text: the snapshot is JSON), for the measures where any division recorded its part: what
    the report's completeness counts per division. The table's cell is the entry's result."""
    if not report.locks_period:
        return {}
    parts = {}
    for measure in measures_with_progress(report.fiscal_year, report.period):
        if not measure.is_shared:
            continue
        found = division_parts(measure, report.period, measure.entry, previous_entry(measure))
        if any(part.record for part in found):
            parts[str(measure.number)] = [
                {"division": part.division.label, "status": part.status, "result": part.result}
                for part in found
            ]
    return parts


def memo_fields(report, author_act=None) -> dict:
    return {
        "department": report.department,
        "phone": report.phone,
        "document_number": report.document_number,
        "date": thai_date(report.memo_date, era_prefix=True) if report.memo_date else "",
        "subject": report.subject,
        "addressee": report.addressee,
        "paragraphs": memo_paragraphs(report.body),
        "closing": report.closing,
        "author": signature_block(
            report,
            author_act,
            name=report.author_name,
            position=report.author_position,
            dated=False,
        ),
    }


def memo_paragraphs(body: str) -> list[dict]:
    """Paragraphs are separated by blank lines; a short numbered line ("๑. เรื่องเดิม") heads a
    section. Line breaks inside a paragraph are kept."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip()):
        if block.strip():
            paragraphs.append({"text": block.strip(), "heading": bool(HEADING_LINE.match(block))})
    return paragraphs


def review_blocks(report, acts=None) -> list[dict]:
    acts = acts or {}
    return [
        {
            "heading": step.heading,
            "comment": step.comment,
            "signature": signature_block(
                report,
                acts.get(step.order),
                name=step.signer_name,
                position=step.signer_position,
                dated=not report.is_plan,
            ),
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
