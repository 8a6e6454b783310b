"""The continuation word of official typing: a memo page that continues ends with the first word
of the next page, "/ความเห็น...".

Which word begins a page is known only once WeasyPrint has laid the memo out, and its public
API does not expose what a page holds (a `Page` gives its size, links, anchors and bookmarks,
not its text). So this module alone reads the laid-out boxes (`Page._page_box`), with the
version pinned in pyproject.toml as for reports/pdf/text_layer.py; tests/reports/test_demo_pdf.py
checks the word printed, and fails first if an upgrade moves it.
"""

from weasyprint.formatting_structure.boxes import MarginBox, TextBox
from weasyprint.text.line_break import get_log_attrs


def continuation_css(pages, css_string) -> str:
    """A bottom-right mark on each page but the last: "/" and the next page's first word."""
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
