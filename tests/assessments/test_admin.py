"""The assessment's years are kept by the deployment's operator in the admin, for everyone:
unconfirmed items show so; an organisation's people cannot change them, and see only their own
organisation's results there."""

import pytest
from django.urls import reverse

from assessments.models import AssessmentItem, AssessmentYear
from tests.assessments.test_results_pages import page, typed

pytestmark = pytest.mark.django_db


def test_the_operator_sees_what_is_unconfirmed_and_adds_an_item(client, django_user_model):
    operator = django_user_model.objects.create_superuser("province", password="x")
    client.force_login(operator)
    listing = client.get(reverse("admin:assessments_assessmentyear_changelist")).content.decode()
    assert "⚠ ๓ ข้อ" in listing and "ยังไม่ได้บันทึก" in listing
    year = AssessmentYear.objects.get(year=2569)
    url = reverse("admin:assessments_assessmentyear_change", args=[year.pk])
    change = client.get(url).content.decode()
    assert "O26 รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (ยังไม่ยืนยัน)" in change
    assert "รอบใดก็ได้" in change


def test_an_organisations_people_cannot_change_the_years(cast, client):
    client.force_login(cast.sam)
    url = reverse("admin:assessments_assessmentyear_changelist")
    assert client.get(url).status_code == 403
    year = AssessmentYear.objects.get(year=2566)
    change = reverse("admin:assessments_assessmentyear_change", args=[year.pk])
    client.post(change, {"year": "2566", "name": "แก้", "pass_mark": "50"})
    year.refresh_from_db()
    assert year.pass_mark == 85 and AssessmentItem.objects.filter(code="O43").exists()


def test_results_in_the_admin_are_scoped_and_read_only(cast, client):
    client.force_login(cast.alice)
    client.post(page(cast), typed(i9="๘๒.๕๐"))
    listing = client.get(reverse("admin:assessments_assessmentresult_changelist"))
    assert "อบต.ทดลอง" in listing.content.decode()
    client.force_login(cast.olivia)
    listing = client.get(reverse("admin:assessments_assessmentresult_changelist"))
    assert "อบต.ทดลอง" not in listing.content.decode()
