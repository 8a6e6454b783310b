"""An organisation's own address (issue 19, item 2): a host name kept as data by the operator,
checked against the hosts the deployment answers for when it is saved; the organisation's
permanent addresses and the QR code of its final documents use it; and it serves only that
organisation's public pages."""

import re
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations.models import Organisation
from publishing.models import Publication
from publishing.services import document_publish
from reports.stored_pdfs import stored_report_pdf
from tests.publishing.test_public_pages import published

pytestmark = pytest.mark.django_db

HOST = "ita.thodlong.go.th"
MAIN = "https://ita-portal.example.go.th"


@pytest.fixture
def own_host(cast, settings):
    settings.SITE_URL = MAIN
    settings.ALLOWED_HOSTS = ["ita-portal.example.go.th", ".go.th", "testserver"]
    cast.home.public_host = HOST
    cast.home.full_clean()
    cast.home.save()
    return cast


def published_by_the_other(cast) -> Publication:
    """ทต.อื่น's own 6-month report of 2566, through its own chain, published."""
    from measures.models import FiscalYear, Measure
    from measures.services.plan import measure_save
    from organisations.access import SYSTEM
    from organisations.models import Role
    from reports import workflow
    from reports.services import report_create
    from tests.cast import person
    from tests.signing import confirmed

    head, mayor = (person(cast.away, name, role) for name, role in
                   (("hugo", Role.HEAD_OF_OFFICE), ("mira", Role.CHIEF_EXECUTIVE)))  # fmt: skip
    plan = FiscalYear.objects.create(organisation=cast.away, year=2566)
    measure_save(measure=Measure(fiscal_year=plan, number=1, title="มาตรการของ ทต.อื่น"), by=SYSTEM)
    report = report_create(fiscal_year=plan, period=1, author=cast.olivia)
    workflow.report_submit(report, by=cast.olivia, confirmation=confirmed(cast.olivia))
    workflow.report_comment(report, by=head, text="ควรอนุมัติ", confirmation=confirmed(head))
    workflow.report_approve(report, by=cast.otto, text="อนุมัติ", confirmation=confirmed(cast.otto))
    workflow.report_acknowledge(report, by=mayor, confirmation=confirmed(mayor))
    report.refresh_from_db()
    stored_report_pdf(report)
    return document_publish(document=report, by=cast.olivia)


def checked(organisation, host):
    organisation.public_host = host
    organisation.full_clean()
    return organisation.public_host


def test_a_host_is_saved_only_when_the_deployment_answers_for_it(cast, settings):
    settings.SITE_URL = MAIN
    settings.ALLOWED_HOSTS = ["ita-portal.example.go.th"]
    with pytest.raises(ValidationError, match="ผู้ดูแลเครื่องต้องเพิ่มชื่อนี้ใน ALLOWED_HOSTS"):
        checked(cast.home, HOST)
    settings.ALLOWED_HOSTS = ["ita-portal.example.go.th", HOST]
    assert checked(cast.home, " ITA.Thodlong.GO.th. ") == HOST
    for wrong in (
        "https://ita.thodlong.go.th/",
        "ita thodlong",
        "thodlong",
        "ita.thodlong.go.th/ita",
    ):
        with pytest.raises(ValidationError, match="ชื่อโดเมนเต็ม"):
            checked(cast.home, wrong)
    with pytest.raises(ValidationError, match="ที่อยู่หลักของระบบ"):
        checked(cast.home, "ita-portal.example.go.th")
    cast.home.public_host = HOST
    cast.home.save()
    with pytest.raises(ValidationError, match="มีหน่วยงานอื่นใช้แล้ว"):
        checked(cast.away, HOST)
    cast.away.slug = ""
    settings.ALLOWED_HOSTS.append("ita.uen.go.th")
    with pytest.raises(ValidationError, match="ชื่อในที่อยู่เว็บของหน่วยงานก่อน"):
        checked(cast.away, "ita.uen.go.th")


def test_only_the_operator_sets_the_host_in_the_admin(cast, client, settings):
    settings.ALLOWED_HOSTS = ["testserver", HOST]
    from django.contrib.auth import get_user_model

    change = reverse("admin:organisations_organisation_change", args=[cast.home.pk])
    client.force_login(cast.sam)  # the organisation's site admin
    page = client.get(change).content.decode()
    assert 'name="public_host"' not in page and "ชื่อโฮสต์ของหน่วยงานเอง" in page
    operator = get_user_model().objects.create_superuser("operator", "", "pw-for-tests-only")
    client.force_login(operator)
    page = client.get(change).content.decode()
    assert 'name="public_host"' in page
    form = dict(re.findall(r'name="([^"]+)"[^>]*value="([^"]*)"', page))
    home = cast.home
    # What the page's selects hold (where the organisation is), as the browser sends them.
    form.update(kind=home.kind, province=home.province_id or "", district=home.district_id or "")
    form.update(public_host="ita.other.go.th")
    refused = client.post(change, form)
    assert "ระบบยังไม่รับชื่อโฮสต์ ita.other.go.th" in refused.content.decode()
    form.update(public_host=HOST)
    client.post(change, form)
    assert Organisation.objects.get(pk=cast.home.pk).public_host == HOST


def test_permanent_addresses_use_the_organisations_host(own_host, client):
    publication = published(own_host)
    client.force_login(own_host.alice)
    manage = client.get(reverse("publishing:manage", args=[publication.document.pk])).content
    assert f'value="https://{HOST}/ita/thodlong/2566/report-1/"'.encode() in manage
    client.logout()
    page = client.get("/ita/thodlong/2566/report-1/").content.decode()  # on the main address
    assert f'<link rel="canonical" href="https://{HOST}/ita/thodlong/2566/report-1/">' in page
    assert f'value="https://{HOST}/ita/thodlong/2566/report-1/pdf/"' in page
    table = client.get("/ita/thodlong/ita-2566/", HTTP_HOST=HOST).content.decode()
    assert f"https://{HOST}/ita/thodlong/ita-2566/" in table
    assert f"เปิด https://{HOST}/ita/thodlong/" in table


def test_the_qr_code_printed_on_the_final_document_names_the_host(own_host, tmp_path):
    report = own_host.finish()
    final = stored_report_pdf(report)
    pdf = tmp_path / "final.pdf"
    pdf.write_bytes(final.read())
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp_path / "page")], check=True)  # fmt: skip
    scanned = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page.png")],
                             capture_output=True, text=True).stdout.split()  # fmt: skip
    assert f"https://{HOST}/verify/{report.verification_code}/" in scanned
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert f"{HOST}/verify/{report.verification_code}/" in text


def test_the_organisations_host_serves_its_public_pages_only(own_host, client):
    ours = published(own_host)
    theirs = published_by_the_other(own_host)
    own_code, their_code = (p.document.verification_code for p in (ours, theirs))

    def on_host(url, **kwargs):
        return client.get(url, HTTP_HOST=HOST, **kwargs)

    for url in ["/", "/ita/"]:
        response = on_host(url)
        assert (response.status_code, response["Location"]) == (302, "/ita/thodlong/"), url
    for url in ["/ita/thodlong/", "/ita/thodlong/?by=item", "/ita/thodlong/2566/report-1/",
                "/ita/thodlong/2566/report-1/pdf/", "/ita/thodlong/ita-2566/",
                f"/verify/{own_code}/", f"/verify/{own_code}/qr.svg"]:  # fmt: skip
        assert on_host(url).status_code == 200, url
    for url in ["/ita/uen/", "/ita/uen/2566/report-1/", "/ita/uen/2566/report-1/pdf/",
                "/ita/uen/ita-2566/", f"/verify/{their_code}/", f"/verify/{their_code}/qr.svg",
                "/ita/nobody/", "/no-such-page/"]:  # fmt: skip
        response = on_host(url)
        assert response.status_code == 404, url
        assert "อื่น" not in response.content.decode(), url
    for url in ["/accounts/login/?next=/reports/", "/admin/", "/reports/", "/measures/",
                "/healthz", "/sitemap.xml", f"/ita/manage/{ours.document.pk}/"]:  # fmt: skip
        response = on_host(url)
        assert (response.status_code, response["Location"]) == (302, MAIN + url), url
    # The main address still serves every organisation's pages (addresses already given out).
    for url in ["/ita/", "/ita/thodlong/2566/report-1/", "/ita/uen/2566/report-1/",
                f"/verify/{their_code}/"]:  # fmt: skip
        assert client.get(url).status_code == 200, url
    assert Publication.objects.count() == 2


def test_a_host_no_organisation_has_is_the_deployments_as_before(own_host, client):
    published(own_host)
    assert client.get("/ita/", HTTP_HOST="www.other.go.th").status_code == 200
    assert client.get("/accounts/login/", HTTP_HOST="www.other.go.th").status_code == 200


def test_another_organisations_page_refused_on_the_host_cannot_be_framed(own_host, client):
    """The refusal is a page like any other: no site may frame it, no script runs in it."""
    published(own_host)
    published_by_the_other(own_host)
    for url in ["/ita/uen/", "/ita/uen/ita-2566/", "/ita/uen/2566/report-1/"]:
        response = client.get(url, HTTP_HOST=HOST)
        assert response.status_code == 404, url
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url


def test_the_year_at_a_glance_gives_the_address_on_the_organisations_host(own_host, client):
    """The permanent address the analyst copies from the year's overview is the one the
    publishing page gives, whatever host the overview was asked under."""
    published(own_host)
    client.force_login(own_host.alice)
    page = client.get(reverse("ita_year:year", args=[own_host.home.pk, 2566])).content.decode()
    assert f'value="https://{HOST}/ita/thodlong/2566/report-1/"' in page
    assert 'value="http://testserver/' not in page
