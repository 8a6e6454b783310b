"""In Chromium: the province's supervisor (the demo's supervisor-province) opens the overview of
นราธิวาส, filters it to the organisations past a due date, opens one of them and its published
report. The overview and the public pages pass axe-core at a phone's and a desktop's width."""

import pytest

from oversight.demo import load_demo_area
from tests.browser.test_staff_pages import fits, serious

pytestmark = pytest.mark.browser


def test_a_province_supervisor_finds_the_overdue_and_reads_a_published_report(
    sign_in, live_demo, artifacts
):
    load_demo_area()
    person = sign_in("supervisor-province", width=1280)
    page = person.page
    page.click("text=ภาพรวมพื้นที่")
    page.wait_for_url("**/oversight/")
    assert "ภาพรวมการประเมิน ITA ปี ๒๕๖๖" in page.content()
    table = page.locator("table.overview-table tbody tr")
    everyone = set(table.locator("th").all_inner_texts())
    assert len(everyone) == 7 and "องค์การบริหารส่วนตำบลมาโมง" in everyone
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"overview-{width}.png"), full_page=True)
        assert fits(page), f"the overview scrolls sideways at {width} px"
        assert serious(page) == [], width

    page.set_viewport_size({"width": 1280, "height": 900})
    page.check("#id_overdue")
    page.click("button:has-text('แสดง')")
    page.wait_for_url("**overdue=on**")
    overdue = set(table.locator("th").all_inner_texts())
    # อบต.มาโมง published both its documents: nothing of it is overdue.
    assert overdue == everyone - {"องค์การบริหารส่วนตำบลมาโมง"}
    assert page.locator("td.late").count() >= len(overdue)
    page.screenshot(path=str(artifacts / "overview-overdue-1280.png"), full_page=True)

    page.click("text=เทศบาลตำบลตากใบ")
    assert "เกินกำหนด" in page.content()  # its announcement is still in review
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"organisation-{width}.png"), full_page=True)
        assert fits(page), f"the organisation's page scrolls sideways at {width} px"
        assert serious(page) == [], width
    page.click("text=หน้าเผยแพร่")
    assert "/ita/takbai/2566/report-1/" in page.url
    assert "เทศบาลตำบลตากใบ" in page.content() and "O43" in page.content()
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"published-report-{width}.png"), full_page=True)
        assert fits(page), f"the published report's page scrolls sideways at {width} px"
        assert serious(page) == [], width
