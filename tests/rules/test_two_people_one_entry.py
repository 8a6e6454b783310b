"""Two people editing one entry, by any path: whoever saves second sees the first one's text and
chooses; nobody's text is lost silently."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


def progress_url(measure, period=1):
    return reverse("measures:progress", args=[measure.pk, period])


def opened_version(client, measure):
    page = client.get(progress_url(measure))
    return page.context["form"].initial["version"]


def test_an_admin_change_meanwhile_is_shown_to_the_staff_member(cast, client):
    measure = cast.measures[1]
    client.force_login(cast.bob)
    version = opened_version(client, measure)
    entry = measure.progress_entries.get(period=1)

    client.force_login(cast.alice)
    client.post(
        reverse("admin:measures_progressentry_change", args=[entry.pk]),
        {"status": "in_progress", "result": "ข้อความของนักวิเคราะห์", "follow_up": "",
         "opened_version": entry.version, "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0,
         "evidence-2-TOTAL_FORMS": 0, "evidence-2-INITIAL_FORMS": 0},
    )  # fmt: skip
    entry.refresh_from_db()
    assert entry.result == "ข้อความของนักวิเคราะห์" and entry.version == version + 1

    client.force_login(cast.bob)
    page = client.post(
        progress_url(measure),
        {"status": "done", "result": "ข้อความของบ็อบ", "version": version},
    )
    text = page.content.decode()
    assert "มีผู้อื่นบันทึกผลของมาตรการนี้ระหว่างที่ท่านแก้ไข" in text
    assert "ข้อความของนักวิเคราะห์" in text and "ข้อความของบ็อบ" in text
    entry.refresh_from_db()
    assert entry.result == "ข้อความของนักวิเคราะห์"


def test_an_import_meanwhile_names_who_saved_and_keeps_the_staff_text(cast, client):
    measure = cast.measures[1]
    client.force_login(cast.bob)
    version = opened_version(client, measure)

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "หมายเหตุ"])
    writer.writerow(["1) มาตรการทดลองข้อ 1", "1. ขั้นตอนของข้อ 1", "คลัง", "ผลจากไฟล์นำเข้า", ""])
    client.force_login(cast.alice)
    client.post(
        reverse("measures:plan_import", args=[cast.home.pk]),
        {"file": SimpleUploadedFile("p.csv", buffer.getvalue().encode()), "year": "2566",
         "period": 1},
    )  # fmt: skip
    token = client.session["pending_plan_import"]["token"]
    # "ผลจากไฟล์นำเข้า" says no status: the analyst chooses one (issue 15).
    client.post(
        reverse("measures:plan_import_confirm", args=[cast.home.pk]),
        {"token": token, "status_2": "done"},
    )
    entry = measure.progress_entries.get(period=1)
    assert entry.result == "ผลจากไฟล์นำเข้า" and entry.updated_by == cast.alice

    client.force_login(cast.bob)
    page = client.post(
        progress_url(measure), {"status": "done", "result": "ของบ็อบ", "version": version}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "alice บันทึกเมื่อ" in text and "ผลจากไฟล์นำเข้า" in text and "ของบ็อบ" in text


def test_a_stale_admin_form_is_refused_and_keeps_what_was_typed(cast, client):
    measure = cast.measures[1]
    entry = measure.progress_entries.get(period=1)
    stale = entry.version
    client.force_login(cast.bob)
    client.post(progress_url(measure), {"status": "done", "result": "ของบ็อบ", "version": stale})

    client.force_login(cast.alice)
    page = client.post(
        reverse("admin:measures_progressentry_change", args=[entry.pk]),
        {"status": "done", "result": "ข้อความที่นักวิเคราะห์พิมพ์", "follow_up": "",
         "opened_version": stale, "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0,
         "evidence-2-TOTAL_FORMS": 0, "evidence-2-INITIAL_FORMS": 0},
    )  # fmt: skip
    text = page.content.decode()
    assert page.status_code == 200
    assert "มีผู้อื่นบันทึกผลของมาตรการนี้หลังจากที่ท่านเปิดหน้านี้" in text
    assert "ข้อความที่นักวิเคราะห์พิมพ์" in text
    entry.refresh_from_db()
    assert entry.result == "ของบ็อบ"
