"""The demo's neighbours and supervisors: loaded with the demo, loaded again without harm, and
enough for the overview to show every state."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from organisations.models import Organisation
from publishing.models import Publication

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_supervisors_an_area_to_oversee(client):
    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo", stdout=out)  # again: the neighbours stay, nothing fails
    assert "supervisor-province" in out.getvalue() and "supervisor-district" in out.getvalue()
    assert Organisation.objects.filter(province__name="นราธิวาส").count() == 7
    assert (
        Publication.objects.filter(document__fiscal_year__organisation__slug="mamong").count() == 2
    )
    province = get_user_model().objects.get(username="supervisor-province")
    assert province.check_password("ita-demo-2566")
    client.force_login(province)
    found = client.get(reverse("oversight:overview")).context["overview"]
    assert found.assessment_year.year == 2566 and found.grand_total.organisations == 7
    states = {part.key for _, _, parts in found.states_chart for part in parts if part.count}
    assert states == {"none", "draft", "in_review", "final", "published"}
    assert 0 < found.grand_total.overdue < 7
    district = get_user_model().objects.get(username="supervisor-district")
    client.force_login(district)
    found = client.get(reverse("oversight:overview")).context["overview"]
    assert {row.district for row in found.rows} == {"สุคิริน"} and len(found.rows) == 5
