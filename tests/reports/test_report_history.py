"""A report's history shows people's acts, with times and dates in Thai (พ.ศ.): never a system
step as if the analyst had changed a superior's opinion, never a raw timestamp (issue 17,
item 10)."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse

from reports.audit import report_audit_trail

pytestmark = pytest.mark.django_db

SIGN = {"password": "ita-demo-2566"}
# The moment of the example: 2026-11-30 23:44:19 UTC is 06:44 on 1 December in Thailand.
SIGNED_AT = datetime(2026, 11, 30, 23, 44, 19, 240526, tzinfo=UTC)


def test_the_history_shows_people_acts_in_thai(as_user, demo_report):
    analyst = as_user("analyst")
    memo = {
        "department": demo_report.department, "phone": demo_report.phone,
        "document_number": demo_report.document_number, "memo_date_day": 5,
        "memo_date_month": 4, "memo_date_year": 2023, "subject": demo_report.subject,
        "addressee": demo_report.addressee, "body": demo_report.body,
        "closing": demo_report.closing, "author_name": demo_report.author_name,
        "author_position": demo_report.author_position,
    }  # fmt: skip
    with mock.patch("django.utils.timezone.now", return_value=SIGNED_AT - timedelta(hours=2)):
        analyst.post(reverse("reports:memo", args=[demo_report.pk]), memo)
        analyst.post(reverse("reports:submit", args=[demo_report.pk]), SIGN)
    with mock.patch("django.utils.timezone.now", return_value=SIGNED_AT):
        as_user("head-office").post(
            reverse("reports:review", args=[demo_report.pk]),
            {"comment": "เห็นควรเสนอปลัดพิจารณา", **SIGN},
        )
    page = as_user("analyst").get(reverse("reports:detail", args=[demo_report.pk]))
    html = page.content.decode()
    history = html[html.index('id="audit-title"') :]

    assert (
        '<span class="muted">๑ ธันวาคม ๒๕๖๙ เวลา ๐๖:๔๔ น.</span> · '
        "<strong>นางทิมมพร อินทการ</strong> ลงนามความเห็นหัวหน้าสำนักปลัด"
    ) in history
    assert "<del></del> → <ins>เห็นควรเสนอปลัดพิจารณา</ins>" in history
    assert "วันที่: <del>๓ เมษายน ๒๕๖๖</del> → <ins>๕ เมษายน ๒๕๖๖</ins>" in history
    assert "+00:00" not in history and "2026-" not in history and "2023-" not in history

    trail = report_audit_trail(demo_report)
    # Submitting cleared the chain's blocks for the new round: the system's step, not the
    # analyst's opinion of the chief executive's "ทราบ".
    assert [(item.who, item.kind, item.what) for item in trail] == [
        ("นางทิมมพร อินทการ", "ลงนาม", "ความเห็นหัวหน้าสำนักปลัด"),
        ("นางรอซึลา บินมะนอร์", "แก้ไข", "บันทึกข้อความ"),
    ]  # the demo's own set-up (no person) is not listed either


def test_every_signing_is_in_the_history_even_without_a_word(cast, client):
    """The plan's announcement goes up without comments: each superior's signing is still a
    person's act of the history, the chief executive's being the signing of the ประกาศ."""
    from reports.services import plan_document_create
    from tests.cast import PASSWORD

    announcement = plan_document_create(fiscal_year=cast.plan, author=cast.alice)
    client.force_login(cast.alice)
    client.post(reverse("reports:submit", args=[announcement.pk]), {"password": PASSWORD})
    for person, decision in [(cast.henry, {}), (cast.chief, {"decision": "approve"}),
                             (cast.mayor, {})]:  # fmt: skip
        client.force_login(person)
        client.post(
            reverse("reports:review", args=[announcement.pk]), {"password": PASSWORD, **decision}
        )
    announcement.refresh_from_db()
    assert announcement.state == "acknowledged"
    acts = [(item.who, item.kind, item.what) for item in report_audit_trail(announcement)]
    assert acts[:3] == [
        ("mayor ทดสอบ", "ลงนาม", "ประกาศ"),
        ("chief ทดสอบ", "ลงนาม", "ความเห็นตำแหน่งของ chief"),
        ("henry ทดสอบ", "ลงนาม", "ความเห็นตำแหน่งของ henry"),
    ]
