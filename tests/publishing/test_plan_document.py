"""The plan of measures is a document of its own, an announcement (ประกาศ) that goes up the same
review chain as a report, through the same workflow, and is published under its item."""

import re

import pytest

from measures import period_lock
from publishing.services import document_publish
from reports import workflow
from reports.models import RenderedPdf
from reports.services import plan_document_create
from reports.stored_pdfs import stored_report_pdf
from tests.reports.conftest import pdftotext, squash
from tests.signing import confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def announcement(cast):
    return plan_document_create(fiscal_year=cast.plan, author=cast.alice)


def test_a_draft_announcement_shows_the_plan_without_results(announcement):
    pdf = stored_report_pdf(announcement).read()
    text = squash(pdftotext(pdf))
    for shown in ["ประกาศองค์การบริหารส่วนตำบลทดลอง", "เรื่องมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
                  "ประจำปีงบประมาณพ.ศ.๒๕๖๖", "๑)มาตรการทดลองข้อ๑", "ขั้นตอนของข้อ๒", "ทุกกอง",
                  "จึงประกาศมาเพื่อทราบโดยทั่วกัน", "ร่าง–ยังไม่ได้ลงนาม"]:  # fmt: skip
        assert squash(shown) in text, shown
    assert "ผลของข้อ" not in text  # results are for reports
    assert not re.search("[0-9]", text)  # a draft's digits are all Thai


def test_it_goes_up_the_chain_without_locking_any_progress(cast, announcement):
    workflow.report_submit(announcement, by=cast.alice, confirmation=confirmed(cast.alice))
    assert period_lock.is_open(cast.plan, 1) and period_lock.is_open(cast.plan, 2)
    report = cast.finish(cast.draft())  # a report of the same year goes on as usual
    assert report.state == "acknowledged"


def test_the_signed_announcement_is_published_as_the_plan(cast, announcement):
    finished = cast.finish(announcement)
    assert finished.state == "acknowledged"
    pdf = stored_report_pdf(finished).read()
    text = squash(pdftotext(pdf))
    assert "(mayorทดสอบ)ตำแหน่งของmayor" in text and "ลงนามอิเล็กทรอนิกส์" in text
    assert b"/ByteRange" in pdf
    publication = document_publish(document=finished, by=cast.alice)
    assert publication.path == "thodlong/2566/plan" and publication.item.code == "O42"
    assert RenderedPdf.objects.get(report=finished, is_final=True).sha256


def test_the_analyst_creates_the_announcement_from_the_reports_page(cast, client):
    client.force_login(cast.bob)
    assert "สร้างร่างประกาศมาตรการ" not in client.get("/reports/").content.decode()
    client.force_login(cast.alice)
    page = client.get("/reports/").content.decode()
    assert "สร้างร่างประกาศมาตรการ" in page
    created = client.post(
        "/reports/new/", {"fiscal_year": cast.plan.pk, "kind": "plan"}, follow=True
    )
    assert "สร้างร่างประกาศมาตรการแล้ว" in created.content.decode()
    assert cast.plan.reports.filter(kind="plan", period=None).count() == 1
    again = client.post("/reports/new/", {"fiscal_year": cast.plan.pk, "kind": "plan"}, follow=True)
    assert "อยู่แล้ว" in again.content.decode()
    assert cast.plan.reports.filter(kind="plan").count() == 1
    assert "สร้างร่างประกาศมาตรการ" not in client.get("/reports/").content.decode()
