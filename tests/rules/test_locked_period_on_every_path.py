"""After submission, and after acknowledgement, nothing writes the period's progress, evidence or
report: each path is tried as a hurried user or a careful attacker would, each is refused with a
Thai message, and the database is exactly as it was."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from measures.models import Evidence, ProgressEntry
from measures.services import evidence as evidence_writer
from measures.services import plan as plan_writer
from measures.services import progress as progress_writer
from organisations.refusals import Refusal
from reports import services as report_services
from reports import workflow
from reports.models import Report
from tests.cast import advance
from tests.conftest import database_state
from tests.signing import confirmed

pytestmark = pytest.mark.django_db

# The one reason each lock gives (issue 17, item 9): submitted, then approved.
CLOSED = {
    "in_review": "รายงานรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖ เสนอผู้บังคับบัญชาแล้ว "
    "ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้จนกว่ารายงานจะถูกส่งกลับ",
    "acknowledged": "รายงานรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖ ได้รับอนุมัติแล้ว "
    "ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้อีก",
}
MEMO_CLOSED = {
    "in_review": "รายงานนี้เสนอผู้บังคับบัญชาแล้ว บันทึกข้อความแก้ไขได้เมื่อรายงานถูกส่งกลับ",
    "acknowledged": "รายงานนี้เสร็จสิ้นแล้ว แก้ไขไม่ได้ ถ้าต้องแก้ให้สร้างฉบับแก้ไข",
}
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def submitted(cast) -> Report:
    evidence_writer.evidence_add_link(
        entry=cast.measures[1].progress_entries.get(period=1), by=cast.bob,
        url="https://example.org/evidence", description="หลักฐานเดิม",
    )  # fmt: skip
    return advance(cast.draft(), through="submit")


def acknowledged(cast) -> Report:
    return advance(submitted(cast), follow_ups={1: "เร่งรัด"})


@pytest.fixture(params=["submitted", "acknowledged"])
def locked(request, cast):
    report = {"submitted": submitted, "acknowledged": acknowledged}[request.param](cast)
    return cast, Report.objects.get(pk=report.pk)


def plan_csv(result: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "หมายเหตุ"])
    for number in (1, 2, 3):
        division = {1: "คลัง", 2: "ช่าง", 3: "ทุกกอง"}[number]
        writer.writerow([f"{number}) มาตรการทดลองข้อ {number}", f"1. ขั้นตอนของข้อ {number}",
                         division, result, ""])  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")


def as_person(client, user):
    client.force_login(user)
    return client


def test_the_pages_refuse(locked, client):
    cast, report = locked
    before = database_state()
    entry = cast.measures[1].progress_entries.get(period=1)
    evidence = Evidence.objects.get(entry=entry)

    bob = as_person(client, cast.bob)
    page = bob.post(
        reverse("measures:progress", args=[cast.measures[1].pk, 1]),
        {"status": "done", "result": "แก้หลังเสนอ", "version": entry.version,
         "evidence_file": SimpleUploadedFile("x.pdf", PDF)},
        follow=True,
    )  # fmt: skip
    assert CLOSED[report.state] in page.content.decode()
    page = bob.post(reverse("measures:evidence_delete", args=[evidence.pk]), follow=True)
    assert CLOSED[report.state] in page.content.decode()

    alice = as_person(client, cast.alice)
    page = alice.post(
        reverse("measures:plan_import", args=[cast.home.pk]),
        {"file": SimpleUploadedFile("plan.csv", plan_csv("ผลใหม่")), "year": "๒๕๖๖", "period": 1},
    )
    assert CLOSED[report.state] in page.content.decode()
    assert "ยืนยันการนำเข้า" not in page.content.decode()
    page = alice.post(reverse("reports:memo", args=[report.pk]), {"subject": "เปลี่ยน"}, follow=True)
    assert MEMO_CLOSED[report.state] in page.content.decode()
    page = alice.post(reverse("measures:plan_copy", args=[cast.plan.pk]), {"year": "2566"},
                      follow=True)  # fmt: skip
    assert "มีมาตรการอยู่แล้ว" in page.content.decode()
    assert database_state() == before


def test_the_admin_refuses(locked, client):
    cast, report = locked
    before = database_state()
    entry = cast.measures[1].progress_entries.get(period=1)
    sam = as_person(client, cast.sam)
    history = entry.history.earliest("history_date")
    posts = {
        reverse("admin:measures_progressentry_change", args=[entry.pk]): {
            "status": "done", "result": "ผ่านหน้าผู้ดูแล", "follow_up": "",
            "opened_version": entry.version, "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0, "evidence-2-TOTAL_FORMS": 1,
            "evidence-2-INITIAL_FORMS": 0, "evidence-2-0-url": "https://example.org/new",
        },
        reverse("admin:measures_progressentry_delete", args=[entry.pk]): {"post": "yes"},
        reverse("admin:measures_progressentry_simple_history",
                args=[entry.pk, history.history_id]): {"status": "done", "result": "ย้อน"},
        reverse("admin:reports_report_change", args=[report.pk]): {"subject": "เปลี่ยนผ่านแอดมิน"},
        reverse("admin:reports_report_simple_history",
                args=[report.pk, report.history.earliest("history_date").history_id]): {
            "state": "draft", "subject": "ย้อนกลับ"},
    }  # fmt: skip
    for url, data in posts.items():
        response = sam.post(url, data)
        assert response.status_code == 403, url
        assert "ไม่มีสิทธิ์" in response.content.decode() or "ย้อน" in response.content.decode()
    page = sam.get(reverse("admin:measures_measure_change", args=[cast.measures[1].pk]))
    assert 'name="progress_entries-0-result"' not in page.content.decode()  # shown read-only
    page = sam.post(
        reverse("admin:measures_measure_import"),
        {"format": "1", "fiscal_year": cast.plan.pk, "period": 1,
         "import_file": SimpleUploadedFile("plan.csv", plan_csv("ผลใหม่"))},
    )  # fmt: skip
    assert CLOSED[report.state] in page.content.decode()
    assert database_state() == before


def test_the_command_and_the_services_refuse(locked, tmp_path):
    cast, report = locked
    before = database_state()
    table = tmp_path / "plan.csv"
    table.write_bytes(plan_csv("ผลใหม่ผ่านคำสั่ง"))
    with pytest.raises(CommandError, match="ไม่ได้นำเข้า"):
        call_command("import_measures", str(table), "--org", "อบต.ทดลอง", "--year", "2566",
                     "--period", "1")  # fmt: skip
    measure = cast.measures[1]
    entry = measure.progress_entries.get(period=1)
    refusals = [
        lambda: progress_writer.progress_save(
            measure=measure, period=1, by=cast.alice, version=None, status="done", result="x"
        ),
        lambda: progress_writer.progress_ensure(measure=measure, period=1, by=cast.bob),
        lambda: progress_writer.progress_delete(entry=entry, by=cast.alice),
        lambda: evidence_writer.evidence_add_link(
            entry=entry, by=cast.bob, url="https://example.org/x"
        ),
        lambda: evidence_writer.evidence_add_file(
            entry=entry, by=cast.bob, upload=SimpleUploadedFile("x.pdf", PDF)
        ),
        lambda: evidence_writer.evidence_remove(evidence=entry.evidence.get(), by=cast.bob),
        lambda: plan_writer.measure_delete(measure=measure, by=cast.alice),
        lambda: plan_writer.plan_copy(source=cast.plan, year=2566, by=cast.alice),
        lambda: report_services.report_update_memo(
            report=report, by=cast.alice, fields={"subject": "เปลี่ยน"}
        ),
    ]
    if report.state == "acknowledged":
        refusals.append(
            lambda: progress_writer.progress_set_follow_ups(
                fiscal_year=cast.plan, period=1, follow_ups={1: "หลังอนุมัติ"}, by=cast.chief
            )
        )
    for refusal in refusals:
        with pytest.raises(Refusal) as refused:
            refusal()
        assert any("\u0e00" <= char <= "\u0e7f" for char in str(refused.value))
    assert database_state() == before


def test_the_database_refuses_what_bypasses_everything(locked):
    cast, report = locked
    entry = cast.measures[1].progress_entries.get(period=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.filter(pk=entry.pk).update(result="ผ่าน SQL")
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(entry=entry, url="https://example.org/sql")
    if report.state == "acknowledged":
        with pytest.raises(IntegrityError), transaction.atomic():
            Report.objects.filter(pk=report.pk).update(subject="ผ่าน SQL")
        with pytest.raises(IntegrityError), transaction.atomic():
            ProgressEntry.objects.filter(pk=entry.pk).update(follow_up="ผ่าน SQL")


def test_a_returned_report_opens_the_period_again(cast, client):
    report = submitted(cast)
    workflow.report_comment(report, by=cast.henry, confirmation=confirmed(cast.henry), text="")
    workflow.report_return(report, by=cast.chief, reason="แก้ข้อ ๑")
    measure = cast.measures[1]
    entry = progress_writer.progress_save(
        measure=measure, period=1, by=cast.bob, version=None, status="done", result="แก้แล้ว"
    )
    assert entry.result == "แก้แล้ว"


def test_outsiders_and_other_divisions_never_write(cast):
    measure = cast.measures[1]
    for stranger in (cast.carol, cast.olivia, cast.oscar, cast.henry):
        with pytest.raises(Refusal):
            progress_writer.progress_save(
                measure=measure, period=1, by=stranger, version=None, status="done", result="x"
            )
    with pytest.raises(PermissionDenied):
        plan_writer.measure_delete(measure=measure, by=cast.bob)
