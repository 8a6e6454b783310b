"""Rendering fetches nothing but the project's own files, escapes what users wrote, and keeps
very long text on the page."""

import http.server
import threading

import pypdfium2
import pytest
from weasyprint import HTML

from measures.models import Measure, ProgressEntry
from reports.pdf.fetcher import BASE_URL, ProjectFilesFetcher
from reports.rendering import report_html
from tests.reports.conftest import page_sizes, pdftotext, render, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def listener():
    """A local web server that counts every request it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


def test_html_and_image_tags_in_user_text_are_printed_not_run(demo_report, listener):
    url, hits = listener
    measure = Measure.objects.get(number=1)
    measure.title = f'<b>ตัวหนา</b> <img src="file:///etc/passwd"> <img src="{url}/t.png">'
    measure.save()
    ProgressEntry.objects.filter(measure=measure).update(
        result=f'<script>alert("x")</script><link rel="stylesheet" href="{url}/x.css">'
    )
    html = report_html(demo_report)
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    pdf, _ = render(demo_report)
    text = squash(pdftotext(pdf))
    assert squash('<b>ตัวหนา</b> <img src="file:///etc/passwd">') in text
    assert squash('<script>alert("x")</script>') in text
    assert hits == []


def test_the_fetcher_refuses_everything_but_project_files(listener, settings, tmp_path):
    url, hits = listener
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the pdf")
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "evidence").mkdir(parents=True)
    (settings.MEDIA_ROOT / "evidence" / "private.png").write_bytes(b"evidence")
    refused = [
        secret.as_uri(),
        f"{url}/image.png",
        f"{url}/style.css",
        f"{BASE_URL}media/evidence/private.png",
        f"{BASE_URL}static/../ita_portal/settings.py",
        f"{BASE_URL}static/%2e%2e/ita_portal/settings.py",
        "https://example.com/static/css/report.css",
        "data:image/png;base64,iVBORw0KGgo=",
    ]
    html = (
        '<html><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{url}/style.css">'
        '<link rel="stylesheet" href="/static/css/fonts.css"></head><body><p>ทดสอบ</p>'
        + "".join(f'<img src="{address}">' for address in refused if "style.css" not in address)
        + "</body></html>"
    )
    fetcher = ProjectFilesFetcher()
    # WeasyPrint with the fetcher the renderer gives it, on a page made to ask for everything.
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
    assert hits == []
    assert set(refused) <= set(fetcher.refused)
    assert f"{BASE_URL}static/css/fonts.css" not in fetcher.refused
    assert "ทดสอบ" in pdftotext(pdf)


def test_the_fetcher_serves_static_files_and_uploaded_emblems(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "emblems").mkdir()
    (tmp_path / "emblems" / "kiar.png").write_bytes(b"emblem")
    fetcher = ProjectFilesFetcher()
    assert fetcher(f"{BASE_URL}media/emblems/kiar.png").read() == b"emblem"
    assert fetcher(f"{BASE_URL}static/fonts/Laksaman.ttf").read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.refused == []


def test_very_long_unbroken_thai_text_stays_on_the_page(demo_report):
    # As long as a result and a follow-up may be (measures/limits.py).
    unbroken = "ฮ" * 2000  # no word in any dictionary: nowhere a line may normally break
    words = "ดำเนินการ" * 110  # words without one space between them
    entry = ProgressEntry.objects.get(measure__number=2, period=1)
    entry.result = unbroken
    entry.follow_up = words
    entry.save()
    measure = Measure.objects.get(number=3)
    measure.title = "ฬ" * 1000
    measure.save()

    pdf, pages = render(demo_report)

    # A row taller than a page continues on the next, after that page's number and header row.
    text = squash(pdftotext(pdf))
    assert text.count("ฮ") == 2000 and text.count("ฬ") == 1000
    assert text.count("ดำเนินการ") >= 110
    document = pypdfium2.PdfDocument(pdf)
    for index, (width, height) in enumerate(page_sizes(pdf)):
        textpage = document[index].get_textpage()
        for char in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(char)
            if right > left:  # zero-width marks have empty boxes
                assert 0 <= left and right <= width + 0.5, (index, char)
                assert 0 <= bottom and top <= height + 0.5, (index, char)
    # The tall row broke across pages instead of being cut off.
    assert pages > 8
