"""A staff role is for a division: saved without one, the person would see every measure and
could record none. Refused on every path: the writer, the admin, the site admin's page; the
onboarding command goes through the same writer (issue 17, item 15)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from organisations.models import Membership, Role
from organisations.refusals import Refusal
from organisations.services import membership_save

pytestmark = pytest.mark.django_db

NO_DIVISION = "เจ้าหน้าที่ส่วนราชการต้องสังกัดอย่างน้อยหนึ่งส่วนราชการ จึงจะเห็นและบันทึกผลมาตรการของส่วนราชการนั้นได้"
PASSWORD = "ครูใหม่-2567-ยะลา"


def new_staff(cast, **extra):
    return Membership(
        organisation=cast.home, role=Role.STAFF, display_name="นางสาวใหม่ ทดสอบ",
        position_title="นักวิชาการศึกษา", **extra,
    )  # fmt: skip


def test_the_writer_refuses_staff_without_a_division_and_saves_nothing(cast):
    with pytest.raises(Refusal) as refusal:
        membership_save(membership=new_staff(cast), username="newcomer", password=PASSWORD,
                        divisions=[], by=cast.sam)  # fmt: skip
    assert refusal.value.fields == {"divisions": [NO_DIVISION]}
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_the_writer_refuses_a_division_of_another_organisation(cast):
    with pytest.raises(Refusal) as refusal:
        membership_save(membership=new_staff(cast), username="newcomer", password=PASSWORD,
                        divisions=[cast.away.divisions.get()], by=cast.sam)  # fmt: skip
    assert "ไม่ได้อยู่ใน อบต.ทดลอง: สำนักปลัด" in " ".join(refusal.value.messages)
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_other_roles_need_no_division(cast):
    membership = Membership(organisation=cast.home, role=Role.ANALYST, display_name="นายใหม่ แผนดี",
                            position_title="นักวิเคราะห์นโยบายและแผน")  # fmt: skip
    membership_save(membership=membership, username="planner", password=PASSWORD, divisions=[],
                    by=cast.sam)  # fmt: skip
    assert Membership.objects.get(user__username="planner").role == Role.ANALYST


def test_the_admin_refuses_staff_without_a_division_on_the_field(client, cast):
    client.force_login(cast.sam)
    response = client.post(
        reverse("admin:organisations_membership_add"),
        {"organisation": cast.home.pk, "role": "staff", "display_name": "นางสาวใหม่ ทดสอบ",
         "position_title": "นักวิชาการศึกษา", "username": "newcomer", "password": PASSWORD},
    )  # fmt: skip
    assert response.status_code == 200
    assert NO_DIVISION in response.content.decode()
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_the_admin_refuses_taking_the_last_division_from_staff(client, cast):
    client.force_login(cast.sam)
    bob = Membership.objects.get(user=cast.bob)
    response = client.post(
        reverse("admin:organisations_membership_change", args=[bob.pk]),
        {"organisation": cast.home.pk, "role": "staff", "display_name": bob.display_name,
         "position_title": bob.position_title},
    )  # fmt: skip
    assert response.status_code == 200
    assert NO_DIVISION in response.content.decode()
    assert [d.name for d in bob.divisions.all()] == ["คลัง"]
