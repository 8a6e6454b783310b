"""Staff pages at a phone's width, checked by axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from measures.models import Measure

pytestmark = pytest.mark.browser


def serious(page):
    results = Axe().run(page)
    assert len(results.response["passes"]) > 10, "axe-core did not check the page"
    return [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_staff_pages_are_accessible_and_usable_at_375px(sign_in, live_demo, artifacts):
    measure = Measure.objects.get(number=1)
    person = sign_in("staff-klang", width=375)
    paths = {
        "home": "/",
        "my-measures": "/measures/",
        "record-progress": f"/measures/{measure.pk}/progress/1/",
        "measure": f"/measures/{measure.pk}/",
    }
    for name, path in paths.items():
        page = person.go(path)
        page.screenshot(path=str(artifacts / f"{name}-375.png"), full_page=True)
        assert fits(page), f"{name} scrolls sideways at 375 px"
        assert serious(page) == [], name
    # The font is the project's own: the page does not fall back to boxes.
    assert person.page.evaluate("document.fonts.check('16px Laksaman', 'ดำเนินการ')")


def test_the_sign_in_page_is_accessible(browser, live_demo, artifacts):
    base_url, _ = live_demo
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{base_url}/accounts/login/")
    page.screenshot(path=str(artifacts / "login-375.png"))
    assert fits(page)
    assert serious(page) == []
    page.close()
