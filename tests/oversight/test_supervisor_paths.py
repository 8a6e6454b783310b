"""Review of the oversight (issue 20): where a supervisor's links lead, what the overview's
columns say, and the operator's command on bad input."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.oversight.test_overview import area, overview  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
NAMED = ("--name", "นางสาวปรียา กำกับดี", "--position", "ท้องถิ่นจังหวัด")


def test_a_supervisor_on_an_organisations_results_goes_back_to_that_organisations_page(
    client, cast
):
    client.force_login(cast.dina)
    page = client.get(reverse("assessments:result", args=[cast.home.pk, 2566])).content.decode()
    # Not the members' list of results, which says the account has no role anywhere.
    assert f'href="/oversight/organisations/{cast.home.pk}/?year=2566"' in page
    assert 'href="/ita-results/"' not in page
    client.force_login(cast.alice)
    page = client.get(reverse("assessments:result", args=[cast.home.pk, 2566])).content.decode()
    assert 'href="/ita-results/"' in page


def test_a_supervisors_start_page_leads_to_the_overview_not_to_pages_they_have_nothing_in(
    client, cast
):
    own_pages = [reverse(name) for name in ("measures:mine", "reports:list")]
    client.force_login(cast.dina)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("oversight:overview")}"' in page
    assert [url for url in own_pages if f'href="{url}"' in page] == []
    assert "งานที่รอท่าน" not in page
    client.force_login(cast.alice)
    page = client.get(reverse("home")).content.decode()
    assert all(f'href="{url}"' in page for url in own_pages) and "งานที่รอท่าน" in page


def test_the_overviews_columns_tell_two_items_of_one_code_apart(client, cast, area):  # noqa: F811
    response = overview(client, cast.dina)
    headers = response.context["headers"]
    # ITA 2566 files both the plan and the analysis under O42 (assessments/migrations/0004).
    assert headers[4:7] == ["ข้อ O42 การวิเคราะห์", "ข้อ O42 มาตรการ", "ข้อ O43"]
    page = response.content.decode()
    assert "ข้อ O42 มาตรการ" in page and "ข้อ O42 การวิเคราะห์" in page


def test_a_username_the_command_refuses_is_explained_in_thai():
    with pytest.raises(CommandError) as refused:
        call_command("grant_supervisor", "--username", "ปรียา กำกับดี", "--nation", *NAMED)
    assert "ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษร ตัวเลข และ @ . + - _" in str(refused.value)
    assert "Enter a valid" not in str(refused.value)


def test_an_empty_province_is_refused_as_a_province_not_as_a_district():
    with pytest.raises(CommandError) as refused:
        call_command("grant_supervisor", "--username", "ok", "--province", "", *NAMED)
    assert str(refused.value) == "ไม่พบจังหวัด “”"
