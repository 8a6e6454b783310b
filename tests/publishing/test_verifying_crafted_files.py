"""/verify/ takes a file from anyone, without signing in: a crafted or broken PDF is answered
with the Thai "not the published document" page, never a 500, in bounded time and memory (the
file is read in a child process: organisations/isolation.py), and one address may send only so
many files a minute."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from organisations import isolation
from publishing.services import document_publish
from reports.models import RenderedPdf
from reports.stored_pdfs import stored_report_pdf
from reports.verification import verify_pdf_bytes
from tests.publishing import crafted_pdfs

pytestmark = pytest.mark.django_db

NOT_PUBLISHED = "ไฟล์นี้ไม่ตรงกับเอกสารที่เผยแพร่"


@pytest.fixture
def publication(cast):
    report = cast.finish()
    stored_report_pdf(report)
    return document_publish(document=report, by=cast.alice)


def published_bytes(publication) -> bytes:
    return RenderedPdf.objects.get(report=publication.document, is_final=True).read()


def verify(client, publication, content: bytes, **address):
    url = f"/verify/{publication.document.verification_code}/"
    return client.post(url, {"file": SimpleUploadedFile("copy.pdf", content)}, **address)


CRAFTED = {
    "signature field 100,000 fields deep (7 MB)": lambda _: (
        crafted_pdfs.deeply_nested_signature_field(100_000)
    ),
    "arrays 5,000 deep": lambda _: crafted_pdfs.deeply_nested_arrays(5_000),
    "fields that are each other's kids": lambda _: crafted_pdfs.field_loop(),
    "a catalogue that is a number": lambda _: crafted_pdfs.catalogue_not_a_dictionary(),
    "a previous cross-reference that is not there": lambda _: (
        crafted_pdfs.previous_cross_reference_nowhere()
    ),
    "the published file cut in half": lambda published: published[: len(published) // 2],
    "the published file's signature cut out": lambda published: published.replace(
        b"/ByteRange", b"/ByteRangX"
    ),
    "a PDF header and noise": lambda _: b"%PDF-1.7\n" + bytes(range(256)) * 64,
}


@pytest.mark.parametrize("name", CRAFTED)
def test_a_crafted_file_gets_the_thai_answer_never_a_500(publication, client, name):
    content = CRAFTED[name](published_bytes(publication))
    response = verify(client, publication, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_PUBLISHED in page and "(ไม่ตรงกัน)" in page


def test_a_field_deeper_than_any_real_document_is_refused_as_such():
    result = verify_pdf_bytes(crafted_pdfs.deeply_nested_signature_field(2_000))
    assert not result.genuine
    assert result.problems == ["อ่านไฟล์ PDF นี้ไม่ได้ ไฟล์อาจเสียหายหรือถูกแก้ไข"]


def test_the_published_file_is_still_told_apart_from_a_changed_copy(publication, client):
    published = published_bytes(publication)
    same = verify(client, publication, published).content.decode()
    assert "ตรงกับเอกสารที่เผยแพร่ทุกไบต์ และลายมือชื่อดิจิทัลถูกต้อง" in same
    changed = bytearray(published)
    changed[len(changed) // 2] ^= 0x01
    assert NOT_PUBLISHED in verify(client, publication, bytes(changed)).content.decode()


def test_a_check_past_its_time_or_memory_is_stopped():
    assert isolation.run(crafted_pdfs.sleeps, 0, seconds=5, megabytes=64) == "woke up"
    with pytest.raises(isolation.Refused):
        isolation.run(crafted_pdfs.sleeps, 60, seconds=0.5, megabytes=64)
    with pytest.raises(isolation.Refused):
        isolation.run(crafted_pdfs.takes_memory, 2048, seconds=5, megabytes=64)


def test_files_from_one_address_are_bounded_a_minute(publication, client, settings):
    settings.VERIFY_PER_MINUTE = 2
    published = published_bytes(publication)
    for _ in range(2):
        assert verify(client, publication, published).status_code == 200
    refused = verify(client, publication, published)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "ตรวจไฟล์บ่อยเกินไป" in refused.content.decode()
    elsewhere = verify(client, publication, published, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 200
