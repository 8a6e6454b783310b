"""A report as HTML and as PDF.

`report_pdf(report)` is the one door from a report to PDF bytes: a draft as it stands, or the
finished document as PDF/A-3b carrying its table as an associated JSON file, signed with the
organisation's certificate (reports/pdf/signing.py); with its page count and the key of what it
shows. The worker (through reports/stored_pdfs.py, which keeps renderings and serves them again
while `report_key` is unchanged), `export_report` and the tests all come through it;
`report_html` is the same document as one HTML page (the preview). The rest is private.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, Attachment

from .document import report_document
from .pdf.continuation import continuation_css
from .pdf.fetcher import BASE_URL, ProjectFilesFetcher
from .pdf.row_breaks import whole_rows_css
from .pdf.signing import sign_pdf

# Bump when the way HTML becomes PDF changes (not the templates or CSS: those are hashed).
RENDERER_VERSION = "3"
ARCHIVAL_VARIANT = "pdf/a-3b"
TABLE_ATTACHMENT = "measure-table.json"
# Each pass lays out one part; the root takes that part's page so widths follow its page size.
MEMO_ONLY = "html { page: memo; } .measure-table { display: none !important; }"
TABLE_ONLY = "html { page: table; } .memo { display: none !important; }"
ASSETS = ["css/report.css", "css/fonts.css", "fonts/Laksaman.ttf", "fonts/Laksaman-Bold.ttf"]


def report_html(report, *, preview=False) -> str:
    """The whole document as one HTML page: the preview, `export_report --format html`."""
    return _document_html(report_document(report), preview=preview, report_pk=report.pk)


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    page_count: int
    key: str  # what the report showed (report_key), from the same reading as the PDF


def report_pdf(report) -> RenderedReport:
    """The report as PDF: laid out, and once finished archival and signed."""
    document = report_document(report)
    pdf, page_count = _document_pdf(document)
    if document["final"]:
        pdf = sign_pdf(pdf, report.organisation, reason=report.words.signature_reason)
    return RenderedReport(pdf, page_count, _content_key(_document_html(document)))


def report_key(report) -> str:
    """What the report shows now, with the renderer's templates, styles and fonts: a rendering
    made under this key may be served again."""
    return _content_key(_document_html(report_document(report)))


TEMPLATES = {
    "report": "reports/document.html",
    "plan": "reports/plan_document.html",
    "analysis": "reports/analysis_document.html",
}
# The table a finished document carries as machine-readable JSON: its name and description.
ATTACHMENTS = {
    "analysis": ("analysis-table.json", "ตารางการวิเคราะห์ผลการประเมิน ITA (ข้อมูลที่อ่านด้วยเครื่องได้)"),
}


def _document_html(document: dict, *, part=None, preview=False, report_pk=None) -> str:
    context = {"doc": document, "part": part, "preview": preview, "report_pk": report_pk}
    return render_to_string(TEMPLATES[document["kind"]], context)


def _document_pdf(document: dict) -> tuple[bytes, int]:
    """The document laid out as PDF (unsigned); the finished one is archival."""
    attachments = None
    if document["final"]:
        table = json.dumps(document["data"], ensure_ascii=False, indent=1).encode()
        name, description = ATTACHMENTS.get(
            document["kind"],
            (TABLE_ATTACHMENT, "ตารางรายงานผลการดำเนินงานตามมาตรการ (ข้อมูลที่อ่านด้วยเครื่องได้)"),
        )
        attachments = [
            Attachment(string=table, name=name, description=description, relationship="Data")
        ]
    fetcher = ProjectFilesFetcher(signatures=document["signature_images"])
    marks = _verification_css(document["verification"])
    if document["kind"] == "plan":  # one flow: the announcement and its table
        html = _document_html(document)
        return _lay_out(
            html,
            fetcher=fetcher,
            attachments=attachments,
            extra_css=marks + whole_rows_css(html, "plan"),
        )
    table_html = _document_html(document, part="table")
    return _lay_out(
        _document_html(document, part="memo"),
        table_html=table_html,
        fetcher=fetcher,
        attachments=attachments,
        extra_css=marks + whole_rows_css(table_html, document["kind"]),
    )


def _verification_css(mark: dict | None) -> str:
    """Every page of a finished document: its verification QR code at the foot on the left, and
    the address to type in the middle."""
    if not mark:
        return ""
    qr = _css_string(mark["qr_path"])
    address = _css_string("ตรวจสอบเอกสาร: " + mark["short"])
    return (
        f"@page {{ @bottom-left {{ content: url({qr}); vertical-align: middle; }} "
        f"@bottom-center {{ content: {address}; font-family: Laksaman; font-size: 10pt; "
        "vertical-align: middle; } } "
        # Room for the code at the foot of the table's pages too (these rules are a user
        # style sheet: only !important wins over report.css).
        "@page table { margin-bottom: 2cm !important; }"
    )


def _lay_out(
    memo_html: str, *, table_html: str | None = None, fetcher, attachments=None, extra_css=""
) -> tuple[bytes, int]:
    """PDF bytes and page count. The memo is laid out twice when it runs over a page, the second
    time with each page's continuation word; `table_html`, the table on its own (landscape)
    pages, numbered on from the memo's, or None when the document is one flow (the plan's
    announcement). With attachments, the PDF is PDF/A-3b and carries them as associated
    files."""
    memo = _render(memo_html, fetcher, MEMO_ONLY + extra_css)
    if len(memo.pages) > 1:
        marks = continuation_css(memo.pages, _css_string)
        memo = _render(memo_html, fetcher, MEMO_ONLY + extra_css + marks)
    pages = memo.pages
    if table_html is not None:
        first_table_page = f"@page :first {{ counter-reset: page {len(memo.pages) + 1} }}"
        table = _render(table_html, fetcher, TABLE_ONLY + extra_css + first_table_page)
        pages = memo.pages + table.pages
    if attachments is None:
        return memo.copy(pages).write_pdf(), len(pages)
    archival = memo.copy(pages).write_pdf(pdf_variant=ARCHIVAL_VARIANT, attachments=attachments)
    return archival, len(pages)


def _render(html, fetcher, extra_css):
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[CSS(string=extra_css, base_url=BASE_URL, url_fetcher=fetcher)]
    )


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


@lru_cache(maxsize=1)
def _assets_fingerprint() -> str:
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    for name in ASSETS:
        digest.update((Path(settings.BASE_DIR) / "static" / name).read_bytes())
    return digest.hexdigest()


def _content_key(html: str) -> str:
    return hashlib.sha256((_assets_fingerprint() + html).encode()).hexdigest()
