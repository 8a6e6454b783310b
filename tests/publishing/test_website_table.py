"""The year's ITA table for the organisation's own website (issue 19, item 1): the rows ข้อ |
URL | คำอธิบาย of the items the portal answers, as an HTML snippet, an embeddable page and a
spreadsheet, each listing exactly the year's current publications (a withdrawn one says so, a
superseded one points to the newer), and the analyst told what the year still lacks."""

import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import AnswerKind, AssessmentItem, AssessmentYear
from publishing.services import publication_withdraw
from reports import workflow
from reports.services import plan_document_create
from tests.publishing.test_public_pages import published

pytestmark = pytest.mark.django_db

TABLE = "/ita/manage/{}/table/2566/"


def year_2566():
    return AssessmentYear.objects.get(year=2566)


def item(code, kind=None):
    """An item of ITA ๒๕๖๖; O42 is two items (the measures' announcement and, unconfirmed, the
    analysis of the previous year's results): by default the announcement."""
    kind = kind or (AnswerKind.PLAN if code == "O42" else AnswerKind.REPORT)
    return AssessmentItem.objects.get(assessment_year__year=2566, code=code, document_kind=kind)


def the_year_as_published(cast):
    """ITA ๒๕๖๖ of อบต.ทดลอง: the measures' announcement (O42) published and then withdrawn; the
    6-month report (O43) published and replaced by a revision. ทต.อื่น publishes its own report."""
    plan = published(cast, plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    publication_withdraw(publication=plan, by=cast.alice, reason="ลงนามผิดฉบับ")
    first = published(cast)
    second = published(cast, workflow.report_revise(first.document, by=cast.alice))
    return plan, first, second


def snippet_of(client, cast):
    client.force_login(cast.alice)
    page = client.get(TABLE.format(cast.home.pk)).content.decode()
    return html.unescape(re.search(r'<textarea id="snippet"[^>]*>(.*?)</textarea>', page, re.S)[1])


def rows_of(table_html):
    """Each row of a table's HTML as its cells' text."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table_html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells])
    return rows


def test_the_snippet_lists_exactly_the_current_publications_of_the_year(cast, client):
    plan, first, second = the_year_as_published(cast)
    snippet = snippet_of(client, cast)
    assert "<script" not in snippet and "class=" not in snippet  # pasted into any editor
    header, analysis, o42, o43 = rows_of(snippet)
    assert header == ["ข้อ", "URL", "คำอธิบาย"]
    # The analysis the portal also makes is a row too, nothing published for it yet.
    assert (
        analysis[0]
        == "O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (การวิเคราะห์ผลการประเมินปีก่อน)"
    )
    assert analysis[2] == ("ยังไม่ได้เผยแพร่เอกสารของข้อนี้ (ข้อนี้ใช้การวิเคราะห์ผลการประเมิน ITA "
                           "ปีงบประมาณ พ.ศ. ๒๕๖๖)")  # fmt: skip
    assert o42[0] == "O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert o42[1] == f"http://127.0.0.1:8000/ita/thodlong/ita-2566/{item('O42').pk}/"
    assert "ถอนการเผยแพร่แล้ว" in o42[2] and "เหตุผล: ลงนามผิดฉบับ" in o42[2]
    assert "ยังไม่ได้เผยแพร่เอกสารของข้อนี้" in o42[2]
    assert o43[1] == f"http://127.0.0.1:8000/ita/thodlong/ita-2566/{item('O43').pk}/"
    # The revision, not the document it replaced, with the clicks from the home page.
    assert "(ฉบับแก้ไขครั้งที่ ๑)" in o43[2] and "ฉบับแก้ไขนี้แทน" in o43[2]
    assert 'href="http://127.0.0.1:8000/ita/thodlong/2566/report-1-r2/"' in snippet
    assert "/ita/thodlong/2566/report-1/" not in snippet
    assert ("วิธีเข้าถึงจากหน้าแรก: ๑) เปิด http://127.0.0.1:8000/ita/thodlong/ "
            "๒) ที่หัวข้อ “ปีงบประมาณ พ.ศ. ๒๕๖๖” คลิก “รายงานรอบ ๖ เดือน") in o43[2]  # fmt: skip
    assert "อนุมัติโดย chief ทดสอบ" in o43[2] and "รับทราบโดย mayor ทดสอบ" in o43[2]
    assert "อื่น" not in snippet  # nothing of another organisation


def test_the_spreadsheet_holds_the_same_rows(cast, client):
    plan, first, second = the_year_as_published(cast)
    client.force_login(cast.alice)
    response = client.get(TABLE.format(cast.home.pk) + "xlsx/")
    assert response["Content-Disposition"] == 'attachment; filename="ita-2566-thodlong.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[:2] for row in rows] == [
        ["ข้อ", "URL"],
        ["O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (การวิเคราะห์ผลการประเมินปีก่อน)",
         f"http://127.0.0.1:8000/ita/thodlong/ita-2566/{item('O42', AnswerKind.ANALYSIS).pk}/"],
        ["O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
         f"http://127.0.0.1:8000/ita/thodlong/ita-2566/{item('O42').pk}/"],
        ["O43 การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
         f"http://127.0.0.1:8000/ita/thodlong/ita-2566/{item('O43').pk}/"],
    ]  # fmt: skip
    o42, o43 = rows[2][2], rows[3][2]
    assert "ถอนการเผยแพร่แล้ว" in o42 and "ลงนามผิดฉบับ" in o42
    assert "http://127.0.0.1:8000/ita/thodlong/2566/report-1-r2/" in o43
    assert "/2566/report-1/" not in o43 and "ฉบับแก้ไขนี้แทน" in o43
    assert sheet.cell(row=4, column=2).hyperlink.target == rows[3][1]
    assert sheet["A1"].font.name == "TH Sarabun New"


def test_a_reason_typed_like_a_formula_stays_text_in_the_spreadsheet(cast, client):
    plan = published(cast, plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    publication_withdraw(publication=plan, by=cast.alice, reason='=HYPERLINK("http://x","y")')
    client.force_login(cast.alice)
    sheet = load_workbook(io.BytesIO(client.get(TABLE.format(cast.home.pk) + "xlsx/").content))
    description = sheet.active["C3"].value  # O42's announcement, after the analysis
    assert not description.startswith("=") and '=HYPERLINK("http://x","y")' in description


def test_the_embed_page_and_the_item_addresses_follow_what_is_published(cast, client):
    report = published(cast)
    o42, o43 = (
        f"/ita/thodlong/ita-2566/{item('O42').pk}/",
        f"/ita/thodlong/ita-2566/{item('O43').pk}/",
    )
    client.logout()
    assert client.get(o42).status_code == 404  # nothing filed under it yet
    assert "ยังไม่ได้เผยแพร่เอกสารของข้อนี้" in client.get(o42).content.decode()
    page = client.get(o43)
    assert page.status_code == 200 and page["Cache-Control"] == "public, max-age=300"
    assert 'href="/ita/thodlong/2566/report-1/pdf/"' in page.content.decode()
    revision = published(cast, workflow.report_revise(report.document, by=cast.alice))
    page = client.get(o43).content.decode()
    assert 'href="/ita/thodlong/2566/report-1-r2/pdf/"' in page
    assert "ฉบับแก้ไขนี้แทน" in page and "/ita/thodlong/2566/report-1/pdf/" not in page
    publication_withdraw(publication=revision, by=cast.alice, reason="ข้อมูลผิด")
    page = client.get(o43).content.decode()
    assert "ถอนการเผยแพร่แล้ว" in page and "ยังไม่ได้เผยแพร่เอกสารของข้อนี้" in page
    table = client.get("/ita/thodlong/ita-2566/").content.decode()
    assert "ถอนการเผยแพร่แล้ว" in table and "ข้อมูลผิด" in table
    assert client.get(f"/ita/thodlong/ita-2566/{item('O43').pk + 1000}/").status_code == 404
    assert client.get("/ita/uen/ita-2566/").status_code == 404  # it published nothing
    assert client.get("/ita/thodlong/ita-2599/").status_code == 404


def test_the_clicks_in_the_description_lead_from_the_home_page_to_the_pdf(cast, client):
    published(cast)
    client.logout()
    table = client.get("/ita/thodlong/ita-2566/").content.decode()
    clicks = r"วิธีเข้าถึงจากหน้าแรก: ๑\) เปิด (\S+) ๒\) ที่หัวข้อ “(.+?)” คลิก “(.+?)” ๓\) กด “(.+?)”"
    home, heading, title, button = re.search(clicks, table).groups()
    page = client.get(home.removeprefix("http://127.0.0.1:8000")).content.decode()
    section = page[page.index(f">{heading}</h2>") :]
    link = re.search(rf'<a href="([^"]+)">{re.escape(title)}</a>', section)[1]
    document = client.get(link).content.decode()
    pdf = re.search(rf'<a class="button" href="([^"]+)" download>{button}</a>', document)[1]
    assert client.get(pdf)["Content-Type"] == "application/pdf"


def test_the_analyst_is_told_what_the_year_lacks_and_what_the_table_leaves_out(cast, client):
    item("O42", AnswerKind.ANALYSIS).delete()  # a year of the announcement and the report only
    AssessmentItem.objects.create(
        assessment_year=year_2566(), code="O1", name="โครงสร้าง", document_kind=AnswerKind.OTHER
    )
    published(cast, plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    client.force_login(cast.alice)
    page = client.get(TABLE.format(cast.home.pk)).content.decode()
    notice = page[page.index("ตารางของปี ๒๕๖๖ ยังไม่ครบ") :]
    assert "ยังไม่มีเอกสารที่เผยแพร่อยู่ ๑ ข้อ" in notice and "O43 การดำเนินการ" in notice
    assert "ข้อนี้ใช้รายงานผลการดำเนินการตามมาตรการ รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๖" in notice
    left_out = page[page.index("ข้อที่ไม่อยู่ในตารางนี้") : page.index("ตัวอย่างตาราง")]
    assert "O1 โครงสร้าง" in left_out
    assert "O1" not in snippet_of(client, cast)  # never a row
    published(cast)
    page = client.get(TABLE.format(cast.home.pk)).content.decode()
    assert "ยังไม่ครบ" not in page and "ครบทุกข้อที่เอกสารในระบบตอบได้" in page
    embed = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', page, re.S)[1]
    assert 'src="http://127.0.0.1:8000/ita/thodlong/ita-2566/"' in html.unescape(embed)


def test_the_publishing_page_leads_to_the_table_of_its_items_year(cast, client):
    publication = published(cast)
    client.force_login(cast.alice)
    page = client.get(reverse("publishing:manage", args=[publication.document.pk])).content
    assert TABLE.format(cast.home.pk).encode() in page
    client.force_login(cast.sam)  # the site admin too
    assert client.get(TABLE.format(cast.home.pk)).status_code == 200


def test_only_those_who_keep_the_organisations_documents_prepare_its_table(cast, client):
    for person in (cast.bob, cast.chief, cast.mayor, cast.olivia):
        client.force_login(person)
        assert client.get(TABLE.format(cast.home.pk)).status_code == 404, person
        assert client.get(TABLE.format(cast.home.pk) + "xlsx/").status_code == 404, person
    client.logout()
    assert client.get(TABLE.format(cast.home.pk)).status_code == 302  # to the sign-in


def test_the_public_table_costs_the_same_whatever_the_number_of_documents(cast, client):
    published(cast)
    client.logout()
    urls = ["/ita/thodlong/ita-2566/", f"/ita/thodlong/ita-2566/{item('O43').pk}/"]

    def queries():
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    before = queries()
    published(cast, plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    published(cast, cast.draft(period=2))
    assert queries() == before and max(before) <= 7


def test_an_organisation_without_an_address_is_told_to_set_one_first(cast, client):
    cast.home.slug = ""
    cast.home.save()
    client.force_login(cast.sam)
    page = client.get(TABLE.format(cast.home.pk)).content.decode()
    assert "หน่วยงานยังไม่มีชื่อในที่อยู่เว็บ" in page and "<textarea" not in page
    assert client.get(TABLE.format(cast.home.pk) + "xlsx/").status_code == 404
