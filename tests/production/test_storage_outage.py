"""Saving progress with an evidence file is one act. The file is stored first; then the entry
and the evidence are committed together. When the storage does not answer, nothing is saved:
the person sees a Thai message with their text still in the form, and saving again once the
storage is back works, with no edit conflict against their own earlier try."""

import socket

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ita_portal.storage_settings import storages_from_environment
from measures.models import Evidence, ProgressEntry
from measures.services import evidence as evidence_writer
from reports.stored_pdfs import stored_report_pdf
from tests.production.test_object_storage import BUCKET, PDF, keys, object_storage, s3_server

pytestmark = pytest.mark.django_db
__all__ = ["object_storage", "s3_server"]  # fixtures, used by name

OUTAGE_MESSAGE = "ระบบจัดเก็บไฟล์ขัดข้อง"


def a_port_nobody_listens_on() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def point_storage_at_nothing(settings, tmp_path):
    environment = {
        "STORAGE": "s3", "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{a_port_nobody_listens_on()}",
        "S3_ACCESS_KEY_ID": "test", "S3_SECRET_ACCESS_KEY": "test",
    }  # fmt: skip
    settings.STORAGES = {
        **settings.STORAGES,
        **storages_from_environment(lambda name, default=None: environment.get(name, default),
                                    tmp_path),
    }  # fmt: skip


@pytest.fixture
def storage_down(settings, tmp_path):
    """Storage unreachable from here on: ask for it after `cast`, which stores the Garuda."""
    point_storage_at_nothing(settings, tmp_path)


def entry_state(entry):
    entry = ProgressEntry.objects.get(pk=entry.pk)
    return entry.version, entry.status, entry.result


def save(client, measure, version):
    return client.post(
        reverse("measures:progress", args=[measure.pk, 1]),
        {"status": "done", "result": "ประกาศเจตนารมณ์แล้ว ติดประกาศที่สำนักงาน", "version": version,
         "evidence_file": SimpleUploadedFile("ประกาศ.pdf", PDF),
         "evidence_description": "ประกาศเจตนารมณ์"},
    )  # fmt: skip


def test_a_save_with_a_file_during_an_outage_saves_nothing(cast, storage_down, client):
    measure = cast.measures[1]
    entry = measure.progress_entries.get(period=1)
    before = entry_state(entry)
    client.force_login(cast.bob)
    page = save(client, measure, entry.version)
    text = page.content.decode()
    assert page.status_code == 503 and OUTAGE_MESSAGE in text
    assert "ประกาศเจตนารมณ์แล้ว ติดประกาศที่สำนักงาน" in text  # the typed text is in the form
    assert entry_state(entry) == before and not Evidence.objects.exists()


def test_the_writer_stores_nothing_and_says_so(cast, storage_down):
    entry = cast.measures[1].progress_entries.get(period=1)
    with pytest.raises(evidence_writer.StorageUnavailable, match=OUTAGE_MESSAGE):
        evidence_writer.evidence_add_file(entry=entry, by=cast.bob,
                                          upload=SimpleUploadedFile("ประกาศ.pdf", PDF))  # fmt: skip
    assert not Evidence.objects.exists()


def test_saving_again_once_storage_is_back_needs_no_second_thought(
    cast, client, settings, tmp_path, object_storage
):
    measure = cast.measures[1]
    entry = measure.progress_entries.get(period=1)
    opened = entry.version
    working = settings.STORAGES
    client.force_login(cast.bob)
    point_storage_at_nothing(settings, tmp_path)
    assert save(client, measure, opened).status_code == 503
    settings.STORAGES = working
    again = save(client, measure, opened)
    assert again.status_code == 302  # no edit conflict with the try that saved nothing
    evidence = Evidence.objects.get()
    assert evidence.entry_id == entry.pk and entry_state(entry)[0] == opened + 1
    assert f"media/{evidence.file.name}" in keys(object_storage)


def test_the_final_pdf_is_kept_when_the_storage_fails_after_storing_it(
    cast, object_storage, monkeypatch
):
    """The storage answers the final PDF's upload, then fails as the drafts it replaces are
    removed: the final PDF is recorded and the rendering succeeds (the drafts' files stay)."""
    report = cast.draft()
    draft = stored_report_pdf(report)
    cast.finish(report)
    storage_class = type(storages["documents"])

    def unreachable(self, name):
        raise EndpointConnectionError(endpoint_url="http://storage.invalid")

    monkeypatch.setattr(storage_class, "delete", unreachable)
    final = stored_report_pdf(report)
    assert final.is_final and list(report.renderings.all()) == [final]
    assert f"documents/{final.file_name}" in keys(object_storage)
    assert f"documents/{draft.file_name}" in keys(object_storage)  # not removed, not recorded
