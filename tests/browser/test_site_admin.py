"""The organisation's own site admin (not a superuser) runs its people in the admin, in
Chromium, under the portal's Content-Security-Policy."""

import pytest

from organisations.models import Division, Membership, ReviewChainStep

pytestmark = pytest.mark.browser


def save(page):
    with page.expect_navigation():
        page.click("input[name=_save]")
    return page


def test_a_site_admin_adds_a_division_a_person_and_edits_the_review_chain(
    sign_in, live_demo, artifacts
):
    admin = sign_in("site-admin")
    page = admin.page
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page = admin.go("/admin/organisations/division/add/")
    page.select_option("#id_organisation", label="อบต.เกียร์")
    page.fill("#id_name", "กองสาธารณสุขและสิ่งแวดล้อม")
    page.fill("#id_short_name", "กองสาธารณสุขฯ")
    page.fill("#id_order", "5")
    page.screenshot(path=str(artifacts / "01-division.png"), full_page=True)
    save(page)
    assert "เพิ่ม" in page.content() and "กองสาธารณสุขฯ" in page.content()

    page = admin.go("/admin/organisations/membership/add/")
    page.select_option("#id_organisation", label="อบต.เกียร์")
    page.fill("#id_username", "staff-health")
    page.fill("#id_password", "สุขภาพดี-2566-เกียร์")
    page.select_option("#id_role", value="staff")
    page.fill("#id_display_name", "นางสาวสุขใจ รักษ์ดี")
    page.fill("#id_position_title", "นักวิชาการสาธารณสุข")
    page.select_option("#id_divisions_from", label="กองสาธารณสุขฯ")
    page.click("#id_divisions_add")
    page.screenshot(path=str(artifacts / "02-person.png"), full_page=True)
    save(page)
    assert "นางสาวสุขใจ รักษ์ดี" in page.content()

    page = admin.go("/admin/organisations/reviewchainstep/add/")
    page.select_option("#id_organisation", label="อบต.เกียร์")
    page.fill("#id_order", "1")
    page.select_option("#id_role", value="head_of_office")
    page.select_option("#id_kind", value="approve")
    save(page)
    step = ReviewChainStep.objects.get(order=1)
    page = admin.go(f"/admin/organisations/reviewchainstep/{step.pk}/change/")
    page.select_option("#id_kind", value="comment")
    page.screenshot(path=str(artifacts / "03-review-chain.png"), full_page=True)
    save(page)

    division = Division.objects.get(short_name="กองสาธารณสุขฯ")
    person = Membership.objects.get(user__username="staff-health")
    assert list(person.divisions.all()) == [division]
    assert ReviewChainStep.objects.get(pk=step.pk).kind == "comment"
    assert admin.blocked == []
