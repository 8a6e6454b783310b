"""Evidence files are checked by content in one place, whatever path they come by, and served
back as downloads named for what they are."""

import io
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from measures.models import Evidence
from measures.services.evidence import evidence_add_file
from organisations.refusals import Refusal

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
HTML = (
    b"<html><body><script>fetch('/reports/').then(r=>r.text()).then(alert)</script></body></html>"
)
POLYGLOTS = {
    "pdf": b"%PDF-1.4\n" + HTML + b"\n%%EOF\n",
    "png": bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + HTML,
    "gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00" + HTML,
    "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML,
}


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (4, 4), (200, 0, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def entry_of(cast):
    return cast.measures[1].progress_entries.get(period=1)


@pytest.mark.parametrize("kind", POLYGLOTS)
def test_a_polyglot_is_refused_by_the_writer(cast, kind):
    with pytest.raises(Refusal, match="หน้าเว็บ|เสียหาย"):
        evidence_add_file(
            entry=entry_of(cast), by=cast.bob,
            upload=SimpleUploadedFile(f"หลักฐาน.{kind}", POLYGLOTS[kind]),
        )  # fmt: skip
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("kind", POLYGLOTS)
def test_a_polyglot_is_refused_by_the_staff_page(cast, client, kind):
    measure = cast.measures[1]
    client.force_login(cast.bob)
    page = client.post(
        reverse("measures:progress", args=[measure.pk, 1]),
        {"status": "in_progress", "result": "ผล", "version": entry_of(cast).version,
         "evidence_file": SimpleUploadedFile(f"x.{kind}", POLYGLOTS[kind])},
    )  # fmt: skip
    assert page.status_code == 200
    assert "ระบบไม่รับไฟล์ลักษณะนี้" in page.content.decode() or "เสียหาย" in page.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_the_admin_checks_them_the_same_way(cast, client, kind):
    entry = entry_of(cast)
    client.force_login(cast.alice)
    page = client.post(
        reverse("admin:measures_progressentry_change", args=[entry.pk]),
        {"status": entry.status, "result": entry.result, "follow_up": "",
         "opened_version": entry.version, "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0,
         "evidence-2-TOTAL_FORMS": 1, "evidence-2-INITIAL_FORMS": 0,
         "evidence-2-0-file": SimpleUploadedFile(f"x.{kind}", POLYGLOTS[kind]),
         "evidence-2-0-description": "แอบแนบ"},
    )  # fmt: skip
    assert page.status_code == 200
    assert "ระบบไม่รับไฟล์ลักษณะนี้" in page.content.decode() or "เสียหาย" in page.content.decode()
    assert not Evidence.objects.exists()


def test_the_admin_adds_a_real_file_through_the_writer(cast, client):
    entry = entry_of(cast)
    client.force_login(cast.alice)
    response = client.post(
        reverse("admin:measures_progressentry_change", args=[entry.pk]),
        {"status": entry.status, "result": entry.result, "follow_up": "",
         "opened_version": entry.version, "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0,
         "evidence-2-TOTAL_FORMS": 1, "evidence-2-INITIAL_FORMS": 0,
         "evidence-2-0-file": SimpleUploadedFile("ภาพ.png", png()),
         "evidence-2-0-description": "ภาพกิจกรรม"},
    )  # fmt: skip
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "image/png" and evidence.added_by == cast.alice


def test_a_download_is_an_attachment_named_for_its_checked_kind(cast, client):
    evidence = evidence_add_file(
        entry=entry_of(cast), by=cast.bob,
        upload=SimpleUploadedFile("แผน.html", PDF), description="แผน",
    )  # fmt: skip
    client.force_login(cast.carol)  # another division of the organisation may read it
    response = client.get(reverse("measures:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    disposition = unquote(response["Content-Disposition"])
    assert disposition.startswith("attachment;") and disposition.endswith("แผน.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF
    client.force_login(cast.olivia)
    assert client.get(reverse("measures:evidence", args=[evidence.pk])).status_code == 404


def test_office_files_must_be_packages(cast):
    broken_docx = b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml" + b"x" * 100
    with pytest.raises(Refusal):
        evidence_add_file(
            entry=entry_of(cast), by=cast.bob, upload=SimpleUploadedFile("x.docx", broken_docx)
        )


@pytest.mark.parametrize("given", ["both", "neither"])
def test_evidence_added_in_the_admin_is_a_file_or_a_link(cast, client, given):
    entry = entry_of(cast)
    client.force_login(cast.sam)
    added = {"evidence-2-0-description": "หลักฐานใหม่"}
    if given == "both":
        added["evidence-2-0-url"] = "https://example.org/evidence"
        added["evidence-2-0-file"] = SimpleUploadedFile("หลักฐาน.pdf", PDF)
    page = client.post(
        reverse("admin:measures_progressentry_change", args=[entry.pk]),
        {
            "status": entry.status,
            "result": entry.result,
            "follow_up": entry.follow_up,
            "opened_version": entry.version,
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
            "evidence-2-TOTAL_FORMS": 1,
            "evidence-2-INITIAL_FORMS": 0,
            **added,
        },
    )
    assert page.status_code == 200
    assert page.content.decode().count("หลักฐานแต่ละรายการต้องเป็นไฟล์หรือลิงก์อย่างใดอย่างหนึ่ง") == 1
    assert not Evidence.objects.filter(entry=entry).exists()
