import subprocess
from types import SimpleNamespace

import pypdfium2
import pytest
from django.db import transaction

from measures.demo import load_demo, read_demo_fixture
from reports.demo import load_demo_report
from reports.rendering import report_html, report_pdf


def pdftotext(pdf: bytes, *, first=None, last=None, layout=False) -> str:
    """poppler's pdftotext: what a person searching or copying the PDF gets. Without `layout`,
    in drawing order (-raw), which keeps each table cell's lines together."""
    command = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw"]
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    return subprocess.run(
        [*command, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def page_texts(pdf: bytes, *, layout=True) -> list[str]:
    return [pdftotext(pdf, first=n, last=n, layout=layout) for n in range(1, page_count(pdf) + 1)]


def page_count(pdf: bytes) -> int:
    return len(pypdfium2.PdfDocument(pdf))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(pdf)
    return [document[index].get_size() for index in range(len(document))]


def squash(text: str) -> str:
    """Whitespace aside: line breaks in the PDF fall where the layout wrapped."""
    return "".join(text.split())


def shown(text: str, pages: list[str]) -> bool:
    """Whether the pages (squashed text of each) show the text, whole on one page or begun at
    the foot of one and continued on the next, as a table cell continues under the header row
    of the next page."""
    text = squash(text)
    for page, following in zip(pages, [*pages[1:], ""]):
        if text in page:
            return True
        if any(text[:cut] in page and text[cut:] in following for cut in range(1, len(text))):
            return True
    return False


@pytest.fixture(scope="module")
def demo_pdf(django_db_setup, django_db_blocker):
    """The demo report rendered once for a module of tests; the database is left as it was."""
    with django_db_blocker.unblock(), transaction.atomic():
        data = read_demo_fixture()
        report = load_demo_report(data, load_demo(data).fiscal_year)
        html = report_html(report)
        rendered = report_pdf(report)
        pdf, pages = rendered.pdf, rendered.page_count
        transaction.set_rollback(True)
    return SimpleNamespace(pdf=pdf, html=html, data=data, pages=pages, text=pdftotext(pdf))


def render(report) -> tuple[bytes, int]:
    """The report's PDF the way the portal makes it, and its page count."""
    rendered = report_pdf(report)
    return rendered.pdf, rendered.page_count


@pytest.fixture
def as_user(client, django_user_model, demo):
    """The test client signed in as a demo user, by username."""

    def sign_in(username):
        client.force_login(django_user_model.objects.get(username=username))
        return client

    return sign_in
