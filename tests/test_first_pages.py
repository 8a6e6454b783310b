"""What a visitor sees first (issue 17, item 17): the sign-in page names the portal and leads to
the public ITA pages; a published document's page leads to its verification page; the steps of
a measure are numbered in Thai digits like everything else."""

import re

import pytest
from django.urls import reverse

from publishing.services import document_publish
from reports.stored_pdfs import stored_report_pdf

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_sign_in_page_names_the_portal_and_links_the_public_pages(client):
    page = client.get(reverse("login")).content.decode()
    main = page[page.index("<main") :]
    assert "ระบบติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in text_of(main)
    assert '<a href="/ita/">' in main
    assert "เอกสารที่หน่วยงานเผยแพร่เพื่อการประเมิน ITA" in text_of(main)


def test_a_published_documents_page_links_its_verification_page(cast, client):
    report = cast.finish()
    stored_report_pdf(report)
    document_publish(document=report, by=cast.alice)
    client.logout()
    page = client.get("/ita/thodlong/2566/report-1/").content.decode()
    assert f'href="/verify/{report.verification_code}/"' in page
    assert "ตรวจสอบเอกสาร" in text_of(page)


@pytest.mark.parametrize("page", ["measures:detail", "measures:progress"])
def test_steps_are_numbered_in_thai_digits(cast, client, page):
    measure = cast.measures[1]
    client.force_login(cast.bob)
    args = [measure.pk] if page == "measures:detail" else [measure.pk, 1]
    html = client.get(reverse(page, args=args)).content.decode()
    assert "๑. ขั้นตอนของข้อ 1" in text_of(html)
