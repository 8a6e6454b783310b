"""A measure that cannot be recorded says the one reason that holds, wherever it is met: the
pages, the writers and the admin; never "not your division OR already submitted" (issue 17,
item 9)."""

import pytest
from django.urls import reverse

from measures import permissions
from measures.services import evidence as evidence_writer
from measures.services import progress as progress_writer
from organisations.models import StepKind
from organisations.refusals import Refusal
from reports import services as report_services
from tests.cast import advance

pytestmark = pytest.mark.django_db

NOT_THEIRS = "มาตรการข้อ ๒ เป็นของช่าง ท่านไม่ได้อยู่ในส่วนราชการนี้ จึงบันทึกผลไม่ได้"
IN_REVIEW = (
    "รายงานรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖ เสนอผู้บังคับบัญชาแล้ว "
    "ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้จนกว่ารายงานจะถูกส่งกลับ"
)
APPROVED = "รายงานรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖ ได้รับอนุมัติแล้ว ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้อีก"
MEMO_IN_REVIEW = "รายงานนี้เสนอผู้บังคับบัญชาแล้ว บันทึกข้อความแก้ไขได้เมื่อรายงานถูกส่งกลับ"
MEMO_NOT_THEIRS = "บันทึกข้อความแก้ไขได้เฉพาะนักวิเคราะห์นโยบายและแผนและผู้ดูแลระบบของหน่วยงาน"


def submitted(cast):
    return advance(cast.draft(), through="submit")


def approved(cast):
    return advance(cast.draft(), through=StepKind.APPROVE)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_another_divisions_measure_says_whose_it_is_locked_or_not(cast, client):
    client.force_login(cast.bob)  # staff of คลัง; measure 2 is ช่าง's
    page = client.get(reverse("measures:progress", args=[cast.measures[2].pk, 1]), follow=True)
    assert messages_of(page) == [NOT_THEIRS]
    submitted(cast)
    page = client.get(reverse("measures:progress", args=[cast.measures[2].pk, 1]), follow=True)
    assert messages_of(page) == [NOT_THEIRS]  # the lock is not their reason
    with pytest.raises(Refusal) as refused:
        progress_writer.progress_save(
            measure=cast.measures[2], period=1, by=cast.bob, version=None, status="done", result=""
        )
    assert str(refused.value) == NOT_THEIRS


def test_a_submitted_period_says_so_on_every_path(cast, client):
    report = submitted(cast)
    measure = cast.measures[1]
    entry = measure.progress_entries.get(period=1)
    client.force_login(cast.bob)
    page = client.get(reverse("measures:progress", args=[measure.pk, 1]), follow=True)
    assert messages_of(page) == [IN_REVIEW]
    assert IN_REVIEW in page.content.decode()  # the measure's own page says it too
    for write in [
        lambda: progress_writer.progress_save(
            measure=measure, period=1, by=cast.bob, version=None, status="done", result="x"
        ),
        lambda: progress_writer.progress_ensure(measure=measure, period=1, by=cast.bob),
        lambda: evidence_writer.evidence_add_link(
            entry=entry, by=cast.bob, url="https://example.org/x"
        ),
    ]:
        with pytest.raises(Refusal) as refused:
            write()
        assert str(refused.value) == IN_REVIEW
    with pytest.raises(Refusal) as refused:
        report_services.report_update_memo(report=report, by=cast.alice, fields={"subject": "x"})
    assert str(refused.value) == MEMO_IN_REVIEW
    client.force_login(cast.alice)
    page = client.post(reverse("reports:memo", args=[report.pk]), {"subject": "x"}, follow=True)
    assert messages_of(page) == [MEMO_IN_REVIEW]


def test_an_approved_period_says_it_was_approved(cast, client):
    approved(cast)
    measure = cast.measures[1]
    client.force_login(cast.bob)
    page = client.get(reverse("measures:progress", args=[measure.pk, 1]), follow=True)
    assert messages_of(page) == [APPROVED]
    assert APPROVED in client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    with pytest.raises(Refusal) as refused:
        progress_writer.progress_save(
            measure=measure, period=1, by=cast.alice, version=None, status="done", result="x"
        )
    assert str(refused.value) == APPROVED


def test_only_who_keeps_the_memo_edits_it(cast):
    report = cast.draft()
    with pytest.raises(Refusal) as refused:
        report_services.report_update_memo(report=report, by=cast.bob, fields={"subject": "x"})
    assert str(refused.value) == MEMO_NOT_THEIRS


def test_a_write_the_database_refuses_in_a_race_with_the_submission_says_its_one_reason(
    cast, monkeypatch
):
    """The writer asked just before the report went up; the database's lock refuses the write,
    and the person reads the reason the writer would have given (not a database error)."""
    submitted(cast)
    monkeypatch.setattr(permissions, "progress_refusal", lambda *args: None)
    with pytest.raises(Refusal) as refused:
        progress_writer.progress_save(
            measure=cast.measures[1], period=1, by=cast.bob, version=None, status="done", result="x"
        )
    assert str(refused.value) == IN_REVIEW
    with pytest.raises(Refusal) as refused:
        evidence_writer.evidence_add_link(
            entry=cast.measures[1].progress_entries.get(period=1),
            by=cast.bob,
            url="https://example.org/x",
        )
    assert str(refused.value) == IN_REVIEW
