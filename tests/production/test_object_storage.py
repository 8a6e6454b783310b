"""With STORAGE=s3, uploads and rendered documents land in S3-compatible object storage (moto's
S3 server here) and are read back through the portal's own views, never from a public URL."""

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from ita_portal.storage_settings import storages_from_environment
from measures.services.evidence import evidence_add_file
from reports.stored_pdfs import stored_report_pdf

pytestmark = pytest.mark.django_db

BUCKET = "ita-documents"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def object_storage(s3_server, settings, tmp_path):
    environment = {
        "STORAGE": "s3", "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": s3_server,
        "S3_ACCESS_KEY_ID": "test", "S3_SECRET_ACCESS_KEY": "test",
    }  # fmt: skip
    client = boto3.client(
        "s3", endpoint_url=s3_server, aws_access_key_id="test", aws_secret_access_key="test",
        region_name="ap-southeast-1",
    )  # fmt: skip
    if BUCKET not in [bucket["Name"] for bucket in client.list_buckets()["Buckets"]]:
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
        )
    settings.STORAGES = {
        **settings.STORAGES,
        **storages_from_environment(lambda name, default=None: environment.get(name, default),
                                    tmp_path),
    }  # fmt: skip
    return client


def keys(client):
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_evidence_and_documents_land_in_the_bucket(object_storage, cast, client):
    entry = cast.measures[1].progress_entries.get(period=1)
    evidence = evidence_add_file(
        entry=entry, by=cast.bob,
        upload=SimpleUploadedFile("หลักฐาน.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip
    assert f"media/{evidence.file.name}" in keys(object_storage)
    client.force_login(cast.bob)
    download = client.get(reverse("measures:evidence", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == PDF

    rendering = stored_report_pdf(cast.draft())
    assert f"documents/{rendering.file_name}" in keys(object_storage)
    stored = object_storage.get_object(Bucket=BUCKET, Key=f"documents/{rendering.file_name}")
    assert stored["Body"].read() == rendering.read()
    assert rendering.read().startswith(b"%PDF")


def test_a_draft_gone_from_the_bucket_is_made_again(object_storage, cast, client):
    report = cast.draft()
    rendering = stored_report_pdf(report)
    object_storage.delete_object(Bucket=BUCKET, Key=f"documents/{rendering.file_name}")
    client.force_login(cast.alice)
    waiting = client.get(reverse("reports:pdf", args=[report.pk]))
    assert waiting.status_code == 202 and "กำลังสร้างไฟล์ PDF" in waiting.content.decode()
    assert not report.renderings.exists()  # forgotten, to be made again by the worker
