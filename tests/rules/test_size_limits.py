"""Every free text has a bound a real report never reaches (measures/limits.py): the pages, the
admin, the import and the writers refuse more, in Thai, and keep what the person typed."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from measures import limits
from measures.models import ProgressEntry
from measures.services.evidence import evidence_add_link
from measures.services.plan import measure_set_steps
from measures.services.progress import progress_save
from organisations.refusals import Refusal
from reports import workflow
from tests.cast import PASSWORD  # noqa: E402
from tests.signing import confirmed

pytestmark = pytest.mark.django_db

TOO_LONG_RESULT = "ผ" * (limits.RESULT_MAX + 1)


def test_the_staff_page_refuses_a_result_too_long_and_keeps_it(cast, client):
    measure = cast.measures[1]
    client.force_login(cast.bob)
    entry = measure.progress_entries.get(period=1)
    page = client.post(
        reverse("measures:progress", args=[measure.pk, 1]),
        {"status": "done", "result": TOO_LONG_RESULT, "version": entry.version},
    )
    assert page.status_code == 200
    assert "ข้อความนี้ยาวเกินไป รับได้ไม่เกิน 2000 ตัวอักษร" in page.content.decode()
    assert "กรุณาบันทึกผลการดำเนินการด้วย" not in page.content.decode()
    assert page.context["form"]["result"].value() == TOO_LONG_RESULT
    assert ProgressEntry.objects.get(pk=entry.pk).result == "ผลของข้อ 1"


def test_the_writer_and_the_database_refuse_it_too(cast):
    with pytest.raises(Refusal, match="ผลการดำเนินการยาวเกินไป รับได้ไม่เกิน ๒,๐๐๐ ตัวอักษร"):
        progress_save(
            measure=cast.measures[1], period=1, by=cast.bob, version=None, status="done",
            result=TOO_LONG_RESULT,
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.filter(measure=cast.measures[1]).update(result=TOO_LONG_RESULT)


def test_the_import_names_the_row(cast, client):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "หมายเหตุ"])
    writer.writerow(["1) มาตรการทดลองข้อ 1", "1. ขั้นตอน", "คลัง", TOO_LONG_RESULT, ""])
    client.force_login(cast.alice)
    page = client.post(
        reverse("measures:plan_import", args=[cast.home.pk]),
        {"file": SimpleUploadedFile("p.csv", buffer.getvalue().encode()), "year": "2566",
         "period": 1},
    )  # fmt: skip
    text = page.content.decode()
    assert "แถวที่ ๒" in text and "ผลการดำเนินการยาวเกินไป" in text
    assert cast.measures[1].progress_entries.get(period=1).result == "ผลของข้อ 1"


def test_the_admin_refuses_it(cast, client):
    entry = cast.measures[1].progress_entries.get(period=1)
    client.force_login(cast.alice)
    page = client.post(
        reverse("admin:measures_progressentry_change", args=[entry.pk]),
        {"status": "done", "result": TOO_LONG_RESULT, "follow_up": "",
         "opened_version": entry.version, "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0,
         "evidence-2-TOTAL_FORMS": 0, "evidence-2-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert page.status_code == 200
    assert "ข้อความนี้ยาวเกินไป รับได้ไม่เกิน 2000 ตัวอักษร" in page.content.decode()
    assert ProgressEntry.objects.get(pk=entry.pk).result == "ผลของข้อ 1"


def test_the_memo_and_the_comments_are_bounded(cast, client):
    report = cast.draft()
    client.force_login(cast.alice)
    page = client.post(
        reverse("reports:memo", args=[report.pk]),
        {"department": "งาน", "subject": "เรื่อง", "addressee": "นายก", "closing": "จึงเรียนมา",
         "body": "ข" * 6001, "author_name": "alice", "author_position": "นักวิเคราะห์"},
    )  # fmt: skip
    assert page.status_code == 200 and "กรุณาแก้ไขข้อมูลที่ไม่ถูกต้อง" in page.content.decode()
    report.refresh_from_db()
    assert len(report.body) < 6001
    workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    client.force_login(cast.henry)
    page = client.post(
        reverse("reports:review", args=[report.pk]), {"comment": "ค" * 1001, "password": PASSWORD}
    )
    assert [str(m) for m in page.context["messages"]] == [
        "ยังไม่ได้ลงนามความเห็น: ข้อความนี้ยาวเกินไป รับได้ไม่เกิน 1000 ตัวอักษร (ตอนนี้มี 1001 ตัวอักษร)"
    ]
    report.refresh_from_db()
    assert report.state == "in_review" and report.current_step == 1
    with pytest.raises(Refusal, match="ความเห็นยาวเกินไป"):
        workflow.report_comment(
            report, by=cast.henry, confirmation=confirmed(cast.henry), text="ค" * 1001
        )


def test_counts_are_bounded(cast):
    with pytest.raises(Refusal, match="ไม่เกิน ๓๐ ขั้นตอน"):
        measure_set_steps(measure=cast.measures[1], texts=["ขั้น"] * 31, by=cast.alice)
    entry = cast.measures[1].progress_entries.get(period=1)
    for number in range(limits.EVIDENCE_PER_ENTRY_MAX):
        evidence_add_link(entry=entry, by=cast.bob, url=f"https://example.org/{number}")
    with pytest.raises(Refusal, match="ไม่เกิน ๒๐ รายการ"):
        evidence_add_link(entry=entry, by=cast.bob, url="https://example.org/one-more")


def test_a_request_too_big_is_refused_before_it_is_read(cast, client, settings):
    settings.REQUEST_MAX_BYTES = 1024
    client.force_login(cast.bob)
    response = client.post(
        reverse("measures:progress", args=[cast.measures[1].pk, 1]),
        {"evidence_file": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 4096)},
    )
    assert response.status_code == 413
    assert "ใหญ่เกินกว่าที่ระบบรับได้" in response.content.decode()
