"""Staff record progress in the browser: conflicts, evidence, and what is closed."""

import io

import pytest
from django.urls import reverse

from measures.models import Evidence, Measure, ProgressEntry
from measures.services import progress as services
from organisations.refusals import Refusal
from reports import workflow
from tests.signing import confirmed

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


@pytest.fixture
def klang(client, demo, django_user_model):
    client.force_login(django_user_model.objects.get(username="staff-klang"))
    return client


@pytest.fixture
def measure(demo):
    return Measure.objects.get(number=1, fiscal_year=demo.fiscal_year)


def url(measure, period=1):
    return reverse("measures:progress", args=[measure.pk, period])


def upload(name, content):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def test_my_measures_lists_only_my_divisions_measures(klang):
    page = klang.get(reverse("measures:mine")).content.decode()
    assert "ข้อ ๑<" in page and "ข้อ ๓<" in page and "ข้อ ๑๕<" in page  # กองคลัง, ทุกกอง, listed
    assert "ข้อ ๒<" not in page  # สำนักปลัด only


def test_staff_record_status_result_and_a_file(klang, measure):
    entry = measure.progress_entries.get(period=1)
    response = klang.post(
        url(measure),
        {
            "status": "done",
            "result": "เผยแพร่แผนการใช้จ่ายงบประมาณทางเว็บไซต์แล้ว",
            "version": entry.version,
            "evidence_file": upload("แผนการใช้จ่าย.pdf", PDF),
            "evidence_description": "แผนการใช้จ่ายงบประมาณ",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "done" and entry.result.startswith("เผยแพร่แผน")
    assert entry.updated_by.username == "staff-klang"
    evidence = entry.evidence.get()
    assert (
        evidence.content_type == "application/pdf" and evidence.original_name == "แผนการใช้จ่าย.pdf"
    )
    download = klang.get(reverse("measures:evidence", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == PDF


def test_a_link_is_evidence_too(klang, measure):
    entry = measure.progress_entries.get(period=1)
    klang.post(
        url(measure),
        {
            "status": "in_progress", "result": "กำลังดำเนินการ", "version": entry.version,
            "evidence_link": "ita.kiar.go.th/o42",
        },
    )  # fmt: skip
    assert entry.evidence.get().url == "https://ita.kiar.go.th/o42"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("ผล.pdf", b"MZ\x90\x00 this is a program", "ไม่ใช่ชนิดที่รับได้"),
        ("รูป.png", b"", "ไฟล์ว่างเปล่า"),
        ("ผล.pdf", b"<html><script>alert(1)</script></html>", "ไม่ใช่ชนิดที่รับได้"),
    ],
)
def test_a_bad_file_is_refused_and_the_typed_text_kept(klang, measure, name, content, message):
    entry = measure.progress_entries.get(period=1)
    response = klang.post(
        url(measure),
        {
            "status": "in_progress", "result": "ข้อความที่พิมพ์ไว้ยาว ๆ", "version": entry.version,
            "evidence_file": upload(name, content),
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert "ข้อความที่พิมพ์ไว้ยาว ๆ" in page
    assert Evidence.objects.count() == 0
    entry.refresh_from_db()
    assert entry.result == "อยู่ในระหว่างการดำเนินการ"


def test_a_file_over_the_limit_is_refused(klang, measure, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    response = klang.post(
        url(measure),
        {"status": "in_progress", "result": "x", "version": 1,
         "evidence_file": upload("ใหญ่.png", PNG + b"\0" * 2048)},
    )  # fmt: skip
    assert "ไฟล์ใหญ่เกินไป" in response.content.decode()


def test_a_second_save_does_not_overwrite_the_first(client, klang, measure, django_user_model):
    entry = measure.progress_entries.get(period=1)
    opened_version = entry.version
    # Someone else (the analyst) saves first.
    client_b = client.__class__()
    client_b.force_login(django_user_model.objects.get(username="analyst"))
    client_b.post(url(measure), {"status": "done", "result": "ข้อความของนักวิเคราะห์",
                                 "version": opened_version})  # fmt: skip
    # The first person saves from the page they opened earlier.
    response = klang.post(
        url(measure), {"status": "in_progress", "result": "ข้อความของกองคลัง",
                       "version": opened_version},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "มีผู้อื่นบันทึกผลของมาตรการนี้ระหว่างที่ท่านแก้ไข" in page
    assert "ข้อความของนักวิเคราะห์" in page and "ข้อความของกองคลัง" in page
    entry.refresh_from_db()
    assert entry.result == "ข้อความของนักวิเคราะห์"
    # They choose to keep their own: the form now carries the newer version.
    response = klang.post(
        url(measure), {"status": "in_progress", "result": "ข้อความของกองคลัง",
                       "version": entry.version},
    )  # fmt: skip
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.result == "ข้อความของกองคลัง" and entry.version == opened_version + 2


def test_the_service_refuses_a_stale_version(demo, measure, django_user_model):
    analyst = django_user_model.objects.get(username="analyst")
    entry = measure.progress_entries.get(period=1)
    services.progress_save(
        measure=measure, period=1, by=analyst, version=entry.version, status="done", result="ก"
    )
    with pytest.raises(services.EditConflict) as clash:
        services.progress_save(
            measure=measure, period=1, by=analyst, version=entry.version, status="done",
            result="ข",
        )  # fmt: skip
    assert clash.value.current.result == "ก"


def test_progress_closes_when_the_report_is_submitted(
    klang, measure, demo_report, django_user_model
):
    analyst = django_user_model.objects.get(username="analyst")
    workflow.report_submit(demo_report, by=analyst, confirmation=confirmed(analyst))
    entry = measure.progress_entries.get(period=1)
    response = klang.post(
        url(measure), {"status": "done", "result": "หลังเสนอ", "version": entry.version},
        follow=True,
    )  # fmt: skip
    assert [str(m) for m in response.context["messages"]] == [
        "รายงานรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖ เสนอผู้บังคับบัญชาแล้ว "
        "ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้จนกว่ารายงานจะถูกส่งกลับ"
    ]
    entry.refresh_from_db()
    assert entry.result != "หลังเสนอ"
    # Staff now record the full year.
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๑๒ เดือน" in klang.get(reverse("measures:mine")).content.decode()
    with pytest.raises(Refusal):
        services.progress_save(
            measure=measure, period=1, by=django_user_model.objects.get(username="analyst"),
            version=entry.version, status="done", result="ผ่านบริการ",
        )  # fmt: skip


def test_the_admin_cannot_change_progress_of_a_submitted_period(
    client, measure, demo_report, django_user_model
):
    admin = django_user_model.objects.get(username="admin")
    analyst = django_user_model.objects.get(username="analyst")
    workflow.report_submit(demo_report, by=analyst, confirmation=confirmed(analyst))
    client.force_login(admin)
    entry = measure.progress_entries.get(period=1)
    change_url = reverse("admin:measures_progressentry_change", args=[entry.pk])
    client.post(change_url, {"measure": measure.pk, "period": 1, "status": "done",
                             "result": "ผ่านหน้าผู้ดูแล", "follow_up": ""})  # fmt: skip
    entry.refresh_from_db()
    assert entry.result != "ผ่านหน้าผู้ดูแล"
    new_measure = Measure.objects.create(fiscal_year=measure.fiscal_year, number=18, title="ใหม่")
    add = client.post(
        reverse("admin:measures_progressentry_add"),
        {"measure": new_measure.pk, "period": 1, "status": "done", "result": "x",
         "follow_up": "", "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert (
        "รายงานรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖ เสนอผู้บังคับบัญชาแล้ว "
        "ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้จนกว่ารายงานจะถูกส่งกลับ"
    ) in add.content.decode()
    assert not ProgressEntry.objects.filter(measure=new_measure).exists()
