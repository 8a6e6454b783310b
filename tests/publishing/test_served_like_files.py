"""Public pages and PDFs served like files at the national peak (issue 19, item 3): pages say
that any cache may keep them a short while and vary on nothing a visitor sends; a published
PDF is handed to nginx (X-Accel-Redirect) or to the object store (a short-lived signed
address) and never read into Python; only the embeddable table may be framed by another site."""

import hashlib
import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse

from assessments.models import AssessmentItem
from publishing.services import publication_withdraw
from reports.models import RenderedPdf
from tests.production.test_object_storage import object_storage, s3_server  # noqa: F401
from tests.publishing.test_public_pages import published

pytestmark = pytest.mark.django_db


def public_urls(publication):
    item = AssessmentItem.objects.get(assessment_year__year=2566, code="O43")
    code = publication.document.verification_code
    return ["/ita/", "/ita/thodlong/", "/ita/thodlong/?by=item", publication.get_absolute_url(),
            "/ita/thodlong/ita-2566/", f"/ita/thodlong/ita-2566/{item.pk}/", f"/verify/{code}/",
            f"/verify/{code}/qr.svg"]  # fmt: skip


def test_public_pages_may_be_kept_by_any_cache_and_vary_on_nothing(cast, client):
    publication = published(cast)
    client.logout()
    for url in public_urls(publication):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8", HTTP_COOKIE="x=1")
        assert response.status_code == 200, url
        assert response["Cache-Control"].startswith("public, max-age="), url
        # One page for everyone: a cache keeps one copy, whatever languages or cookies a
        # browser sends (a Vary on them would keep one per browser).
        assert "Vary" not in response, (url, response.get("Vary"))
        assert not response.cookies, url


def test_signed_in_pages_are_never_kept_by_a_shared_cache(cast, client):
    client.force_login(cast.alice)
    for url in ["/", "/reports/", f"/ita/manage/{cast.home.pk}/table/2566/"]:
        response = client.get(url)
        assert "public" not in response.get("Cache-Control", ""), url


def test_only_the_embeddable_table_may_be_framed_by_another_site(cast, client):
    publication = published(cast)
    client.logout()
    embed = client.get("/ita/thodlong/ita-2566/")
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed
    others = [url for url in public_urls(publication) if url != "/ita/thodlong/ita-2566/"]
    others += ["/accounts/login/", "/ita/nobody/", publication.get_pdf_url()]
    for url in others:
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        if "Content-Security-Policy" in response:  # the PDF has none
            assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url
    client.force_login(cast.alice)
    for url in [f"/ita/manage/{cast.home.pk}/table/2566/", "/", "/admin/"]:
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url


@pytest.fixture
def never_read(monkeypatch):
    """Fails the test if anything opens a stored document's file."""

    def refuse(*args, **kwargs):
        raise AssertionError("a PDF was read into Python")

    monkeypatch.setattr(FileSystemStorage, "open", refuse)


def test_a_published_pdf_is_handed_to_nginx_and_never_read(cast, client, settings, request):
    settings.DOCUMENTS_ACCEL_REDIRECT = "/_documents/"
    publication = published(cast)
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    request.getfixturevalue("never_read")
    client.logout()
    response = client.get(publication.get_pdf_url())
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_documents/{final.file_name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["X-Content-SHA256"] == final.sha256
    assert response["Content-Disposition"] == "inline; filename*=UTF-8''thodlong-2566-report-1.pdf"
    # nginx keeps the answer naming the file a minute (a withdrawal shows within it), the file
    # itself a year.
    assert response["X-Accel-Expires"] == "60"


def test_without_nginx_the_portal_streams_the_pdf(cast, client):
    publication = published(cast)
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    client.logout()
    response = client.get(publication.get_pdf_url())
    assert response.streaming  # in chunks, never read whole
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == final.sha256


def test_a_missing_or_withdrawn_pdf_is_said_plainly(cast, client, settings):
    settings.DOCUMENTS_ACCEL_REDIRECT = "/_documents/"
    publication = published(cast)
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    storages["documents"].delete(final.file_name)
    client.logout()
    missing = client.get(publication.get_pdf_url())
    assert missing.status_code == 503 and "X-Accel-Redirect" not in missing
    assert "ไม่พบไฟล์เอกสาร" in missing.content.decode() and missing["Cache-Control"] == "no-store"
    publication_withdraw(publication=publication, by=cast.alice, reason="ทดสอบ")
    withdrawn = client.get(publication.get_pdf_url())
    assert withdrawn.status_code == 410 and "X-Accel-Redirect" not in withdrawn


def test_with_object_storage_the_pdf_is_a_short_lived_signed_address(
    object_storage,  # noqa: F811
    cast,
    client,
):
    publication = published(cast)
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    client.logout()
    response = client.get(publication.get_pdf_url())
    assert response.status_code == 302 and response.content == b""
    assert response["Cache-Control"] == "public, max-age=60"  # kept well within its life
    address = urlsplit(response["Location"])
    query = parse_qs(address.query)
    assert address.path == f"/ita-documents/documents/{final.file_name}"
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query
    downloaded = requests.get(response["Location"], timeout=10)
    assert hashlib.sha256(downloaded.content).hexdigest() == final.sha256
    assert downloaded.headers["Content-Type"] == "application/pdf"
    assert re.search(r"thodlong-2566-report-1\.pdf", downloaded.headers["Content-Disposition"])


def test_the_verify_page_still_compares_files_and_is_never_kept(
    cast, client, settings, monkeypatch
):
    settings.VERIFY_PER_MINUTE = 1
    # Both uploads in one minute's window, however long checking the first takes.
    monkeypatch.setattr("organisations.throttle.time", SimpleNamespace(time=lambda: 1_800_000_000))
    publication = published(cast)
    url = reverse("verify", args=[publication.document.verification_code])
    client.logout()
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = client.post(url, {"file": SimpleUploadedFile("copy.pdf", final.read())})
    assert (
        answer["Cache-Control"] == "no-store"
        and "ตรงกับเอกสารที่เผยแพร่ทุกไบต์" in answer.content.decode()
    )
    again = client.post(url, {"file": SimpleUploadedFile("copy.pdf", final.read())})
    assert again.status_code == 429 and again["Cache-Control"] == "no-store"


def test_publications_made_before_keep_what_their_pages_show(cast, client):
    """Publications made before the public facts were kept on them get them from their signed
    document when the portal is upgraded (publishing/migrations/0004)."""
    import importlib

    from django.apps import apps

    from publishing.models import Publication

    upgrade = importlib.import_module("publishing.migrations.0004_publication_signed_facts")
    publication = published(cast)
    page_before = client.get(publication.get_absolute_url()).content.decode()
    Publication.objects.filter(pk=publication.pk).update(
        sha256="", page_count=0, approved_at=None, approver="", acknowledged_at=None,
        acknowledger="",
    )  # fmt: skip
    upgrade.copy_signed_facts(apps, None)
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    publication.refresh_from_db()
    assert (publication.sha256, publication.page_count) == (final.sha256, final.page_count)
    assert publication.approver == "chief ทดสอบ ตำแหน่งของ chief"
    assert publication.acknowledger == "mayor ทดสอบ ตำแหน่งของ mayor"
    assert client.get(publication.get_absolute_url()).content.decode() == page_before
