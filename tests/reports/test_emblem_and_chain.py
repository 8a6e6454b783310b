import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisations.models import ReviewChainStep, Role, StepKind
from reports.services import report_create
from tests.reports.conftest import render

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_uploaded_emblem_is_in_the_pdf_and_the_preview(client, demo_report, django_user_model):
    organisation = demo_report.organisation
    organisation.emblem = SimpleUploadedFile("kiar.png", png())
    organisation.save()
    pdf, _ = render(demo_report)
    assert b"/Subtype /Image" in pdf
    client.force_login(django_user_model.objects.get(username="staff-klang"))
    preview = client.get(reverse("reports:preview", args=[demo_report.pk])).content.decode()
    url = f"/media/{organisation.emblem.name}"
    assert f'src="{url}"' in preview
    assert client.get(url).status_code == 200
    assert client.get("/media/emblems/..%2F..%2Fsettings.py").status_code == 404


def test_without_an_emblem_the_pdf_has_a_neutral_placeholder(demo_report):
    pdf, _ = render(demo_report)
    assert b"/Subtype /Image" not in pdf  # the placeholder is drawn, not a picture


def test_an_organisations_own_chain_of_superiors(demo, django_user_model):
    organisation = demo.organisation
    ReviewChainStep.objects.create(
        organisation=organisation, order=1, role=Role.CHIEF_ADMINISTRATOR, kind=StepKind.APPROVE
    )
    ReviewChainStep.objects.create(
        organisation=organisation, order=2, role=Role.CHIEF_EXECUTIVE, kind=StepKind.ACKNOWLEDGE
    )
    report = report_create(
        fiscal_year=demo.fiscal_year,
        period=2,
        author=django_user_model.objects.get(username="analyst"),
    )
    assert [(s.role, s.kind, s.signer_position) for s in report.review_steps.all()] == [
        ("chief_administrator", "approve", "ปลัดองค์การบริหารส่วนตำบลเกียร์"),
        ("chief_executive", "acknowledge", "นายกองค์การบริหารส่วนตำบลเกียร์"),
    ]
    assert "ในรอบ ๑๒ เดือน" in report.body
