"""Taking a plan out, bringing it back, and starting next year from this one."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from measures.models import FiscalYear, Measure, ProgressEntry
from measures.plans import plan_export, plan_import
from measures.services.plan import plan_copy
from organisations.access import SYSTEM
from organisations.refusals import Refusal
from tests.measures.test_plan_import import plan_of

pytestmark = pytest.mark.django_db
COLUMNS = ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "การกำกับติดตาม", "สถานะ"]


def csv_rows(content: bytes):
    assert content.startswith("\ufeff".encode())  # Excel reads UTF-8 only with a BOM
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_export_has_the_documents_columns(demo):
    rows = csv_rows(plan_export(demo.fiscal_year, period=1, file_format="csv"))
    assert rows[0] == COLUMNS
    assert rows[1][0].startswith("1) การเผยแพร่ข้อมูล")
    assert rows[1][1].split("\n") == [
        "1. จัดทำมาตรการในการเผยแพร่ข้อมูลที่เกี่ยวข้องกับการใช้จ่ายงบประมาณ",
        "2. เผยแพร่ข้อมูลที่เกี่ยวข้องกับการใช้จ่ายงบประมาณให้บุคลากรทราบ",
    ]
    assert rows[1][2:] == [
        "กองคลัง",
        "อยู่ในระหว่างการดำเนินการ",
        "ควรดำเนินการตามมาตรการที่กำหนด และสรุปผลการดำเนินงานให้ผู้บริหารทราบตามห้วงเวลาที่กำหนด",
        "อยู่ระหว่างดำเนินการ",
    ]
    assert rows[3][2] == "ทุกกอง" and rows[15][2] == "สำนักปลัด/กองคลัง/กองช่าง/กองการศึกษาฯ"


def test_thai_digits_on_request(demo):
    rows = csv_rows(plan_export(demo.fiscal_year, period=1, file_format="csv", thai_digits=True))
    assert rows[1][0].startswith("๑) การเผยแพร่") and rows[1][1].startswith("๑. จัดทำ")
    assert rows[17][0].startswith("๑๗)")


def test_cells_a_spreadsheet_would_run_are_neutralised(demo):
    measure = Measure.objects.get(number=1)
    measure.title = '=HYPERLINK("http://evil.example","คลิก")'
    measure.save()
    entry = ProgressEntry.objects.get(measure=measure, period=1)
    entry.result, entry.follow_up = "+66 73 709886", "@SUM(1+1)"
    entry.save()
    first = measure.steps.get(position=1)
    first.text = "-ลดขั้นตอน"
    first.save()
    row = csv_rows(plan_export(demo.fiscal_year, period=1, file_format="csv"))[1]
    # The heading cell starts with the number, so it is safe as it is.
    assert row[0] == '1) =HYPERLINK("http://evil.example","คลิก")'
    assert row[3] == "'+66 73 709886" and row[4] == "'@SUM(1+1)"
    sheet = load_workbook(io.BytesIO(plan_export(demo.fiscal_year, period=1))).active
    cells = [cell for cell in sheet[2]]
    assert all(cell.data_type != "f" for cell in cells)
    assert cells[3].value == "'+66 73 709886"


def test_export_then_import_gives_back_the_same_plan(demo):
    entry = ProgressEntry.objects.get(measure__number=2, period=1)
    entry.result = "-ยังรอผลการสำรวจ"  # looks like a formula; must come back as it was
    entry.save()
    for file_format in ("xlsx", "csv"):
        content = plan_export(demo.fiscal_year, period=1, file_format=file_format)
        year = 2570 if file_format == "xlsx" else 2571
        outcome = plan_import(
            organisation=demo.organisation, year=year, period=1, content=content,
            filename=f"plan.{file_format}", by=SYSTEM, confirm=True,
        )  # fmt: skip
        assert outcome.ok, outcome.errors
        copy = FiscalYear.objects.get(organisation=demo.organisation, year=year)
        assert plan_of(copy) == plan_of(demo.fiscal_year)
        progress = lambda fy: [  # noqa: E731
            (e.measure.number, e.status, e.result, e.follow_up)
            for e in ProgressEntry.objects.filter(measure__fiscal_year=fy, period=1)
            .select_related("measure").order_by("measure__number")
        ]  # fmt: skip
        assert progress(copy) == progress(demo.fiscal_year)


def test_a_new_year_starts_from_an_earlier_one(demo):
    next_year = plan_copy(source=demo.fiscal_year, year=2567, by=SYSTEM)
    assert plan_of(next_year) == plan_of(demo.fiscal_year)
    assert not ProgressEntry.objects.filter(measure__fiscal_year=next_year).exists()
    with pytest.raises(Refusal, match="ปีงบประมาณ ๒๕๖๗ มีมาตรการอยู่แล้ว"):
        plan_copy(source=demo.fiscal_year, year=2567, by=SYSTEM)


def test_who_may_import_and_export(client, demo, other_organisation, django_user_model):
    users = {user.username: user for user in django_user_model.objects.all()}
    from tests.cast import person

    person(other_organisation, "outsider", "analyst")
    export_url = reverse("measures:plan_export", args=[demo.fiscal_year.pk]) + "?format=csv"
    import_url = reverse("measures:plan_import", args=[demo.organisation.pk])
    copy_url = reverse("measures:plan_copy", args=[demo.fiscal_year.pk])
    for username, can_import in [("analyst", True), ("staff-klang", False), ("chief-admin", False)]:
        client.force_login(users[username])
        assert client.get(export_url).status_code == 200
        response = client.post(import_url, {"year": "2567"})
        assert (response.status_code == 200) is can_import, username
        assert (client.post(copy_url, {"year": "2568"}).status_code == 302) is can_import
    client.force_login(django_user_model.objects.get(username="outsider"))
    assert client.get(export_url).status_code == 404
    assert client.post(import_url, {"year": "2567"}).status_code == 404
    page = client.get(reverse("measures:plans")).content.decode()
    assert "เกียร์" not in page


def test_the_plan_page_imports_after_a_preview(client, demo, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.measures.seed_table import seed_xlsx

    client.force_login(django_user_model.objects.get(username="analyst"))
    upload = SimpleUploadedFile("seed.xlsx", seed_xlsx())
    preview = client.post(
        reverse("measures:plan_import", args=[demo.organisation.pk]),
        {"file": upload, "year": "๒๕๖๘", "period": "1"},
    )
    page = preview.content.decode()
    assert "สร้างใหม่ ๑๗ แก้ไข ๐ ไม่เปลี่ยนแปลง ๐" in page and "ยืนยันการนำเข้า" in page
    assert not FiscalYear.objects.filter(year=2568).exists()
    token = preview.context["token"]
    done = client.post(
        reverse("measures:plan_import_confirm", args=[demo.organisation.pk]), {"token": token}
    )
    assert done.status_code == 302
    assert FiscalYear.objects.get(year=2568).measures.count() == 17
    # The same token cannot be used twice.
    again = client.post(
        reverse("measures:plan_import_confirm", args=[demo.organisation.pk]), {"token": token},
        follow=True,
    )  # fmt: skip
    assert "ไม่พบไฟล์ที่ตรวจแล้ว" in again.content.decode()


def test_the_admin_imports_the_same_table(client, demo, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.measures.seed_table import seed_xlsx

    target = FiscalYear.objects.create(organisation=demo.organisation, year=2569)
    client.force_login(django_user_model.objects.get(username="analyst"))
    url = reverse("admin:measures_measure_import")
    response = client.post(
        url,
        {"import_file": SimpleUploadedFile("seed.xlsx", seed_xlsx()), "format": 0,
         "fiscal_year": target.pk, "period": 1, "resource": 0},
    )  # fmt: skip
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    assert confirm is not None
    client.post(reverse("admin:measures_measure_process_import"), confirm.initial)
    assert plan_of(target) == plan_of(demo.fiscal_year)
    bad = client.post(
        url,
        {"import_file": SimpleUploadedFile("bad.xlsx", b"not excel"), "format": 0,
         "fiscal_year": target.pk, "period": "", "resource": 0},
    )  # fmt: skip
    assert "ไม่ใช่ไฟล์ Excel" in bad.content.decode()


def test_the_12_month_export_starts_from_the_6_month_result_as_the_report_does(demo):
    rows = csv_rows(plan_export(demo.fiscal_year, period=2, file_format="csv"))
    # Nothing recorded for the 12-month period yet: the 6-month result and status are the year's
    # so far; the follow-up is the chief administrator's for this period (none yet).
    assert rows[1][3:] == ["อยู่ในระหว่างการดำเนินการ", "", "อยู่ระหว่างดำเนินการ"]


def test_the_12_month_export_brought_back_unchanged_records_nothing_for_the_period(demo):
    content = plan_export(demo.fiscal_year, period=2, file_format="xlsx")
    outcome = plan_import(
        organisation=demo.organisation, year=demo.fiscal_year.year, period=2, content=content,
        filename="plan.xlsx", by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert outcome.ok, outcome.errors
    # The carried 6-month results are not made into 12-month ones: each division still records.
    assert not ProgressEntry.objects.filter(
        measure__fiscal_year=demo.fiscal_year, period=2
    ).exists()


def test_a_12_month_row_changed_elsewhere_keeps_its_carried_result_unrecorded(demo):
    content = plan_export(demo.fiscal_year, period=2, file_format="csv")
    rows = csv_rows(content)
    rows[1][0] = rows[1][0].replace("ให้บุคลากรทราบ", "ให้บุคลากรและประชาชนทราบ")
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    outcome = plan_import(
        organisation=demo.organisation, year=demo.fiscal_year.year, period=2,
        content=("\ufeff" + out.getvalue()).encode(), filename="plan.csv", by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert outcome.ok, outcome.errors
    assert (
        "ให้บุคลากรและประชาชนทราบ"
        in Measure.objects.get(fiscal_year=demo.fiscal_year, number=1).title
    )
    assert not ProgressEntry.objects.filter(
        measure__fiscal_year=demo.fiscal_year, period=2
    ).exists()
