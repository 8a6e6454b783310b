"""An acknowledged report is the signed document: no path changes it, the history views only
show, and what leaves the portal is the stored final PDF (rendered by the worker:
tests/reports/test_pdf_worker.py)."""

import hashlib

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports import workflow
from reports.models import RenderedPdf, Report, ReviewStep
from tests.signing import confirmed
from tests.worker import run_queued_tasks


def walk_to_the_end(cast):
    """The first half's report up the whole chain, and the worker's final PDF."""
    report = cast.finish()
    run_queued_tasks()
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
def test_export_of_a_finished_report_is_the_stored_final_pdf(cast, tmp_path):
    report = walk_to_the_end(cast)
    final = RenderedPdf.objects.get(report=report, is_final=True)
    output = tmp_path / "report.pdf"
    call_command("export_report", "--org", "อบต.ทดลอง", "--year", "2566", "--period", "1",
                 "--output", str(output))  # fmt: skip
    assert hashlib.sha256(output.read_bytes()).hexdigest() == final.sha256
    assert output.read_bytes() == final.read()


@pytest.mark.django_db
def test_the_record_of_review_events_is_append_only(cast):
    from reports.models import ReviewEvent

    report = cast.draft()
    workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewEvent.objects.filter(report=report).update(comment="แก้บันทึก")
