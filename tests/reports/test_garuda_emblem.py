"""The Garuda (ตราครุฑ) on finished documents (issue 17, item 3): the deployment's operator sets
it once for every organisation, an organisation may set its own; the analyst and the site admin
are told when there is none; finishing a document without one is refused, except in a demo,
where the placeholder says plainly what it stands for."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from organisations.models import Deployment, StepKind
from organisations.refusals import Refusal
from reports import workflow
from reports.document import report_document
from reports.models import ReportState
from reports.services import plan_document_create
from tests.cast import advance
from tests.reports.conftest import pdftotext, render, squash
from tests.signing import confirmed

pytestmark = pytest.mark.django_db

REFUSAL = "ยังไม่มีตราครุฑสำหรับเอกสารฉบับสมบูรณ์"
WARNING = "ยังไม่ได้ตั้งตราครุฑ"


def garuda_png(size=(200, 240), mode="RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (180, 30, 30, 255) if mode == "RGBA" else "darkred").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def no_emblem(cast):
    """A real deployment whose operator has not uploaded the Garuda yet."""
    deployment = Deployment.get_solo()
    deployment.emblem = ""
    deployment.is_demo = False
    deployment.save()
    return deployment


def up_to_the_last_step(cast, report=None):
    return advance(report or cast.draft(), through=StepKind.APPROVE)


@pytest.mark.parametrize("kind", ["report", "plan"])
def test_finishing_without_a_garuda_is_refused_with_the_reason(cast, no_emblem, kind):
    document = None if kind == "report" else plan_document_create(
        fiscal_year=cast.plan, author=cast.alice
    )  # fmt: skip
    document = up_to_the_last_step(cast, document)
    with pytest.raises(Refusal) as refusal:
        workflow.report_acknowledge(document, by=cast.mayor, confirmation=confirmed(cast.mayor))
    assert REFUSAL in str(refusal.value)
    assert "ผู้ดูแลระบบ" in str(refusal.value)
    document.refresh_from_db()
    assert document.state == ReportState.APPROVED and not document.verification_code
    assert not document.review_steps.get(kind="acknowledge").acted_at


def test_the_chief_executive_reads_the_refusal_on_the_page(client, cast, no_emblem):
    report = up_to_the_last_step(cast)
    client.force_login(cast.mayor)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert WARNING in page
    response = client.post(
        reverse("reports:review", args=[report.pk]),
        {"comment": "ทราบ", "password": "pw-for-tests-only"},
        follow=True,
    )
    assert REFUSAL in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED


def test_the_operators_garuda_serves_every_organisation(cast, no_emblem):
    no_emblem.emblem = SimpleUploadedFile("garuda.png", garuda_png())
    no_emblem.save()
    report = cast.finish()
    assert report.state == ReportState.ACKNOWLEDGED
    assert report_document(report)["emblem"] == no_emblem.emblem.name
    pdf, _ = render(report)
    assert b"/Subtype /Image" in pdf
    assert "ตราครุฑ" not in pdftotext(pdf)


def test_an_organisations_own_emblem_comes_first(cast, no_emblem):
    no_emblem.emblem = SimpleUploadedFile("garuda.png", garuda_png())
    no_emblem.save()
    cast.home.emblem = SimpleUploadedFile("thodlong.png", garuda_png((150, 150)))
    cast.home.save()
    assert report_document(cast.draft())["emblem"] == cast.home.emblem.name


def test_a_demo_says_plainly_that_the_ring_stands_for_the_garuda(demo_report, cast):
    assert Deployment.get_solo().is_demo  # load_demo marks it
    Deployment.objects.update(emblem="")
    pdf, _ = render(demo_report)
    assert b"/Subtype /Image" not in pdf
    assert "ตราครุฑ(ตัวอย่าง)" in squash(pdftotext(pdf, first=1, last=1))


def test_a_draft_of_a_real_deployment_says_the_garuda_is_missing(cast, no_emblem):
    pdf, _ = render(cast.draft())
    assert "ยังไม่มีตราครุฑ" in squash(pdftotext(pdf, first=1, last=1))


@pytest.mark.parametrize("username, told", [("alice", True), ("sam", True), ("bob", False)])
def test_the_analyst_and_the_site_admin_are_told_before_submitting(
    client, cast, no_emblem, username, told
):
    client.force_login(cast.people[username])
    assert (WARNING in client.get(reverse("home")).content.decode()) is told
    # The report's page tells whoever opens it, the chief executive included.
    page = client.get(reverse("reports:detail", args=[cast.draft().pk])).content.decode()
    assert WARNING in page


def test_nobody_is_told_once_the_operator_has_set_it(client, cast):
    assert Deployment.get_solo().emblem  # the cast's operator set it
    client.force_login(cast.alice)
    assert WARNING not in client.get(reverse("home")).content.decode()
    page = client.get(reverse("reports:detail", args=[cast.draft().pk])).content.decode()
    assert WARNING not in page


def test_the_site_admin_is_led_to_where_the_emblem_is_set(client, cast, no_emblem):
    client.force_login(cast.sam)
    page = client.get(reverse("home")).content.decode()
    assert reverse("admin:organisations_organisation_change", args=[cast.home.pk]) in page


def test_the_operator_sets_the_garuda_in_the_admin_checked_as_an_image(
    client, cast, no_emblem, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    url = reverse("admin:organisations_deployment_change")
    assert client.get(url).status_code == 200
    fake = SimpleUploadedFile("garuda.png", b"<html><script>alert(1)</script></html>")
    page = client.post(url, {"emblem": fake}).content.decode()
    assert "รับเฉพาะภาพ PNG หรือ JPEG" in page
    assert not Deployment.get_solo().emblem
    response = client.post(url, {"emblem": SimpleUploadedFile("ครุฑ.jpg", garuda_png(mode="RGB"))})
    assert response.status_code == 302
    emblem = Deployment.get_solo().emblem
    assert emblem.name.startswith("emblems/") and emblem.name.endswith(".png")
    with emblem.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "PNG" and image.size == (200, 240)
    # Every signed-in person's preview reads it.
    client.force_login(cast.bob)
    assert client.get(f"/media/{emblem.name}").status_code == 200


def test_a_site_admin_sets_their_organisations_own_but_not_the_deployments(client, cast):
    client.force_login(cast.sam)
    assert client.get(reverse("admin:organisations_deployment_change")).status_code == 403
    url = reverse("admin:organisations_organisation_change", args=[cast.home.pk])
    form = {"name": cast.home.name, "short_name": cast.home.short_name, "slug": cast.home.slug,
            "district": cast.home.district, "province": cast.home.province,
            "divisions-TOTAL_FORMS": 0, "divisions-INITIAL_FORMS": 0}  # fmt: skip
    tiny = SimpleUploadedFile("dot.png", garuda_png((10, 10)))
    refused = client.post(url, {**form, "emblem": tiny}).content.decode()
    assert "ภาพตราต้องกว้างและสูงอย่างน้อย" in refused
    response = client.post(url, {**form, "emblem": SimpleUploadedFile("kiar.png", garuda_png())})
    assert response.status_code == 302
    cast.home.refresh_from_db()
    assert cast.home.emblem.name.endswith(".png")


def test_load_demo_marks_the_deployment_even_when_it_keeps_the_data(demo):
    Deployment.objects.update(is_demo=False)  # a demo database made before the mark existed
    call_command("load_demo", keep_existing=True, stdout=io.StringIO())
    assert Deployment.get_solo().is_demo
