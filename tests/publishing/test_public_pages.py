"""What an organisation publishes for the ITA assessors: public pages without a login, at
addresses that never change, each a fixed number of queries; and nothing unpublished."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.services.evidence import evidence_add_link
from organisations.refusals import Refusal
from publishing.models import Publication
from publishing.services import document_publish, publication_withdraw
from reports import workflow
from reports.models import RenderedPdf
from reports.services import plan_document_create
from reports.stored_pdfs import stored_report_pdf

pytestmark = pytest.mark.django_db


def published(cast, report=None):
    report = cast.finish(report)
    stored_report_pdf(report)  # the final PDF, as the acknowledgement's commit renders it
    return document_publish(document=report, by=cast.alice)


def get(client, url):
    client.logout()
    return client.get(url)


def test_a_visitor_reads_what_was_published(cast, client):
    publication = published(cast)
    final = RenderedPdf.objects.get(report=publication.document, is_final=True)
    index = get(client, reverse("publishing:index"))
    assert "องค์การบริหารส่วนตำบลทดลอง" in index.content.decode()
    assert "เทศบาลตำบลอื่น" not in index.content.decode()  # it published nothing
    page = get(client, reverse("publishing:organisation", args=["thodlong"])).content.decode()
    for shown in ["รายงานรอบ ๖ เดือน (ต.ค. – มี.ค.) ปีงบประมาณ ๒๕๖๖", "chief ทดสอบ", "mayor ทดสอบ",
                  final.sha256, "O43"]:  # fmt: skip
        assert shown in page, shown
    assert publication.path == "thodlong/2566/report-1"
    document = get(client, "/ita/thodlong/2566/report-1/")
    text = document.content.decode()
    assert document.status_code == 200 and document["Cache-Control"] == "public, max-age=300"
    assert "<title>รายงานรอบ ๖ เดือน (ต.ค. – มี.ค.) ปีงบประมาณ ๒๕๖๖ อบต.ทดลอง" in text
    assert 'property="og:title"' in text and "/ita/thodlong/2566/report-1/pdf/" in text
    pdf = get(client, "/ita/thodlong/2566/report-1/pdf/")
    assert pdf.content == final.read()
    assert "immutable" in pdf["Cache-Control"] and pdf["ETag"] == f'"{final.sha256}"'
    sitemap = get(client, "/sitemap.xml").content.decode()
    assert "/ita/thodlong/2566/report-1/" in sitemap and "/ita/thodlong/" in sitemap


def test_an_organisation_that_published_nothing_has_no_page(cast, client):
    published(cast)
    assert get(client, reverse("publishing:organisation", args=["thodlong"])).status_code == 200
    nothing = get(client, reverse("publishing:organisation", args=["uen"]))
    assert nothing.status_code == 404  # as any address that leads nowhere
    assert "เทศบาลตำบลอื่น" not in nothing.content.decode()


def test_nothing_unpublished_is_reachable(cast, client):
    draft = cast.draft()
    in_review = cast.draft(period=2)
    workflow.report_submit(
        in_review,
        by=cast.alice,
        confirmation=__import__("tests.signing").signing.confirmed(cast.alice),
    )
    unpublished = cast.finish(plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    evidence = evidence_add_link(
        entry=cast.measures[1].progress_entries.get(period=1), by=cast.bob,
        url="https://example.org/internal",
    )  # fmt: skip
    client.logout()
    for url in [
        "/ita/thodlong/", "/ita/thodlong/2566/report-1/", "/ita/thodlong/2566/report-2/",
        "/ita/thodlong/2566/plan/",
        "/ita/thodlong/2566/plan/pdf/", f"/verify/{unpublished.verification_code}/",
        f"/verify/{unpublished.verification_code}/qr.svg", "/verify/abcdefghjkmn/",
        "/ita/uen/2566/report-1/", "/ita/nobody/",
    ]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
        assert "ไม่พบ" in response.content.decode(), url
    # The portal's own pages stay behind the sign-in.
    for url in [
        reverse("reports:detail", args=[draft.pk]),
        reverse("reports:pdf", args=[in_review.pk]),
        reverse("measures:evidence", args=[evidence.pk]),
        reverse("publishing:manage", args=[draft.pk]),
    ]:
        assert client.get(url).status_code == 302, url
    assert "thodlong/2566" not in client.get("/sitemap.xml").content.decode()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_public_pages_cost_the_same_whatever_the_number_of_documents(cast, client):
    first = published(cast)
    client.logout()
    urls = ["/ita/", "/ita/thodlong/", "/ita/thodlong/?by=item", first.get_absolute_url(),
            f"/verify/{first.document.verification_code}/"]  # fmt: skip
    before = [queries(client, url) for url in urls]
    published(cast, plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    published(cast, cast.draft(period=2))
    assert [queries(client, url) for url in urls] == before
    assert max(before) <= 6


def test_withdrawing_leaves_a_public_notice(cast, client):
    publication = published(cast)
    with pytest.raises(Refusal):
        publication_withdraw(publication=publication, by=cast.bob, reason="ไม่ได้")
    with pytest.raises(Refusal, match="เหตุผล"):
        publication_withdraw(publication=publication, by=cast.alice, reason=" ")
    publication_withdraw(publication=publication, by=cast.alice, reason="พบข้อมูลผิดในข้อ ๒")
    page = get(client, publication.get_absolute_url()).content.decode()
    assert "ถอนการเผยแพร่แล้ว" in page and "พบข้อมูลผิดในข้อ ๒" in page
    assert get(client, publication.get_pdf_url()).status_code == 410
    verify = get(client, f"/verify/{publication.document.verification_code}/").content.decode()
    assert "ถอนการเผยแพร่แล้ว" in verify


def test_a_newer_revision_supersedes_and_the_old_page_stays(cast, client):
    first = published(cast)
    revision = workflow.report_revise(first.document, by=cast.alice)
    second = published(cast, revision)
    first.refresh_from_db()
    assert second.path == "thodlong/2566/report-1-r2"
    assert first.superseded_by == second
    old = get(client, first.get_absolute_url())
    assert old.status_code == 200
    assert "ถูกแทนที่ด้วยฉบับแก้ไข" in old.content.decode()
    assert second.get_absolute_url() in old.content.decode()
    assert get(client, first.get_pdf_url()).status_code == 200  # the old file stays verifiable


def test_who_may_publish(cast):
    report = cast.finish()
    stored_report_pdf(report)
    for person in (cast.bob, cast.henry, cast.chief, cast.mayor, cast.olivia):
        with pytest.raises(Refusal):
            document_publish(document=report, by=person)
    with pytest.raises(Refusal):
        document_publish(document=cast.draft(period=2), by=cast.alice)
    assert document_publish(document=report, by=cast.sam).published_by == cast.sam
    with pytest.raises(Refusal, match="เผยแพร่แล้ว"):
        document_publish(document=report, by=cast.alice)


def test_documents_are_tagged_with_the_years_items_and_grouped_by_them(cast, client):
    report = published(cast)
    plan = published(cast, plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    assert (report.item.code, plan.item.code) == ("O43", "O42")
    page = get(client, "/ita/thodlong/?by=item").content.decode()
    assert page.index("O42 มาตรการส่งเสริมคุณธรรม") < page.index("O43 การดำเนินการตามมาตรการ")
    assert Publication.objects.count() == 2


def test_the_manage_page_publishes_with_the_chosen_item(cast, client):
    report = cast.finish()
    stored_report_pdf(report)
    client.force_login(cast.alice)
    page = client.get(reverse("publishing:manage", args=[report.pk])).content.decode()
    assert "O43" in page
    client.post(reverse("publishing:manage", args=[report.pk]), {"item": ""})
    assert Publication.objects.get(document=report).item is None
    page = client.get(reverse("publishing:manage", args=[report.pk])).content.decode()
    assert "/ita/thodlong/2566/report-1/" in page and "คัดลอกลิงก์" in page
