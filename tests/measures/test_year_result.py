"""The 12-month period starts from the 6-month one: its form shows the 6-month result and
starts from it (status carried), and the 12-month table prints what the year achieved, not only
what was typed for the second period (issue 17, item 4)."""

import pytest
from django.urls import reverse

from measures.models import Measure
from measures.services.progress import division_result_save, progress_ensure
from reports.document import plan_table
from reports.services import report_create
from tests.year_end import demo_person, finish_the_six_month_report

pytestmark = pytest.mark.django_db

SIX_MONTHS = "ผลรอบ ๖ เดือน (ต.ค. – มี.ค.)"


@pytest.fixture
def twelve_months(demo, demo_report):
    finish_the_six_month_report(demo_report)
    return report_create(fiscal_year=demo.fiscal_year, period=2, author=demo_person("analyst"))


def measure(number):
    return Measure.objects.get(number=number)


def rows(report):
    return {row["number"]: row for row in plan_table(report)["rows"]}


def test_the_12_month_form_starts_from_the_6_month_result(client, twelve_months):
    client.force_login(demo_person("staff-klang"))
    page = client.get(reverse("measures:progress", args=[measure(1).pk, 2]))
    assert page.context["form"].initial["status"] == "in_progress"
    assert page.context["form"].initial["result"] == "อยู่ในระหว่างการดำเนินการ"
    text = page.content.decode()
    assert SIX_MONTHS in text and "แบบฟอร์มด้านล่างเริ่มจากผลรอบ ๖ เดือน (ต.ค. – มี.ค.)" in text


def test_a_division_of_a_shared_measure_starts_from_the_6_month_cell(client, twelve_months):
    client.force_login(demo_person("staff-chang"))
    page = client.get(reverse("measures:progress", args=[measure(15).pk, 2]))
    assert page.context["form"].initial["status"] == "done"
    assert page.context["form"].initial["result"] == ("ดำเนินการแล้วในห้วง ๖ เดือนแรกของปีงบประมาณ ๒๕๖๖")
    assert "ผลการดำเนินการของกองช่าง" in page.content.decode()


def test_the_12_month_table_prints_the_years_result(client, twelve_months):
    table = rows(twelve_months)
    assert (table[1]["status"], table[1]["result"]) == ("in_progress", "อยู่ในระหว่างการดำเนินการ")
    assert (table[5]["status"], table[5]["result"]) == (
        "done", "ดำเนินการแล้ว และได้รายงานความก้าวหน้าและสรุปผลให้ผู้บริหารทราบรอบ ๖ เดือนแรกของปี",
    )  # fmt: skip
    # The 6-month follow-up direction is not the 12-month report's.
    assert table[1]["follow_up"] == ""

    client.force_login(demo_person("staff-klang"))
    url = reverse("measures:progress", args=[measure(1).pk, 2])
    form = client.get(url).context["form"]
    client.post(url, {"status": "done", "result": "เผยแพร่ข้อมูลการใช้จ่ายงบประมาณครบทั้งปีแล้ว",
                      "version": form.initial["version"]})  # fmt: skip
    table = rows(twelve_months)
    assert (table[1]["status"], table[1]["result"]) == (
        "done", "เผยแพร่ข้อมูลการใช้จ่ายงบประมาณครบทั้งปีแล้ว",
    )  # fmt: skip


def test_evidence_alone_does_not_empty_the_years_result(twelve_months):
    progress_ensure(measure=measure(1), period=2, by=demo_person("staff-klang"))
    assert rows(twelve_months)[1]["result"] == "อยู่ในระหว่างการดำเนินการ"


def test_a_shared_measure_keeps_the_parts_not_yet_written_for_the_year(demo, demo_report):
    """Each division's 6-month part stays in the year's cell until it writes its 12-month one."""
    shared = measure(3)  # ทุกกอง
    klang = demo.organisation.divisions.get(name="กองคลัง")
    chang = demo.organisation.divisions.get(name="กองช่าง")
    for division, username, text in [(klang, "staff-klang", "คลัง ๖ เดือน"),
                                     (chang, "staff-chang", "ช่าง ๖ เดือน")]:  # fmt: skip
        division_result_save(measure=shared, period=1, division=division,
                             by=demo_person(username), version=None, status="done",
                             result=text)  # fmt: skip
    finish_the_six_month_report(demo_report)
    report = report_create(fiscal_year=demo.fiscal_year, period=2, author=demo_person("analyst"))
    assert rows(report)[3]["result"] == "กองคลัง: คลัง ๖ เดือน\nกองช่าง: ช่าง ๖ เดือน"

    division_result_save(measure=shared, period=2, division=klang, by=demo_person("staff-klang"),
                         version=None, status="done", result="คลังทั้งปี")  # fmt: skip
    assert rows(report)[3]["result"] == "กองคลัง: คลังทั้งปี\nกองช่าง: ช่าง ๖ เดือน"
