"""เพิ่มบุคลากร: the site admin's own page to add a person, with the organisation's divisions as a
checkbox list (issue 17, item 15)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from organisations.models import Membership, PasswordChangeDue

pytestmark = pytest.mark.django_db

PASSWORD = "ครูใหม่-2567-ยะลา"


def url(organisation):
    return reverse("person_add", args=[organisation.pk])


def person(**extra):
    return {"username": "newcomer", "password": PASSWORD, "email": "newcomer@example.org",
            "display_name": "นางสาวใหม่ ทดสอบ", "position_title": "นักวิชาการศึกษา",
            "role": "staff", **extra}  # fmt: skip


def test_the_divisions_are_a_checkbox_list_of_the_organisations_own(client, cast):
    client.force_login(cast.sam)
    page = client.get(url(cast.home)).content.decode()
    assert "<h1>เพิ่มบุคลากร" in page
    for division in cast.home.divisions.all():
        assert f'type="checkbox" name="divisions" value="{division.pk}"' in page
    away = cast.away.divisions.get()
    assert f'name="divisions" value="{away.pk}"' not in page
    assert "select multiple" not in page


def test_a_site_admin_adds_a_staff_member_with_divisions(client, cast):
    client.force_login(cast.sam)
    klang, chang = cast.home.divisions.order_by("order")
    response = client.post(url(cast.home), person(divisions=[klang.pk, chang.pk]), follow=True)
    assert "เพิ่ม นางสาวใหม่ ทดสอบ (เจ้าหน้าที่ส่วนราชการ) แล้ว" in response.content.decode()
    membership = Membership.objects.get(user__username="newcomer")
    assert membership.organisation == cast.home and membership.role == "staff"
    assert sorted(d.name for d in membership.divisions.all()) == ["คลัง", "ช่าง"]
    assert membership.user.check_password(PASSWORD)
    assert membership.user.email == "newcomer@example.org"
    # A first password chosen by someone else is changed at the first sign-in.
    assert PasswordChangeDue.objects.filter(user=membership.user).exists()


def test_staff_without_a_division_is_refused_and_what_was_typed_stays(client, cast):
    client.force_login(cast.sam)
    response = client.post(url(cast.home), person())
    page = response.content.decode()
    assert response.status_code == 200
    assert "เจ้าหน้าที่ส่วนราชการต้องสังกัดอย่างน้อยหนึ่งส่วนราชการ" in page
    assert 'value="นางสาวใหม่ ทดสอบ"' in page
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_a_weak_first_password_is_refused_in_thai(client, cast):
    client.force_login(cast.sam)
    klang = cast.home.divisions.get(name="คลัง")
    page = client.post(url(cast.home), person(password="1234", divisions=[klang.pk]))
    assert "รหัสผ่านสั้นเกินไป" in page.content.decode()
    assert not get_user_model().objects.filter(username="newcomer").exists()


@pytest.mark.parametrize("username", ["alice", "bob", "olivia"])
def test_only_the_organisations_site_admin_opens_it(client, cast, username):
    client.force_login(cast.people[username])
    assert client.get(url(cast.home)).status_code == 403
    assert client.post(url(cast.home), person()).status_code == 403
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_the_start_page_and_the_admin_lead_there(client, cast):
    client.force_login(cast.sam)
    assert f'href="{url(cast.home)}"' in client.get(reverse("home")).content.decode()
    changelist = client.get(reverse("admin:organisations_membership_changelist")).content.decode()
    assert f'href="{url(cast.home)}"' in changelist


def test_a_username_someone_has_is_not_taken_over_by_a_first_password(client, cast):
    """A new person whose username another organisation's person already has: the site admin
    is told to choose another; nothing of the existing account changes and it gains no role."""
    client.force_login(cast.sam)
    klang = cast.home.divisions.get(name="คลัง")
    page = client.post(url(cast.home), person(username="oscar", divisions=[klang.pk]))
    assert page.status_code == 200
    assert "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว" in page.content.decode()
    assert 'value="นางสาวใหม่ ทดสอบ"' in page.content.decode()  # what was typed stays
    cast.oscar.refresh_from_db()
    assert cast.oscar.check_password("pw-for-tests-only")
    assert not Membership.objects.filter(user=cast.oscar, organisation=cast.home).exists()


def test_another_organisations_account_is_not_named_into_this_one(client, cast):
    client.force_login(cast.sam)
    klang = cast.home.divisions.get(name="คลัง")
    page = client.post(url(cast.home), person(username="oscar", password="", divisions=[klang.pk]))
    assert "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว" in page.content.decode()
    assert not Membership.objects.filter(user=cast.oscar, organisation=cast.home).exists()


def test_a_person_of_the_organisation_gets_a_second_role_named_without_a_password(client, cast):
    client.force_login(cast.sam)
    response = client.post(url(cast.home), person(username="bob", password="", role="analyst"))
    assert response.status_code == 302
    assert set(Membership.objects.filter(user=cast.bob).values_list("role", flat=True)) == {
        "staff", "analyst",
    }  # fmt: skip
    cast.bob.refresh_from_db()
    assert cast.bob.check_password("pw-for-tests-only")


def test_the_admin_refuses_another_organisations_account_and_keeps_what_was_typed(client, cast):
    client.force_login(cast.sam)
    klang = cast.home.divisions.get(name="คลัง")
    page = client.post(
        reverse("admin:organisations_membership_add"),
        {"organisation": cast.home.pk, "role": "staff", "divisions": [klang.pk],
         "display_name": "นางสาวใหม่ ทดสอบ", "position_title": "นักวิชาการศึกษา",
         "username": "olivia", "password": ""},
    ).content.decode()  # fmt: skip
    assert "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว" in page and "นางสาวใหม่ ทดสอบ" in page
    assert not Membership.objects.filter(user=cast.olivia, organisation=cast.home).exists()
