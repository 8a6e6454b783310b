"""What pdftotext extracts is the Thai text that was rendered, letter for letter.

See reports/pdf/text_layer.py for the cause and the fix."""

import html
import re
import subprocess
import sys
import unicodedata
from collections import Counter

import pypdf
import pytest

from tests.reports.conftest import pdftotext, squash
from thai.digits import thai_digits

THAI = re.compile(r"[\u0e00-\u0e7f]")


def rendered_text(document_html: str) -> str:
    """The text the document shows: the body without tags, entities decoded."""
    body = document_html.split("<body", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def thai_letters(text: str) -> Counter:
    return Counter(THAI.findall(text))


HEADER_ROW = "มาตรการ ขั้นตอนหรือวิธีการ ผู้รับผิดชอบ ผลการดำเนินการ การกำกับติดตาม"


def text_the_pdf_should_show(demo_pdf) -> str:
    """The document's text plus what pagination adds: the header row again on every further
    table page, the page numbers, the continuation word."""
    table_pages = demo_pdf.pages - 2
    page_numbers = " ".join(f"- {thai_digits(n)} -" for n in range(2, demo_pdf.pages + 1))
    return " ".join(
        [rendered_text(demo_pdf.html), HEADER_ROW * (table_pages - 1), page_numbers, "/ความเห็น..."]
    )


def test_every_thai_letter_of_the_document_is_in_the_text_layer(demo_pdf):
    expected = thai_letters(text_the_pdf_should_show(demo_pdf))
    extracted = thai_letters(demo_pdf.text)
    assert expected["ำ"] >= 144
    assert extracted == expected, {
        "missing": expected - extracted,
        "extra": extracted - expected,
    }


@pytest.mark.parametrize("word", ["ดำเนินการ", "ขั้นตอน", "เกี่ยวข้อง", "เน้นย้ำ", "กำหนด"])
def test_words_with_sara_am_and_stacked_marks_extract_intact(demo_pdf, word):
    expected = squash(text_the_pdf_should_show(demo_pdf)).count(word)
    assert expected > 0
    assert squash(demo_pdf.text).count(word) == expected


def test_tone_marks_stay_after_their_vowel(demo_pdf):
    text = squash(demo_pdf.text)
    assert "ขัน้" not in text and "ขั้น" in text
    assert not re.search(r"[\u0e48-\u0e4b][\u0e31\u0e34-\u0e37]", text), "tone mark before vowel"


def test_tools_without_actual_text_get_the_fonts_own_characters(demo_pdf, tmp_path):
    """pypdf reads only the glyph map: ำ comes out decomposed (ํ + า), never as another letter."""
    reader = pypdf.PdfReader(pdf_file(tmp_path, demo_pdf.pdf))
    text = squash("".join(page.extract_text() for page in reader.pages))
    assert unicodedata.normalize("NFKC", "ดำเนินการ") in text
    assert "กำร" not in text and "ดาเนินการ" not in text


def pdf_file(tmp_path, pdf):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return str(path)


PLAIN_WEASYPRINT = """
import sys, weasyprint
html = ('<html><head><meta charset="utf-8"><style>@font-face {font-family: L; src: url(%s)}'
        ' body {font-family: L}</style></head><body><p>การ ดำเนินการ ขั้นตอน</p></body></html>')
weasyprint.HTML(string=html).write_pdf(sys.argv[1])
"""


def test_upstream_weasyprint_still_needs_this_fix(tmp_path, settings):
    """When this fails, WeasyPrint extracts Thai correctly by itself: drop text_layer.py."""
    font = (settings.BASE_DIR / "static/fonts/Laksaman.ttf").as_uri()
    target = tmp_path / "plain.pdf"
    subprocess.run(
        [sys.executable, "-c", PLAIN_WEASYPRINT % font, str(target)], check=True, timeout=60
    )
    text = squash(pdftotext(target.read_bytes()))
    assert text != "การดำเนินการขั้นตอน", "upstream fixed the Thai text layer"
