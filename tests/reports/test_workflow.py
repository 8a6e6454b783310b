"""The review, step by step: order, people, atomicity, history and freezing."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from measures import period_lock
from measures.models import Measure, ProgressEntry
from organisations.models import StepKind
from organisations.refusals import Refusal
from reports import workflow
from reports.models import RenderedPdf, ReportState, ReviewEvent
from reports.stored_pdfs import stored_report_pdf
from tests.cast import advance
from tests.reports.conftest import pdftotext, squash
from tests.signing import confirmed
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def people(django_user_model, demo):
    """The demo's people by username (the demo report's own chain)."""
    return {user.username: user for user in django_user_model.objects.all()}


def refused(message):
    return pytest.raises(Refusal, match=message)


def fresh(report):
    report.refresh_from_db()
    return report


def test_the_whole_chain_in_order(demo_report, people):
    workflow.report_submit(
        demo_report, by=people["analyst"], confirmation=confirmed(people["analyst"])
    )
    run_queued_tasks()  # the worker: e-mail, the PDF
    assert fresh(demo_report).state == ReportState.IN_REVIEW
    assert demo_report.current_step == 1
    assert [m.to for m in mail.outbox] == [["head-office@example.org"]]

    workflow.report_comment(
        demo_report,
        by=people["head-office"],
        confirmation=confirmed(people["head-office"]),
        text="เห็นควรเสนอปลัดพิจารณา",
    )
    workflow.report_approve(
        demo_report, by=people["chief-admin"], confirmation=confirmed(people["chief-admin"]),
        text="อนุมัติ",
        follow_ups={10: "ควรเร่งรัดให้แล้วเสร็จภายในไตรมาสหน้า"},
    )  # fmt: skip
    run_queued_tasks()  # the worker: e-mail, the PDF
    assert fresh(demo_report).state == ReportState.APPROVED
    assert mail.outbox[-1].to == ["chief-exec@example.org"]

    workflow.report_acknowledge(
        demo_report, by=people["chief-exec"], confirmation=confirmed(people["chief-exec"])
    )
    run_queued_tasks()  # the worker: e-mail, the PDF
    report = fresh(demo_report)
    assert report.state == ReportState.ACKNOWLEDGED
    assert report.review_steps.get(order=3).comment == "ทราบ"
    assert mail.outbox[-1].to == ["analyst@example.org"]

    final = RenderedPdf.objects.get(report=report, is_final=True)
    text = squash(pdftotext(final.read()))
    assert "เห็นควรเสนอปลัดพิจารณา" in text
    assert "ควรเร่งรัดให้แล้วเสร็จภายในไตรมาสหน้า" in text
    assert [e.action for e in report.events.all()] == [
        "submit", "comment", "approve", "acknowledge",
    ]  # fmt: skip


def test_out_of_order_and_wrong_people_are_refused(demo_report, people):
    with refused("ยังไม่ได้เสนอ"):
        workflow.report_comment(
            demo_report,
            by=people["head-office"],
            confirmation=confirmed(people["head-office"]),
            text="ก่อนเสนอ",
        )
    with refused("เฉพาะนักวิเคราะห์"):
        workflow.report_submit(
            demo_report, by=people["staff-palad"], confirmation=confirmed(people["staff-palad"])
        )
    workflow.report_submit(
        demo_report, by=people["analyst"], confirmation=confirmed(people["analyst"])
    )
    with refused("เสนอไปแล้ว"):
        workflow.report_submit(
            demo_report, by=people["analyst"], confirmation=confirmed(people["analyst"])
        )
    with refused("ท่านไม่ใช่ผู้พิจารณาขั้นนี้"):
        workflow.report_approve(
            demo_report, by=people["chief-admin"], confirmation=confirmed(people["chief-admin"])
        )
    with refused("ท่านไม่ใช่ผู้พิจารณาขั้นนี้"):
        workflow.report_acknowledge(
            demo_report, by=people["chief-exec"], confirmation=confirmed(people["chief-exec"])
        )
    with refused("ไม่ใช่การพิจารณาอนุมัติ"):
        workflow.report_approve(
            demo_report, by=people["head-office"], confirmation=confirmed(people["head-office"])
        )
    assert fresh(demo_report).current_step == 1
    assert ReviewEvent.objects.filter(report=demo_report).count() == 1


def test_returning_keeps_the_earlier_rounds_comments(demo_report, people):
    workflow.report_submit(
        demo_report, by=people["analyst"], confirmation=confirmed(people["analyst"])
    )
    workflow.report_comment(
        demo_report,
        by=people["head-office"],
        confirmation=confirmed(people["head-office"]),
        text="ความเห็นรอบแรก",
    )
    with refused("กรุณาระบุเหตุผล"):
        workflow.report_return(demo_report, by=people["chief-admin"], reason=" ")
    workflow.report_return(demo_report, by=people["chief-admin"], reason="ข้อ ๑๐ ยังไม่มีผล")
    report = fresh(demo_report)
    assert report.state == ReportState.RETURNED and not report.is_frozen
    assert period_lock.is_open(report.fiscal_year, 1)

    workflow.report_submit(report, by=people["analyst"], confirmation=confirmed(people["analyst"]))
    report = fresh(report)
    assert report.round == 2 and report.review_steps.get(order=1).comment == ""
    first_round = report.events.filter(round=1)
    assert [(e.action, e.comment) for e in first_round] == [
        ("submit", ""),
        ("comment", "ความเห็นรอบแรก"),
        ("return", "ข้อ ๑๐ ยังไม่มีผล"),
    ]


def test_a_failed_step_changes_nothing(demo_report, people, monkeypatch):
    advance(demo_report, through=StepKind.APPROVE)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The step is signed, then recording the event fails: the signature goes too.
    monkeypatch.setattr("reports.workflow._record", broken)
    with pytest.raises(RuntimeError):
        workflow.report_acknowledge(
            demo_report, by=people["chief-exec"], confirmation=confirmed(people["chief-exec"])
        )
    report = fresh(demo_report)
    assert report.state == ReportState.APPROVED
    assert report.review_steps.get(order=3).acted_by is None
    assert not report.events.filter(action="acknowledge").exists()


def test_from_submission_the_report_shows_what_was_submitted(demo_report, people):
    workflow.report_submit(
        demo_report, by=people["analyst"], confirmation=confirmed(people["analyst"])
    )
    measure = Measure.objects.get(number=1)
    measure.title = "ชื่อมาตรการที่แก้หลังเสนอ"
    measure.save()
    report = fresh(demo_report)
    rows = report.snapshot["table"]["rows"]
    assert rows[0]["title"].startswith("การเผยแพร่ข้อมูล")
    assert "ชื่อมาตรการที่แก้หลังเสนอ" not in pdftotext(stored_report_pdf(report).read())


def test_an_acknowledged_report_never_changes(demo_report, people):
    advance(demo_report)
    run_queued_tasks()  # the worker: e-mail, the PDF
    report = fresh(demo_report)
    final = report.renderings.get(is_final=True)

    # The services refuse.
    for act in (
        lambda: workflow.report_submit(
            report, by=people["analyst"], confirmation=confirmed(people["analyst"])
        ),
        lambda: workflow.report_comment(
            report,
            by=people["head-office"],
            confirmation=confirmed(people["head-office"]),
            text="x",
        ),
        lambda: workflow.report_approve(
            report, by=people["chief-admin"], confirmation=confirmed(people["chief-admin"])
        ),
        lambda: workflow.report_return(report, by=people["chief-admin"], reason="x"),
        lambda: workflow.report_acknowledge(
            report, by=people["chief-exec"], confirmation=confirmed(people["chief-exec"])
        ),
    ):
        with refused("เสร็จสิ้นแล้ว"):
            act()
    # The database refuses live edits of its period, and the stored final PDF is what is served.
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.filter(measure__number=1, period=1).update(result="แก้ภายหลัง")
    assert stored_report_pdf(report).pk == final.pk
    # The database refuses to change the final PDF.
    final.file_name = "forged.pdf"
    with pytest.raises(IntegrityError), transaction.atomic():
        final.save()


def test_a_correction_is_a_new_revision_linked_to_the_old(demo_report, people):
    advance(demo_report)
    with refused("เฉพาะนักวิเคราะห์"):
        workflow.report_revise(demo_report, by=people["chief-exec"])
    revision = workflow.report_revise(demo_report, by=people["analyst"])
    assert revision.revision == 2 and revision.previous_revision_id == demo_report.pk
    assert revision.state == ReportState.DRAFT
    assert fresh(demo_report).state == ReportState.ACKNOWLEDGED
    assert period_lock.is_open(revision.fiscal_year, 1)
    with refused("มีฉบับแก้ไขแล้ว"):
        workflow.report_revise(demo_report, by=people["analyst"])


def test_a_correction_of_an_unfinished_document_is_refused_with_its_state(demo_report, people):
    analyst = people["analyst"]
    with refused("^สร้างฉบับแก้ไขได้เฉพาะรายงานที่เสร็จสิ้นแล้ว รายงานนี้ยังแก้ไขได้ตามปกติ$"):
        workflow.report_revise(demo_report, by=analyst)
    workflow.report_submit(demo_report, by=analyst, confirmation=confirmed(analyst))
    # In review, the analyst cannot edit it "as usual": the reason is the review.
    with refused("^สร้างฉบับแก้ไขได้เฉพาะรายงานที่เสร็จสิ้นแล้ว รายงานนี้อยู่ระหว่างการพิจารณา$"):
        workflow.report_revise(fresh(demo_report), by=analyst)
