"""Everyone changes their own password on a page linked from the top bar; a person whose first
password a site admin chose must change it at the first sign-in, before anything else (issue 17,
item 14). Django's own views and validators, in Thai."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from organisations.access import SYSTEM
from organisations.models import Membership, PasswordChangeDue, Role
from organisations.services import membership_save, organisation_create

pytestmark = pytest.mark.django_db

FIRST = "ครูใหม่-2567-ยะลา"
CHOSEN = "ตั้งเองจำได้-2568"
CHANGE = "/accounts/password/"


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def newcomer(cast):
    membership = Membership(organisation=cast.home, role=Role.STAFF, display_name="นางสาวใหม่ ทดสอบ",
                            position_title="นักวิชาการศึกษา")  # fmt: skip
    membership_save(membership=membership, username="newcomer", password=FIRST,
                    divisions=[cast.home.divisions.get(name="คลัง")], by=cast.sam)  # fmt: skip
    return membership.user


def change(client, old, new, confirm=None):
    return client.post(
        CHANGE, {"old_password": old, "new_password1": new, "new_password2": confirm or new}
    )


def test_everyone_finds_the_page_in_the_top_bar_and_changes_their_password(client, cast):
    client.force_login(cast.bob)
    home = client.get(reverse("home")).content.decode()
    assert f'<a href="{CHANGE}">เปลี่ยนรหัสผ่าน</a>' in home
    page = client.get(CHANGE).content.decode()
    for label in ["รหัสผ่านเดิม", "รหัสผ่านใหม่", "ยืนยันรหัสผ่านใหม่", "อย่างน้อย ๘ ตัวอักษร"]:
        assert label in page, label
    response = change(client, "pw-for-tests-only", CHOSEN)
    assert response.status_code == 302
    followed = client.get(response.url).content.decode()
    assert "เปลี่ยนรหัสผ่านแล้ว" in followed
    cast.bob.refresh_from_db()
    assert cast.bob.check_password(CHOSEN)
    assert client.get(reverse("home")).status_code == 200  # still signed in


@pytest.mark.parametrize(
    "old, new, confirm, message",
    [
        ("ผิด", CHOSEN, None, "รหัสผ่านเดิมไม่ถูกต้อง"),
        ("pw-for-tests-only", "1234", None, "รหัสผ่านสั้นเกินไป"),
        ("pw-for-tests-only", CHOSEN, CHOSEN + "x", "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"),
    ],
)
def test_a_refused_change_says_why_in_thai(client, cast, old, new, confirm, message):
    client.force_login(cast.bob)
    page = change(client, old, new, confirm).content.decode()
    assert message in page
    cast.bob.refresh_from_db()
    assert cast.bob.check_password("pw-for-tests-only")


def test_a_new_person_must_change_the_first_password_before_anything_else(client, cast):
    user = newcomer(cast)
    response = sign_in(client, "newcomer", FIRST)
    assert response.status_code == 302
    for url in [reverse("home"), reverse("measures:mine"), reverse("reports:list"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url == CHANGE, url
    page = client.get(CHANGE).content.decode()
    assert "กรุณาตั้งรหัสผ่านใหม่ของท่านเองก่อนเริ่มใช้งาน" in page
    assert change(client, FIRST, FIRST).status_code == 200  # the same password is no change
    assert client.get(reverse("home")).status_code == 302
    assert change(client, FIRST, CHOSEN).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not PasswordChangeDue.objects.filter(user=user).exists()
    client.logout()
    sign_in(client, "newcomer", CHOSEN)
    assert client.get(reverse("home")).status_code == 200  # asked once, not at every sign-in


def test_signing_out_is_still_possible(client, cast):
    newcomer(cast)
    sign_in(client, "newcomer", FIRST)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")


def test_a_password_set_from_a_reset_link_counts_as_the_persons_own(client, cast):
    user = newcomer(cast)
    from organisations.onboarding import set_password_link

    link = set_password_link(user).split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": CHOSEN, "new_password2": CHOSEN})
    assert not PasswordChangeDue.objects.filter(user=user).exists()
    sign_in(client, "newcomer", CHOSEN)
    assert client.get(reverse("home")).status_code == 200


def test_a_new_organisations_site_admin_sets_their_own_password_from_the_link(cast):
    membership = organisation_create(
        by=SYSTEM, name="องค์การบริหารส่วนตำบลใหม่", short_name="อบต.ใหม่", slug="mai",
        kind="sao", province=cast.home.province, district=cast.home.district,
        admin_username="mai-admin",
        admin_email="admin@mai.go.th", admin_name="นายใหม่ ดูแล", admin_position="ผู้ดูแลระบบ",
    )  # fmt: skip
    assert not PasswordChangeDue.objects.filter(user=membership.user).exists()


def test_demo_people_are_not_asked(client, cast):
    assert sign_in(client, "bob", "pw-for-tests-only").status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert get_user_model().objects.count() == PasswordChangeDue.objects.count() + len(cast.people)


def test_a_visitors_public_pages_stay_cacheable_for_everyone(client, cast):
    """Asking whether a change is due never touches a visitor's (absent) session: the public
    pages do not vary by cookie."""
    response = client.get(reverse("publishing:index"))
    assert "Cookie" not in response.get("Vary", "")


def test_guessing_the_old_password_counts_towards_the_sign_in_lock_out(client, cast, settings):
    """Someone at a signed-in browser cannot guess its owner's password on this page: wrong
    guesses lock it as wrong sign-ins do, then even the right one changes nothing."""
    client.force_login(cast.bob)
    assert "รหัสผ่านเดิมไม่ถูกต้อง" in change(client, "เดา", CHOSEN).content.decode()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        change(client, f"เดา-{attempt}", CHOSEN)
    response = change(client, "pw-for-tests-only", CHOSEN)
    assert response.status_code == 429
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in response.content.decode()
    cast.bob.refresh_from_db()
    assert cast.bob.check_password("pw-for-tests-only")
    client.logout()
    assert sign_in(client, "bob", "pw-for-tests-only").status_code == 429
