"""A report as HTML and as PDF.

`report_pdf_bytes(report)` is the one function that turns a report into PDF bytes: a draft as
it stands, or the finished document as PDF/A-3b carrying its table as an associated JSON file,
signed with the organisation's certificate (reports/pdf/signing.py). Keeping renderings, and
serving them again while what the report shows is unchanged, is `reports/stored_pdfs.py`.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, Attachment
from weasyprint.formatting_structure.boxes import MarginBox, TextBox
from weasyprint.text.line_break import get_log_attrs

from .document import report_document
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
    return document_html(report_document(report), preview=preview, report_pk=report.pk)


TEMPLATES = {
    "report": "reports/document.html",
    "plan": "reports/plan_document.html",
    "analysis": "reports/analysis_document.html",
}
# The table a finished document carries as machine-readable JSON: its name and description.
ATTACHMENTS = {
    "analysis": ("analysis-table.json", "ตารางการวิเคราะห์ผลการประเมิน ITA (ข้อมูลที่อ่านด้วยเครื่องได้)"),
}


def document_html(document: dict, *, part=None, preview=False, report_pk=None) -> str:
    context = {"doc": document, "part": part, "preview": preview, "report_pk": report_pk}
    return render_to_string(TEMPLATES[document["kind"]], context)


@dataclass
class Rendering:
    pdf: bytes
    page_count: int
    key: str


def report_pdf_bytes(report) -> bytes:
    return render_report(report).pdf


def render_report(report, document: dict | None = None) -> Rendering:
    """The report's PDF, its page count, and the key of what it shows."""
    document = document or report_document(report)
    pdf, page_count = document_pdf(document)
    if document["final"]:
        pdf = sign_pdf(pdf, report.organisation, reason=report.words.signature_reason)
    return Rendering(pdf, page_count, content_key(document_html(document)))


def document_pdf(document: dict) -> tuple[bytes, int]:
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
    marks = verification_css(document["verification"])
    if document["kind"] == "plan":
        html = document_html(document)
        rows = whole_rows_css(html, "plan")
        return html_to_pdf(html, fetcher=fetcher, attachments=attachments,
                           extra_css=marks + rows, one_part=True)  # fmt: skip
    table_html = document_html(document, part="table")
    return html_to_pdf(
        document_html(document, part="memo"),
        table_html,
        fetcher,
        attachments=attachments,
        extra_css=marks + whole_rows_css(table_html, document["kind"]),
    )


def verification_css(mark: dict | None) -> str:
    """Every page of a finished document: its verification QR code at the foot on the left, and
    the address to type in the middle."""
    if not mark:
        return ""
    qr = css_string(mark["qr_path"])
    address = css_string("ตรวจสอบเอกสาร: " + mark["short"])
    return (
        f"@page {{ @bottom-left {{ content: url({qr}); vertical-align: middle; }} "
        f"@bottom-center {{ content: {address}; font-family: Laksaman; font-size: 10pt; "
        "vertical-align: middle; } } "
        # Room for the code at the foot of the table's pages too (these rules are a user
        # style sheet: only !important wins over report.css).
        "@page table { margin-bottom: 2cm !important; }"
    )


def html_to_pdf(
    memo_html: str,
    table_html: str | None = None,
    fetcher: ProjectFilesFetcher | None = None,
    *,
    attachments: list | None = None,
    extra_css: str = "",
    one_part: bool = False,
) -> tuple[bytes, int]:
    """PDF bytes and page count. The memo and the table are laid out separately: the memo may be
    laid out twice to print each page's continuation word, and the table's page numbers
    continue from the memo's. Given one HTML page, both parts are taken from it; `one_part`:
    the page is one flow (the plan's announcement). With attachments, the PDF is PDF/A-3b and
    carries them as associated files."""
    fetcher = fetcher or ProjectFilesFetcher()
    table_html = memo_html if table_html is None else table_html
    memo = _render(memo_html, fetcher, MEMO_ONLY + extra_css)
    if len(memo.pages) > 1:
        memo = _render(memo_html, fetcher, MEMO_ONLY + extra_css + continuation_css(memo.pages))
    pages = memo.pages
    if not one_part:
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


def continuation_css(pages) -> str:
    """Official typing puts the first word of the next page at the foot of a page that
    continues: "/ความเห็น..."."""
    rules = []
    for number, next_page in enumerate(pages[1:], start=1):
        word = first_word(next_page)
        if word:
            content = css_string(f"/{word}...")
            rules.append(f"@page :nth({number}) {{ @bottom-right {{ content: {content}; }} }}")
    return "\n".join(rules)


def first_word(page) -> str:
    """The first word of the page's content (not of its page number), cut where Pango (libthai)
    puts a word boundary, extended until it holds a letter ("๑. เรื่องเดิม" gives "๑. เรื่อง")."""
    for area in page._page_box.children:
        if isinstance(area, MarginBox):
            continue
        for box in area.descendants():
            if isinstance(box, TextBox) and box.text.strip():
                return _leading_word(box.text.strip())
    return ""


def _leading_word(text: str) -> str:
    for index, attributes in enumerate(get_log_attrs(text, "th")):
        word = text[:index]
        if index and attributes.is_word_end and any(char.isalpha() for char in word):
            return word
    return text


def css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


@lru_cache(maxsize=1)
def _assets_fingerprint() -> str:
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    for name in ASSETS:
        digest.update((Path(settings.BASE_DIR) / "static" / name).read_bytes())
    return digest.hexdigest()


def content_key(html: str) -> str:
    return hashlib.sha256((_assets_fingerprint() + html).encode()).hexdigest()
