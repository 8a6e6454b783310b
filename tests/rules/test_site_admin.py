"""A site admin who is not a Django superuser administers their own organisation in the admin:
divisions, people and their roles, the review chain; and the measure import page opens for
everyone who keeps a plan."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from organisations.models import Division, Membership, ReviewChainStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(client, cast):
    client.force_login(cast.sam)
    return client


@pytest.mark.parametrize(
    "name", ["organisations_division", "organisations_membership", "organisations_reviewchainstep"]
)
def test_the_add_and_change_pages_open(sam, cast, name):
    assert sam.get(reverse(f"admin:{name}_add")).status_code == 200
    obj = {
        "organisations_division": lambda: cast.home.divisions.first(),
        "organisations_membership": lambda: Membership.objects.get(user=cast.bob),
        "organisations_reviewchainstep": lambda: ReviewChainStep.objects.create(
            organisation=cast.home, order=1, role="head_of_office", kind="comment"
        ),
    }[name]()
    assert sam.get(reverse(f"admin:{name}_change", args=[obj.pk])).status_code == 200


def test_the_choices_are_only_their_own_organisation(sam, cast):
    page = sam.get(reverse("admin:organisations_division_add")).content.decode()
    assert "อบต.ทดลอง" in page and "ทต.อื่น" not in page


def test_a_site_admin_adds_a_division_a_person_and_edits_the_chain(sam, cast):
    response = sam.post(
        reverse("admin:organisations_division_add"),
        {"organisation": cast.home.pk, "name": "กองการศึกษา", "short_name": "", "order": 3},
    )
    assert response.status_code == 302
    division = Division.objects.get(name="กองการศึกษา")
    person = {"organisation": cast.home.pk, "role": "staff", "divisions": [division.pk],
              "display_name": "นางสาวใหม่ ทดสอบ", "position_title": "นักวิชาการศึกษา",
              "username": "newcomer"}  # fmt: skip
    weak = sam.post(reverse("admin:organisations_membership_add"), {**person, "password": "1234"})
    assert "รหัสผ่านสั้นเกินไป" in weak.content.decode()
    assert "นางสาวใหม่ ทดสอบ" in weak.content.decode()  # what was typed stays
    response = sam.post(
        reverse("admin:organisations_membership_add"), {**person, "password": "ครูใหม่-2567-ยะลา"}
    )
    assert response.status_code == 302
    newcomer = get_user_model().objects.get(username="newcomer")
    assert newcomer.check_password("ครูใหม่-2567-ยะลา") and not newcomer.is_staff
    assert list(Membership.objects.get(user=newcomer).divisions.all()) == [division]
    # An existing account is added by its exact name; nobody sees a list of every account.
    page = sam.get(reverse("admin:organisations_membership_add")).content.decode()
    assert "olivia" not in page
    response = sam.post(
        reverse("admin:organisations_reviewchainstep_add"),
        {"organisation": cast.home.pk, "order": 1, "role": "chief_administrator",
         "kind": "approve"},
    )  # fmt: skip
    assert response.status_code == 302
    assert ReviewChainStep.objects.filter(organisation=cast.home).count() == 1


def test_they_cannot_reach_another_organisation(sam, cast):
    response = sam.post(
        reverse("admin:organisations_division_add"),
        {"organisation": cast.away.pk, "name": "กองแอบเพิ่ม", "order": 9},
    )
    assert response.status_code == 200  # the form answers: not a valid choice
    assert not Division.objects.filter(name="กองแอบเพิ่ม").exists()
    away_division = cast.away.divisions.first()
    url = reverse("admin:organisations_division_change", args=[away_division.pk])
    # As unknown as a division that does not exist: back to the admin's start page.
    response = sam.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


@pytest.mark.parametrize("username", ["alice", "sam"])
def test_the_measure_import_page_opens(client, cast, username):
    client.force_login(cast.people[username])
    page = client.get(reverse("admin:measures_measure_import"))
    assert page.status_code == 200
    assert "แผนปีงบประมาณ" in page.content.decode()


def test_the_import_page_opens_for_the_superuser(client, cast):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    assert client.get(reverse("admin:measures_measure_import")).status_code == 200
