"""A period is named as people name it, with its months, wherever a page names it (issue 17,
item 6); the document's own title line names it with its dates."""

import pytest
from django.urls import reverse

from measures.models import Measure
from reports.document import report_document

pytestmark = pytest.mark.django_db

FIRST = "รอบ ๖ เดือน (ต.ค. – มี.ค.)"
FULL = "รอบ ๑๒ เดือน (ต.ค. – ก.ย.)"


@pytest.fixture
def as_user(client, demo, django_user_model):
    def sign_in(username):
        client.force_login(django_user_model.objects.get(username=username))
        return client

    return sign_in


def test_staff_pages_name_both_periods_with_their_months(as_user):
    client = as_user("staff-klang")
    measure = Measure.objects.get(number=1)
    assert f"ปีงบประมาณ พ.ศ. ๒๕๖๖ {FIRST}" in client.get(reverse("measures:mine")).content.decode()
    page = client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert f">{FIRST}</h2>" in page and f">{FULL}</h2>" in page
    page = client.get(reverse("measures:progress", args=[measure.pk, 2])).content.decode()
    assert f"บันทึกผล ข้อ ๑ ({FULL})" in page


def test_reports_are_named_with_the_months_of_their_period(as_user, demo_report):
    client = as_user("analyst")
    assert str(demo_report) == f"รายงาน{FIRST} ปีงบประมาณ ๒๕๖๖ อบต.เกียร์"
    listing = client.get(reverse("reports:list")).content.decode()
    assert f"รายงาน{FIRST} ปีงบประมาณ ๒๕๖๖" in listing


def test_the_document_title_names_the_period_with_its_dates_once(demo_report):
    title = report_document(demo_report)["table"]["title_lines"][1]
    assert title == "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖)"
