"""In Chromium: the organisation's own website (another origin) frames the year's ITA table from
the portal and the visitor reads its rows; the same site cannot frame any other page of the
portal. The analyst's page gives the snippet, the embed code and the spreadsheet, and says what
the year still lacks. Both pages at a phone's and a desktop's width, checked by axe-core."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model

from assessments.models import AssessmentItem
from publishing.services import document_publish
from tests.browser.test_publishing import finished
from tests.browser.test_staff_pages import fits, serious

pytestmark = pytest.mark.browser


@pytest.fixture
def organisations_website(live_demo):
    """The organisation's own website: another origin (its own server, another host and port)
    whose ITA page, as its vendor's editor saved it, frames the portal's pages."""
    base_url, _ = live_demo
    body = the_ita_page(base_url).encode()

    class Website(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Website)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def the_ita_page(base_url) -> str:
    return f"""<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">
<title>ITA ปี ๒๕๖๖ – องค์การบริหารส่วนตำบลเกียร์</title></head><body>
<h1>การเปิดเผยข้อมูลสาธารณะ (ITA)</h1>
<iframe id="table" src="{base_url}/ita/kiar/ita-2566/" title="ตาราง ITA" width="100%"
        height="600" style="border:0"></iframe>
<iframe id="other" src="{base_url}/ita/kiar/" title="หน้าอื่นของระบบ" width="100%"
        height="200"></iframe>
</body></html>"""


def test_the_organisations_website_frames_the_table_and_nothing_else(
    browser, sign_in, live_demo, organisations_website, artifacts, settings
):
    website = organisations_website
    base_url, report = live_demo
    settings.SITE_URL = base_url
    analyst = get_user_model().objects.get(username="analyst")
    document_publish(document=finished(report), by=analyst)
    o42, analysis = (
        AssessmentItem.objects.get(assessment_year__year=2566, code="O42", document_kind=kind)
        for kind in ("plan", "analysis")
    )
    o43 = AssessmentItem.objects.get(assessment_year__year=2566, code="O43")

    visitor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    blocked = []
    visitor.on("console", lambda message: blocked.append(message.text))
    page = visitor.new_page()
    page.goto(f"{website}/ita-2566.html")
    table = page.frame_locator("#table")
    table.locator("tbody tr").first.wait_for()
    rows = [
        [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        for row in table.locator("tbody tr").all()
    ]
    assert [row[:2] for row in rows] == [
        ["O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (การวิเคราะห์ผลการประเมินปีก่อน)",
         f"{base_url}/ita/kiar/ita-2566/{analysis.pk}/"],
        ["O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
         f"{base_url}/ita/kiar/ita-2566/{o42.pk}/"],
        ["O43 การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
         f"{base_url}/ita/kiar/ita-2566/{o43.pk}/"],
    ]  # fmt: skip
    assert "ยังไม่ได้เผยแพร่เอกสารของข้อนี้" in rows[0][2] and "ยังไม่ได้เผยแพร่" in rows[1][2]
    assert "รายงานรอบ ๖ เดือน (ต.ค. – มี.ค.) ปีงบประมาณ ๒๕๖๖" in rows[2][2]
    assert f"๑) เปิด {base_url}/ita/kiar/" in rows[2][2]
    page.screenshot(path=str(artifacts / "website-frames-the-table-1280.png"), full_page=True)
    # Any other page of the portal refuses to be framed there.
    page.wait_for_load_state("load")
    other = page.query_selector("#other").content_frame()
    assert other.url.startswith("chrome-error:") and "เกียร์" not in other.content()
    assert any("frame-ancestors" in text for text in blocked), blocked

    # A row's URL opens the item's document in a new tab (the website stays where it was).
    with page.expect_popup() as opened:
        table.locator(f'a[href="{base_url}/ita/kiar/ita-2566/{o43.pk}/"]').click()
    assert "ดาวน์โหลด PDF" in opened.value.content()
    visitor.close()

    # The embed page itself, and the analyst's page, at a phone's and a desktop's width.
    person = sign_in("analyst")
    organisation = report.organisation
    for width in (375, 1280):
        person.page.set_viewport_size({"width": width, "height": 900})
        page = person.go(f"/ita/manage/{organisation.pk}/table/2566/")
        page.screenshot(path=str(artifacts / f"analyst-table-{width}.png"), full_page=True)
        assert fits(page), f"the analyst's page scrolls sideways at {width} px"
        assert serious(page) == [], width
        assert "ตารางของปี ๒๕๖๖ ยังไม่ครบ" in page.content()
        page = person.go("/ita/kiar/ita-2566/")
        page.screenshot(path=str(artifacts / f"embed-{width}.png"), full_page=True)
        assert fits(page), f"the embed page scrolls sideways at {width} px"
        assert serious(page) == [], width
    person.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = person.go(f"/ita/manage/{organisation.pk}/table/2566/")
    page.click("button:has-text('คัดลอกโค้ด') >> nth=0")
    page.wait_for_selector("text=คัดลอกแล้ว")
    assert page.evaluate("navigator.clipboard.readText()").startswith("<table")
    with page.expect_download() as download:
        page.click("text=ดาวน์โหลดไฟล์ Excel")
    assert download.value.suggested_filename == "ita-2566-kiar.xlsx"
