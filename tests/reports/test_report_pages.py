import pytest
from django.urls import reverse

from tests.cast import person
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(django_user_model, demo):
    return django_user_model.objects.get(username="analyst")


def test_the_preview_is_the_document_in_the_browser(client, demo_report, analyst):
    client.force_login(analyst)
    response = client.get(reverse("reports:preview", args=[demo_report.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "บันทึกข้อความ" in page and "๑) การเผยแพร่ข้อมูล" in page
    assert "/static/css/report.css" in page and "/static/css/fonts.css" in page
    assert "ดาวน์โหลด PDF" in page


def test_a_member_downloads_the_pdf(client, demo_report, analyst):
    client.force_login(analyst)
    assert client.get(reverse("reports:pdf", args=[demo_report.pk])).status_code == 202
    run_queued_tasks()  # the worker renders it
    response = client.get(reverse("reports:pdf", args=[demo_report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["X-Content-SHA256"] in response["ETag"]
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_another_organisation_cannot_see_the_report(client, demo_report, other_organisation):
    outsider = person(other_organisation, "outsider", "analyst")
    client.force_login(outsider)
    for name in ["reports:detail", "reports:preview", "reports:pdf"]:
        assert client.get(reverse(name, args=[demo_report.pk])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, demo_report):
    response = client.get(reverse("reports:pdf", args=[demo_report.pk]))
    assert response.status_code == 302 and reverse("login") in response.url
