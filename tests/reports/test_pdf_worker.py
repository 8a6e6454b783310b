"""No request renders a PDF: the review queues the rendering for the background worker, which
renders outside any transaction, retries a failure later and shows it; the pages say a file is
being made and hand it over once it is there."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from organisations.models import StepKind
from reports import pdf_jobs, rendering, workflow
from reports.models import PdfJob, RenderedPdf, Report
from tests.cast import advance
from tests.signing import confirmed
from tests.worker import run_queued_tasks

SIGN = {"password": "pw-for-tests-only"}


def approved(cast):
    report = advance(cast.draft(), through=StepKind.APPROVE, comment="", approval="")
    run_queued_tasks()
    return report


def render_tasks():
    return DBTaskResult.objects.filter(task_path="reports.tasks.render_pdf")


@pytest.mark.django_db(transaction=True)
def test_the_acknowledgement_returns_while_the_final_pdf_is_queued(cast, client, monkeypatch):
    report = approved(cast)
    seen = []
    real = rendering.report_pdf
    monkeypatch.setattr(
        rendering, "report_pdf", lambda doc: seen.append(connection.in_atomic_block) or real(doc)
    )
    client.force_login(cast.mayor)
    response = client.post(reverse("reports:review", args=[report.pk]), {"comment": "ทราบ", **SIGN})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "acknowledged" and seen == []
    assert not RenderedPdf.objects.filter(report=report, is_final=True).exists()
    assert PdfJob.objects.get(report=report).state == PdfJob.State.QUEUED
    assert render_tasks().ready().count() == 1

    client.force_login(cast.alice)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "กำลังสร้างไฟล์ PDFฉบับสมบูรณ์ที่ลงนามแล้ว" in page
    waiting = client.get(reverse("reports:pdf", args=[report.pk]))
    assert waiting.status_code == 202 and waiting["Cache-Control"] == "no-store"
    assert '<meta http-equiv="refresh" content="3">' in waiting.content.decode()
    assert render_tasks().ready().count() == 1  # asking again queues nothing more

    run_queued_tasks()
    assert seen == [False]  # rendered by the worker, outside any transaction
    final = RenderedPdf.objects.get(report=report, is_final=True)
    assert PdfJob.objects.get(report=report).state == PdfJob.State.DONE
    download = client.get(reverse("reports:pdf", args=[report.pk]))
    assert download.status_code == 200 and download["X-Content-SHA256"] == final.sha256
    assert "SHA-256" in client.get(reverse("reports:detail", args=[report.pk])).content.decode()


@pytest.mark.django_db
def test_a_failed_render_is_retried_later_shown_and_can_be_retried(cast, client, monkeypatch):
    report = approved(cast)
    workflow.report_acknowledge(report, by=cast.mayor, confirmation=confirmed(cast.mayor))

    def broken(report):
        raise OSError("disk full")

    monkeypatch.setattr(rendering, "report_pdf", broken)
    assert run_queued_tasks() >= 1
    job = PdfJob.objects.get(report=report)
    assert (job.state, job.attempts, job.error) == ("queued", 1, "OSError: disk full")
    later = render_tasks().filter(status="READY").get()
    assert later.run_after > timezone.now() + timedelta(seconds=20)
    assert run_queued_tasks() == 0  # not yet due
    client.force_login(cast.alice)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "ระบบกำลังลองใหม่" in page

    for _second_and_third_attempt in (2, 3):
        render_tasks().filter(status="READY").update(run_after=timezone.now())
        run_queued_tasks()
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("failed", 3)
    assert render_tasks().filter(status="READY").count() == 0  # given up
    assert render_tasks().filter(status="FAILED").count() == 3  # each try on the record
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "สร้างไฟล์ PDFฉบับสมบูรณ์ไม่สำเร็จ (ลองแล้ว ๓ ครั้ง)" in page
    assert "disk full" not in page  # the error is for the operator
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 503

    monkeypatch.undo()
    client.post(reverse("reports:pdf_retry", args=[report.pk]))
    run_queued_tasks()
    assert PdfJob.objects.get(report=report).state == PdfJob.State.DONE
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 200


@pytest.mark.django_db
def test_a_draft_pdf_is_made_on_demand_without_a_hanging_request(cast, client, monkeypatch):
    report = cast.draft()
    client.force_login(cast.alice)
    waiting = client.get(reverse("reports:pdf", args=[report.pk]))
    assert waiting.status_code == 202
    assert "กำลังสร้างไฟล์ PDF" in waiting.content.decode()
    run_queued_tasks()
    first = client.get(reverse("reports:pdf", args=[report.pk]))
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    # Unchanged: served again as it is (cached by content), nothing rendered or queued.
    monkeypatch.setattr(rendering, "report_pdf", lambda report: pytest.fail("rendered"))
    again = client.get(reverse("reports:pdf", args=[report.pk]))
    assert again["X-Content-SHA256"] == first["X-Content-SHA256"]
    assert render_tasks().ready().count() == 0


@pytest.mark.django_db
def test_submission_and_each_step_have_the_pdf_ready_and_the_mail_sent(cast, client):
    cast.henry.email = "henry@example.org"
    cast.henry.save()
    report = cast.draft()
    workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    assert mail.outbox == [] and render_tasks().ready().count() == 1
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["henry@example.org"]]
    client.force_login(cast.henry)
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 200


@pytest.mark.django_db
def test_a_rendering_cut_off_with_its_worker_is_queued_again(cast, client, settings):
    report = cast.draft()
    PdfJob.objects.create(
        report=report, state=PdfJob.State.RUNNING, attempts=1, queued_at=timezone.now(),
        started_at=timezone.now() - timedelta(seconds=settings.PDF_RUNNING_TIMEOUT_SECONDS + 1),
    )  # fmt: skip
    client.force_login(cast.alice)
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 202
    assert render_tasks().ready().count() == 1
    run_queued_tasks()
    assert Report.objects.get(pk=report.pk).pdf_job.state == PdfJob.State.DONE


@pytest.mark.django_db
def test_a_draft_whose_file_was_lost_is_made_again(cast, client):
    report = cast.draft()
    client.force_login(cast.alice)
    client.get(reverse("reports:pdf", args=[report.pk]))
    run_queued_tasks()
    rendering = report.renderings.get()
    storages["documents"].delete(rendering.file_name)  # e.g. a restore without the files
    waiting = client.get(reverse("reports:pdf", args=[report.pk]))
    assert waiting.status_code == 202 and "กำลังสร้างไฟล์ PDF" in waiting.content.decode()
    run_queued_tasks()
    again = client.get(reverse("reports:pdf", args=[report.pk]))
    assert again.status_code == 200 and again["X-Content-SHA256"] == rendering.sha256


@pytest.mark.django_db(transaction=True)
def test_a_lost_final_file_is_said_plainly_and_never_signed_again(cast, client, caplog):
    report = approved(cast)
    workflow.report_acknowledge(report, by=cast.mayor, confirmation=confirmed(cast.mayor))
    run_queued_tasks()
    final = report.renderings.get(is_final=True)
    storages["documents"].delete(final.file_name)
    client.force_login(cast.alice)
    page = client.get(reverse("reports:pdf", args=[report.pk]))
    assert page.status_code == 503
    assert "กู้คืนไฟล์จากข้อมูลสำรอง" in page.content.decode()
    assert "final PDF of report" in caplog.text
    assert report.renderings.get(is_final=True).sha256 == final.sha256
    assert not render_tasks().ready().exists()


@pytest.mark.django_db
def test_the_acknowledgement_during_an_earlier_rendering_still_gets_its_final_pdf(
    cast, monkeypatch
):
    report = approved(cast)
    report.renderings.all().delete()
    pdf_jobs.queue(report)  # e.g. someone opened the approved report's PDF
    real = rendering.report_pdf
    acknowledged = []

    def acknowledge_meanwhile(rendered):
        if not acknowledged:  # the chief executive signs while the draft is being rendered
            acknowledged.append(True)
            fresh = Report.objects.get(pk=report.pk)
            workflow.report_acknowledge(fresh, by=cast.mayor, confirmation=confirmed(cast.mayor))
        return real(rendered)

    monkeypatch.setattr(rendering, "report_pdf", acknowledge_meanwhile)
    run_queued_tasks()
    report.refresh_from_db()
    assert report.state == "acknowledged"
    assert RenderedPdf.objects.filter(report=report, is_final=True).count() == 1
    assert PdfJob.objects.get(report=report).state == PdfJob.State.DONE
    assert not render_tasks().ready().exists()
