"""The review through the pages, as each person does it."""

import pytest
from django.urls import reverse

from measures.models import Measure, ProgressEntry
from organisations.models import StepKind
from organisations.refusals import Refusal
from reports import services
from reports.models import Report, ReportState
from tests.cast import advance
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

PASSWORD = "ita-demo-2566"  # every demo user's (fixtures/demo/kiar-2566.toml)
SIGN = {"password": PASSWORD}


def memo_data(report, **changes):
    data = {
        "department": report.department, "phone": report.phone,
        "document_number": report.document_number, "memo_date_day": 3, "memo_date_month": 4,
        "memo_date_year": 2023, "subject": report.subject, "addressee": report.addressee,
        "body": report.body, "closing": report.closing, "author_name": report.author_name,
        "author_position": report.author_position,
    }  # fmt: skip
    data.update(changes)
    return data


def test_the_analyst_creates_edits_and_submits(as_user, demo):
    client = as_user("analyst")
    listing = client.get(reverse("reports:list")).content.decode()
    assert "สร้างร่างรายงานรอบ ๖ เดือน" in listing
    response = client.post(
        reverse("reports:create"), {"fiscal_year": demo.fiscal_year.pk, "period": 1}
    )
    report = Report.objects.get()
    assert response.url == reverse("reports:detail", args=[report.pk])
    assert report.body.startswith("๑. เรื่องเดิม") and "ปีงบประมาณ พ.ศ. ๒๕๖๖" in report.body
    assert report.author_name == "นางรอซึลา บินมะนอร์"
    assert [s.signer_name for s in report.review_steps.all()] == [
        "นางทิมมพร อินทการ", "นายจิรวัดน์ ดำรงกุล", "นายชำซูรี อาชามิ่ง",
    ]  # fmt: skip

    bad = client.post(reverse("reports:memo", args=[report.pk]), memo_data(report, subject=""))
    assert bad.status_code == 200 and "กรุณาแก้ไขข้อมูลที่ไม่ถูกต้อง" in bad.content.decode()
    assert report.body in bad.content.decode()  # what was typed is still there

    client.post(reverse("reports:memo", args=[report.pk]), memo_data(report, phone="0 7353 2101"))
    report.refresh_from_db()
    assert report.phone == "0 7353 2101" and report.memo_date.isoformat() == "2023-04-03"

    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "ความครบถ้วนของผลการดำเนินการ" in page and "ทั้งหมด ๑๗ มาตรการ" in page
    client.post(reverse("reports:submit", args=[report.pk]), SIGN)
    report.refresh_from_db()
    assert report.state == ReportState.IN_REVIEW


def test_the_superiors_review_through_their_pages(as_user, demo_report):
    as_user("analyst").post(reverse("reports:submit", args=[demo_report.pk]), SIGN)

    head = as_user("head-office")
    assert "รอให้ความเห็นจากท่าน" in head.get(reverse("home")).content.decode()
    head.post(reverse("reports:review", args=[demo_report.pk]), {"comment": "เห็นควรอนุมัติ", **SIGN})

    chief = as_user("chief-admin")
    page = chief.get(reverse("reports:detail", args=[demo_report.pk])).content.decode()
    assert "การกำกับติดตาม ข้อ ๑๗" in page
    chief.post(
        reverse("reports:review", args=[demo_report.pk]),
        {"decision": "return", "reason": "", "comment": ""},
    )
    demo_report.refresh_from_db()
    assert demo_report.state == ReportState.IN_REVIEW  # no reason, no return
    chief.post(
        reverse("reports:review", args=[demo_report.pk]),
        {"decision": "return", "reason": "ข้อ ๑๐ ให้รายงานผลให้ชัดเจน", "follow_up_10": "ควรเร่งรัด"},
    )
    demo_report.refresh_from_db()
    assert demo_report.state == ReportState.RETURNED
    assert ProgressEntry.objects.get(measure__number=10, period=1).follow_up == "ควรเร่งรัด"
    analyst = as_user("analyst")
    assert "ถูกส่งกลับให้แก้ไข" in analyst.get(reverse("home")).content.decode()
    analyst.post(reverse("reports:submit", args=[demo_report.pk]), SIGN)
    as_user("head-office").post(
        reverse("reports:review", args=[demo_report.pk]), {"comment": "", **SIGN}
    )
    as_user("chief-admin").post(
        reverse("reports:review", args=[demo_report.pk]),
        {"decision": "approve", "comment": "อนุมัติ", "follow_up_10": "ควรเร่งรัดดำเนินการ", **SIGN},
    )
    executive = as_user("chief-exec")
    page = executive.get(reverse("reports:detail", args=[demo_report.pk])).content.decode()
    assert ">\nทราบ</textarea>" in page
    executive.post(reverse("reports:review", args=[demo_report.pk]), {"comment": "ทราบ", **SIGN})
    run_queued_tasks()  # the worker: e-mail, the PDF
    demo_report.refresh_from_db()
    assert demo_report.state == ReportState.ACKNOWLEDGED
    page = executive.get(reverse("reports:detail", args=[demo_report.pk])).content.decode()
    assert "ข้อ ๑๐ ให้รายงานผลให้ชัดเจน" in page  # the first round stays on the record
    assert "SHA-256" in page


def test_nobody_changes_an_approved_report(as_user, demo_report, django_user_model):
    users = {u.username: u for u in django_user_model.objects.all()}
    advance(demo_report, through=StepKind.APPROVE)
    subject = demo_report.subject

    # Through the pages.
    client = as_user("analyst")
    client.post(
        reverse("reports:memo", args=[demo_report.pk]), memo_data(demo_report, subject="แก้")
    )
    client.post(reverse("reports:submit", args=[demo_report.pk]), SIGN)
    # Through the admin, even as superuser.
    admin = as_user("admin")
    response = admin.post(
        reverse("admin:reports_report_change", args=[demo_report.pk]),
        memo_data(demo_report, subject="แก้ผ่านผู้ดูแล"),
    )
    assert response.status_code == 403  # the admin shows an approved report read-only
    # Through the services.
    with pytest.raises(Refusal):
        services.report_update_memo(
            report=demo_report, by=users["analyst"], fields={"subject": "x"}
        )
    demo_report.refresh_from_db()
    assert demo_report.subject == subject and demo_report.state == ReportState.APPROVED


def test_pages_show_the_audit_trail(as_user, demo):
    client = as_user("staff-klang")
    measure = Measure.objects.get(number=1)
    entry = measure.progress_entries.get(period=1)
    client.post(
        reverse("measures:progress", args=[measure.pk, 1]),
        {"status": "done", "result": "ผลใหม่ของกองคลัง", "version": entry.version},
    )
    page = as_user("analyst").get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert "ประวัติการแก้ไข" in page
    assert "นางสาวมณีรัตน์ ทองดี" in page and "ผลใหม่ของกองคลัง" in page
    assert "อยู่ในระหว่างการดำเนินการ" in page  # what it was before
    staff_page = as_user("staff-palad").get(reverse("measures:detail", args=[measure.pk]))
    assert "ประวัติการแก้ไข" not in staff_page.content.decode()


def test_the_trail_shows_the_latest_changes_of_a_long_history(as_user, demo):
    client = as_user("staff-klang")
    measure = Measure.objects.get(number=1)
    for number in range(1, 61):
        entry = measure.progress_entries.get(period=1)
        client.post(
            reverse("measures:progress", args=[measure.pk, 1]),
            {"status": "done", "result": f"ผลครั้งที่ {number}", "version": entry.version},
        )
    page = as_user("analyst").get(reverse("measures:detail", args=[measure.pk]))
    trail = page.context["trail"]
    assert len(trail) == 50 and "แสดง ๕๐ รายการล่าสุด" in page.content.decode()
    assert [change.new for change in trail[0].changes] == ["ผลครั้งที่ 60"]
    assert [change.old for change in trail[0].changes] == ["ผลครั้งที่ 59"]
    assert all(item.when >= trail[-1].when for item in trail)
