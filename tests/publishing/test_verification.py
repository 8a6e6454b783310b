"""Every page of a finished document carries a QR code and a short address of its verification
page; that page shows the document's identity once it is published, and says whether a file is
byte for byte the published one, with a valid signature."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publishing.services import document_publish
from reports.models import RenderedPdf
from reports.stored_pdfs import stored_report_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def publication(cast, settings):
    settings.SITE_URL = "https://ita.example.go.th"
    report = cast.finish()
    stored_report_pdf(report)
    return document_publish(document=report, by=cast.alice)


def test_every_page_carries_the_code_of_its_verification_page(publication, tmp_path):
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    (tmp_path / "final.pdf").write_bytes(final.read())
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "final.pdf"),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == final.page_count
    code = publication.document.verification_code
    for page in pages:
        scanned = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True,
                                 text=True).stdout.split()  # fmt: skip
        assert scanned == [f"https://ita.example.go.th/verify/{code}/"], page.name


def test_codes_are_not_guessable(cast):
    codes = {cast.finish(cast.draft(period=period)).verification_code for period in (1, 2)}
    assert len(codes) == 2
    for code in codes:
        assert len(code) == 12 and code.isalnum() and code.islower()


def test_the_page_shows_the_documents_identity(publication, client):
    page = client.get(f"/verify/{publication.document.verification_code}/").content.decode()
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    for shown in ["องค์การบริหารส่วนตำบลทดลอง", "รายงานรอบ ๖ เดือน (ต.ค. – มี.ค.) ปีงบประมาณ ๒๕๖๖",
                  "ฉบับแรก", "chief ทดสอบ", "mayor ทดสอบ", final.sha256, "เผยแพร่อยู่"]:  # fmt: skip
        assert shown in page, shown


def test_it_tells_the_published_file_from_a_changed_copy(publication, client):
    url = f"/verify/{publication.document.verification_code}/"
    pdf = RenderedPdf.objects.get(report=publication.document, is_final=True).read()
    same = client.post(url, {"file": SimpleUploadedFile("copy.pdf", pdf)}).content.decode()
    assert "ตรงกับเอกสารที่เผยแพร่ทุกไบต์ และลายมือชื่อดิจิทัลถูกต้อง" in same
    changed = bytearray(pdf)
    changed[len(changed) // 2] ^= 0x01
    other = client.post(url, {"file": SimpleUploadedFile("copy.pdf", bytes(changed))})
    text = other.content.decode()
    assert "ไฟล์นี้ไม่ตรงกับเอกสารที่เผยแพร่" in text and "(ไม่ตรงกัน)" in text
    assert other["Cache-Control"] == "no-store"
    nonsense = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert "ไฟล์นี้ไม่ใช่ไฟล์ PDF" in nonsense.content.decode()
