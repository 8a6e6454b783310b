"""The ITA results pages: the analyst and the site admin type or import their organisation's
results, everyone of it reads them, nobody else sees them (404), the operator loads many
organisations at once; each page a fixed number of queries."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import AssessmentResult, AssessmentYear, Indicator
from tests.assessments.test_results_import import ONE_ORGANISATION

pytestmark = pytest.mark.django_db


def page(cast, year=2566):
    return reverse("assessments:result", args=[cast.home.pk, year])


def typed(**scores):
    data = {"total_score": "๘๗.๓๐", "level": "A"}
    ita = AssessmentYear.objects.get(year=2566)
    for code, score in scores.items():
        data[f"score_{ita.indicators.get(code=code.removeprefix('i')).pk}"] = score
    return data


def test_the_analyst_types_the_results_in_thai_digits(cast, client):
    client.force_login(cast.alice)
    response = client.post(page(cast), typed(i9="๘๒.๕๐", i10="67.25"), follow=True)
    assert "บันทึกผลการประเมินแล้ว" in response.content.decode()
    result = AssessmentResult.objects.get()
    assert (result.total_score, result.level, result.updated_by) == (
        Decimal("87.30"),
        "A",
        cast.alice,
    )
    assert sorted(str(s.score) for s in result.scores.all()) == ["67.25", "82.50"]
    text = client.get(page(cast)).content.decode()
    assert 'value="๘๗.๓๐"' in text and "ต่ำกว่าเกณฑ์" in text and "เกณฑ์ผ่าน ๘๕ คะแนน" in text
    # Emptying a field removes that score; the change is in the history.
    client.post(page(cast), typed(i9="๘๒.๕๐"))
    assert [s.indicator.code for s in result.scores.all()] == ["9"]
    assert result.history.count() == 2


def test_a_bad_value_is_said_in_thai_and_nothing_is_saved(cast, client):
    client.force_login(cast.sam)
    response = client.post(page(cast), {**typed(i1="๑๒๐"), "level": "A+"})
    text = response.content.decode()
    assert "คะแนน ๑๒๐ อยู่นอกช่วง" in text and "กรุณาตรวจสอบข้อมูลที่กรอก" in text
    assert "ไม่มีระดับ “A+” ในปีการประเมินนี้" in text
    assert AssessmentResult.objects.count() == 0


def test_staff_read_the_results_and_cannot_write_them(cast, client):
    client.force_login(cast.alice)
    client.post(page(cast), typed(i9="๘๒.๕๐"))
    client.force_login(cast.bob)
    text = client.get(page(cast)).content.decode()
    assert "๘๗.๓๐" in text and "<h2>บันทึกผลการประเมิน</h2>" not in text
    assert "นำเข้าจากไฟล์" not in text
    assert client.post(page(cast), typed(i9="๙๙")).status_code == 404
    upload = SimpleUploadedFile("r.csv", ONE_ORGANISATION.encode())
    url = reverse("assessments:result_import", args=[cast.home.pk, 2566])
    assert client.post(url, {"file": upload}).status_code == 404
    assert AssessmentResult.objects.get().total_score == Decimal("87.30")


def test_another_organisations_results_are_not_found(cast, client):
    client.force_login(cast.alice)
    client.post(page(cast), typed(i9="๘๒.๕๐"))
    client.force_login(cast.olivia)
    assert client.get(page(cast)).status_code == 404
    assert "๘๗.๓๐" not in client.get(reverse("assessments:results")).content.decode()
    own = reverse("assessments:result", args=[cast.away.pk, 2566])
    assert client.get(own).status_code == 200


def test_the_page_previews_an_import_and_writes_only_on_confirmation(cast, client):
    client.force_login(cast.alice)
    url = reverse("assessments:result_import", args=[cast.home.pk, 2566])
    preview = client.post(url, {"file": SimpleUploadedFile("r.csv", ONE_ORGANISATION.encode())})
    text = preview.content.decode()
    assert "ผลการประเมินของ ๑ หน่วยงาน: บันทึกใหม่ ๑" in text and "ยืนยันการนำเข้า" in text
    assert "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต" in text and "๖๗.๒๕" in text
    assert AssessmentResult.objects.count() == 0
    token = client.session["pending_results_import"]["token"]
    client.force_login(cast.olivia)  # another person cannot confirm it
    client.post(reverse("assessments:import_confirm"), {"token": token})
    assert AssessmentResult.objects.count() == 0
    client.force_login(cast.alice)
    client.post(url, {"file": SimpleUploadedFile("r.csv", ONE_ORGANISATION.encode())})
    token = client.session["pending_results_import"]["token"]
    done = client.post(reverse("assessments:import_confirm"), {"token": token}, follow=True)
    assert "นำเข้าผลการประเมิน ITA ปี ๒๕๖๖ แล้ว" in done.content.decode()
    assert AssessmentResult.objects.get().scores.count() == 10


def test_a_refused_file_shows_every_error_by_row(cast, client):
    client.force_login(cast.alice)
    url = reverse("assessments:result_import", args=[cast.home.pk, 2566])
    bad = "ตัวชี้วัด,คะแนน\nคะแนนรวม,๘๗\nระดับ,A\nตัวชี้วัดที่ ๑๒,๙๐\n"
    text = client.post(url, {"file": SimpleUploadedFile("r.csv", bad.encode())}).content.decode()
    assert "พบข้อผิดพลาด ๑ รายการ" in text and "แถวที่ ๔: ไม่พบตัวชี้วัด" in text
    assert "ยืนยันการนำเข้า" not in text and "pending_results_import" not in client.session


def test_the_operator_loads_many_organisations_from_the_results_page(
    cast, client, django_user_model
):
    table = "หน่วยงาน,คะแนนรวม,ระดับ,๙,๑๐\nอบต.ทดลอง,๘๗.๓,A,๘๒.๕,๖๗.๒๕\nทต.อื่น,๙๖,AA,๙๙,๑๐๐\n"
    client.force_login(cast.alice)
    assert "หลายหน่วยงาน" not in client.get(reverse("assessments:results")).content.decode()
    operator = django_user_model.objects.create_superuser("province", password="x")
    client.force_login(operator)
    assert (
        "นำเข้าผลการประเมินหลายหน่วยงาน" in client.get(reverse("assessments:results")).content.decode()
    )
    year = AssessmentYear.objects.get(year=2566)
    preview = client.post(
        reverse("assessments:many_import"),
        {"assessment_year": year.pk, "file": SimpleUploadedFile("p.csv", table.encode())},
    )
    text = preview.content.decode()
    assert "ผลการประเมินของ ๒ หน่วยงาน: บันทึกใหม่ ๒" in text and "ทต.อื่น" in text
    token = client.session["pending_results_import"]["token"]
    client.post(reverse("assessments:import_confirm"), {"token": token})
    assert AssessmentResult.objects.count() == 2


def test_query_counts_do_not_grow_with_indicators_years_or_results(
    cast, client, django_assert_max_num_queries
):
    client.force_login(cast.alice)
    client.post(page(cast), typed(i9="๘๒.๕๐", i10="๖๗.๒๕"))
    with django_assert_max_num_queries(12):  # 11th, 12th: the top bar asks which links to show
        assert client.get(page(cast)).status_code == 200
    with django_assert_max_num_queries(8):  # 8th: the top bar's overview link
        assert client.get(reverse("assessments:results")).status_code == 200
    ita = AssessmentYear.objects.get(year=2566)
    for number in range(11, 41):
        Indicator.objects.create(assessment_year=ita, code=str(number), name=f"ตัวชี้วัด {number}")
    for year in range(2570, 2580):
        AssessmentYear.objects.create(year=year, name=f"ITA {year}")
    client.post(page(cast), typed(i9="๘๒.๕๐", i10="๖๗.๒๕", i30="๙๐"))
    with django_assert_max_num_queries(12):  # 11th, 12th: the top bar asks which links to show
        assert client.get(page(cast)).status_code == 200
    with django_assert_max_num_queries(8):  # 8th: the top bar's overview link
        assert client.get(reverse("assessments:results")).status_code == 200


def test_a_confirmation_the_year_outran_writes_nothing_and_shows_why(cast, client):
    client.force_login(cast.alice)
    url = reverse("assessments:result_import", args=[cast.home.pk, 2566])
    client.post(url, {"file": SimpleUploadedFile("r.csv", ONE_ORGANISATION.encode())})
    token = client.session["pending_results_import"]["token"]
    AssessmentYear.objects.get(year=2566).levels.filter(label="A").delete()  # meanwhile
    page = client.post(reverse("assessments:import_confirm"), {"token": token})
    text = page.content.decode()
    assert page.status_code == 200
    assert "ไม่ได้นำเข้า: ข้อมูลเปลี่ยนไประหว่างตรวจสอบ กรุณาตรวจสอบใหม่" in text
    assert "ยืนยันการนำเข้า" not in text  # nothing left to confirm: the file is chosen again
    assert AssessmentResult.objects.count() == 0
