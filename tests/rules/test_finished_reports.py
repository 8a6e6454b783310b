"""An acknowledged report is the signed document: no path changes it, the history views only
show, and what leaves the portal is the stored final PDF. It is rendered after the acknowledging
transaction commits, never inside it."""

import hashlib

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from reports import rendering, workflow
from reports.models import RenderedPdf, Report, ReviewStep
from tests.signing import confirmed


def walk_to_the_end(cast, on_commit=None):
    report = cast.draft()
    workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    workflow.report_comment(
        report, by=cast.henry, confirmation=confirmed(cast.henry), text="เห็นควรอนุมัติ"
    )
    workflow.report_approve(report, by=cast.chief, confirmation=confirmed(cast.chief))
    if on_commit:
        with on_commit(execute=True):
            workflow.report_acknowledge(report, by=cast.mayor, confirmation=confirmed(cast.mayor))
    else:
        workflow.report_acknowledge(report, by=cast.mayor, confirmation=confirmed(cast.mayor))
    return Report.objects.get(pk=report.pk)


@pytest.mark.django_db
def test_the_history_views_only_show(cast, client):
    report = cast.draft()
    measure = cast.measures[1]
    client.force_login(cast.alice)
    first = report.history.earliest("history_date").history_id
    url = reverse("admin:reports_report_simple_history", args=[report.pk, first])
    assert client.get(url).status_code == 200
    assert "ย้อนคืน" not in client.get(url).content.decode()
    assert client.post(url, {"subject": "แก้ผ่านประวัติ", "state": "draft"}).status_code == 403
    url = reverse(
        "admin:measures_measure_simple_history",
        args=[measure.pk, measure.history.earliest("history_date").history_id],
    )
    assert client.post(url, {"title": "แก้ผ่านประวัติ"}).status_code == 403
    report.refresh_from_db()
    measure.refresh_from_db()
    assert report.subject != "แก้ผ่านประวัติ" and measure.title != "แก้ผ่านประวัติ"


@pytest.mark.django_db
def test_an_acknowledged_report_and_its_blocks_never_change(cast, client):
    report = walk_to_the_end(cast)
    client.force_login(cast.alice)
    history = report.history.latest("history_date").history_id
    url = reverse("admin:reports_report_simple_history", args=[report.pk, history])
    assert client.post(url, {"subject": "แก้ฉบับสมบูรณ์"}).status_code == 403
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(state="draft")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewStep.objects.filter(report=report).update(comment="แก้ความเห็น")
    assert Report.objects.get(pk=report.pk).state == "acknowledged"


@pytest.mark.django_db
def test_export_of_a_finished_report_is_the_stored_final_pdf(
    cast, tmp_path, django_capture_on_commit_callbacks
):
    report = walk_to_the_end(cast, django_capture_on_commit_callbacks)
    final = RenderedPdf.objects.get(report=report, is_final=True)
    output = tmp_path / "report.pdf"
    call_command("export_report", "--org", "อบต.ทดลอง", "--year", "2566", "--period", "1",
                 "--output", str(output))  # fmt: skip
    assert hashlib.sha256(output.read_bytes()).hexdigest() == final.sha256
    assert output.read_bytes() == final.read()


@pytest.mark.django_db(transaction=True)
def test_the_final_pdf_is_rendered_after_the_acknowledgement_commits(cast, monkeypatch):
    seen = []
    render = rendering.document_pdf

    def watched(document):
        seen.append(connection.in_atomic_block)
        return render(document)

    monkeypatch.setattr(rendering, "document_pdf", watched)
    report = walk_to_the_end(cast)
    assert seen == [False]
    assert RenderedPdf.objects.filter(report=report, is_final=True).exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_render_leaves_the_acknowledgement_and_is_done_on_the_next_request(
    cast, monkeypatch, client
):
    def broken(document):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rendering, "document_pdf", broken)
    report = walk_to_the_end(cast)
    assert report.state == "acknowledged"
    assert not RenderedPdf.objects.filter(report=report, is_final=True).exists()
    monkeypatch.undo()
    client.force_login(cast.bob)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
    final = RenderedPdf.objects.get(report=report, is_final=True)
    assert response["X-Content-SHA256"] == final.sha256


@pytest.mark.django_db
def test_the_record_of_review_events_is_append_only(cast):
    from reports.models import ReviewEvent

    report = cast.draft()
    workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewEvent.objects.filter(report=report).update(comment="แก้บันทึก")
