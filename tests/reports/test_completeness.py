"""How complete a report is: every measure is counted once, in one column (issue 17, item 13:
a measure without an entry was counted both as "ยังไม่ดำเนินการ" and as "ยังไม่มีผล")."""

import re

import pytest
from django.urls import reverse

from measures.models import FiscalYear, Measure
from measures.services.plan import measure_save, measure_set_divisions
from measures.services.progress import progress_save
from organisations.access import SYSTEM
from reports.selectors import completeness
from reports.services import report_create

pytestmark = pytest.mark.django_db


def counts(statuses) -> dict:
    return {item["label"]: item["count"] for item in statuses}


@pytest.fixture
def plan_2567(cast):
    """Four measures of 2567: คลัง answers for 1 and 2, ช่าง for 3, everyone for 4."""
    plan = FiscalYear.objects.create(organisation=cast.home, year=2567)
    klang, chang = cast.home.divisions.order_by("order")
    recorded = {
        2: ("not_started", "ยังไม่เริ่ม รองบประมาณปีถัดไป"),
        3: ("done", "ดำเนินการแล้ว"),
        4: ("in_progress", ""),
    }
    for number, divisions in [(1, [klang]), (2, [klang]), (3, [chang]), (4, [])]:
        measure = measure_save(
            measure=Measure(fiscal_year=plan, number=number, title=f"ข้อ {number}"), by=SYSTEM
        )
        measure_set_divisions(
            measure=measure, divisions=divisions, all_divisions=not divisions, by=SYSTEM
        )
        if number in recorded:
            status, result = recorded[number]
            progress_save(measure=measure, period=1, by=SYSTEM, version=None, status=status,
                          result=result)  # fmt: skip
    return report_create(fiscal_year=plan, period=1, author=cast.alice)


def test_each_measure_is_counted_once(plan_2567):
    tally = completeness(plan_2567)
    assert tally["total"] == 4
    assert counts(tally["statuses"]) == {
        "ดำเนินการแล้ว": 1, "อยู่ระหว่างดำเนินการ": 1, "ยังไม่ดำเนินการ": 1, "ยังไม่ได้บันทึก": 1,
    }  # fmt: skip
    klang, chang = tally["per_division"]
    assert klang["total"] == 3 and counts(klang["statuses"]) == {
        "ดำเนินการแล้ว": 0, "อยู่ระหว่างดำเนินการ": 1, "ยังไม่ดำเนินการ": 1, "ยังไม่ได้บันทึก": 1,
    }  # fmt: skip
    assert chang["total"] == 2 and counts(chang["statuses"]) == {
        "ดำเนินการแล้ว": 1, "อยู่ระหว่างดำเนินการ": 1, "ยังไม่ดำเนินการ": 0, "ยังไม่ได้บันทึก": 0,
    }  # fmt: skip
    # The measures the report still prints without a result: 1 (nothing recorded) and 4.
    assert [row["number"] for row in tally["without_result"]] == [1, 4]


def test_a_plan_nobody_recorded_is_counted_once_per_measure(cast):
    plan = FiscalYear.objects.create(organisation=cast.home, year=2568)
    klang = cast.home.divisions.get(name="คลัง")
    for number in range(1, 16):
        measure = measure_save(
            measure=Measure(fiscal_year=plan, number=number, title=f"ข้อ {number}"), by=SYSTEM
        )
        measure_set_divisions(measure=measure, divisions=[klang], all_divisions=False, by=SYSTEM)
    report = report_create(fiscal_year=plan, period=1, author=cast.alice)
    tally = completeness(report)
    assert counts(tally["per_division"][0]["statuses"]) == {
        "ดำเนินการแล้ว": 0, "อยู่ระหว่างดำเนินการ": 0, "ยังไม่ดำเนินการ": 0, "ยังไม่ได้บันทึก": 15,
    }  # fmt: skip


def test_the_report_page_shows_one_column_per_state(plan_2567, client, cast):
    client.force_login(cast.alice)
    page = client.get(reverse("reports:detail", args=[plan_2567.pk])).content.decode()
    header = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    assert re.findall(r'<th scope="col">([^<]*)</th>', header) == [
        "ส่วนราชการ", "ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้ว", "ยังไม่ได้บันทึก",
    ]  # fmt: skip
    row = re.search(r'<th scope="row">คลัง</th>(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row) == ["๑", "๑", "๐", "๑"]
