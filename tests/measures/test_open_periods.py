"""Next year's plan does not hide this year's 12-month work: staff see every period open for
them (its report not submitted yet), pick a year and period, and the start page says what each
person still has to record, per open period (issue 17, item 1)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Measure, MeasureStep, ProgressEntry
from measures.selectors import open_periods
from reports import workflow
from reports.services import report_create
from tests.signing import confirmed
from tests.year_end import a_year_on, demo_person

pytestmark = pytest.mark.django_db

FULL_YEAR_2566 = "ปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๑๒ เดือน (ต.ค. – ก.ย.)"
FIRST_HALF_2567 = "ปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน (ต.ค. – มี.ค.)"


@pytest.fixture
def next_year(demo_report):
    return a_year_on(demo_report)


@pytest.fixture
def klang(client, next_year):
    client.force_login(demo_person("staff-klang"))
    return client


def pairs(found):
    return [(plan.year, period) for plan, period in found]


def test_on_1_october_both_the_year_just_ended_and_the_new_year_are_open(demo, next_year):
    organisation = demo.organisation
    assert pairs(open_periods(organisation, today=date(2023, 10, 1))) == [(2566, 2), (2567, 1)]
    # Before the new year begins, its plan (made early) is not open for recording yet.
    assert pairs(open_periods(organisation, today=date(2023, 9, 1))) == [(2566, 2)]


def test_once_the_12_month_report_is_submitted_only_the_new_year_is_open(demo, next_year):
    report = report_create(fiscal_year=demo.fiscal_year, period=2, author=demo_person("analyst"))
    analyst = demo_person("analyst")
    workflow.report_submit(report, by=analyst, confirmation=confirmed(analyst))
    assert pairs(open_periods(demo.organisation, today=date(2023, 10, 1))) == [(2567, 1)]


def test_staff_see_the_12_month_period_beside_next_years_plan(klang, demo):
    page = klang.get(reverse("measures:mine")).content.decode()
    assert FULL_YEAR_2566 in page and FIRST_HALF_2567 in page
    measure = Measure.objects.get(fiscal_year=demo.fiscal_year, number=1)
    assert reverse("measures:progress", args=[measure.pk, 2]) in page
    assert page.count("มาตรการที่ยังไม่ได้บันทึกผล ๔\u00a0ข้อ") == 2  # ข้อ ๑, ๓, ๔, ๑๕ in each


def test_staff_pick_a_year_and_period_even_a_submitted_one(klang, demo):
    page = klang.get(reverse("measures:mine"), {"year": 2566, "period": 1}).content.decode()
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน (ต.ค. – มี.ค.)" in page
    assert FIRST_HALF_2567 not in page
    assert (
        "รายงานรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖ ได้รับอนุมัติแล้ว ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้อีก"
    ) in page  # the one reason, issue 17 item 9
    assert "บันทึกผล ข้อ" not in page
    assert '<option value="2567">พ.ศ. ๒๕๖๗</option>' in page
    page = klang.get(reverse("measures:mine"), {"year": 2590, "period": 1}).content.decode()
    assert "ไม่มีแผนมาตรการของปีงบประมาณที่เลือก" in page


def test_the_start_page_counts_what_each_person_still_has_to_record(klang, client, demo):
    page = klang.get("/").content.decode()
    assert f"{FULL_YEAR_2566}: มาตรการที่ยังไม่ได้บันทึกผล ๔\u00a0ข้อ" in page
    assert f"{FIRST_HALF_2567}: มาตรการที่ยังไม่ได้บันทึกผล ๔\u00a0ข้อ" in page
    assert 'href="/measures/?year=2566&amp;period=2"' in page

    measure = Measure.objects.get(fiscal_year=demo.fiscal_year, number=1)
    form = klang.get(reverse("measures:progress", args=[measure.pk, 2])).context["form"]
    klang.post(reverse("measures:progress", args=[measure.pk, 2]),
               {"status": "done", "result": "เผยแพร่ครบทั้งปีแล้ว",
                "version": form.initial["version"]})  # fmt: skip
    page = klang.get("/").content.decode()
    assert f"{FULL_YEAR_2566}: มาตรการที่ยังไม่ได้บันทึกผล ๓\u00a0ข้อ" in page

    # Another division's part of ข้อ ๑๕ is not กองคลัง's.
    client.force_login(demo_person("staff-chang"))
    shared = Measure.objects.get(fiscal_year=demo.fiscal_year, number=15)
    form = client.get(reverse("measures:progress", args=[shared.pk, 2])).context["form"]
    client.post(reverse("measures:progress", args=[shared.pk, 2]),
                {"status": "done", "result": "กองช่างดำเนินการครบ",
                 "version": form.initial["version"]})  # fmt: skip
    client.force_login(demo_person("staff-klang"))
    assert f"{FULL_YEAR_2566}: มาตรการที่ยังไม่ได้บันทึกผล ๓\u00a0ข้อ" in client.get("/").content.decode()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_measures(demo, next_year, numbers):
    """Measures of two divisions (กองคลัง among them) with steps and progress."""
    divisions = list(demo.organisation.divisions.all())
    for plan in (demo.fiscal_year, next_year):
        for number in numbers:
            measure = Measure.objects.create(fiscal_year=plan, number=number, title=f"ข้อ {number}")
            measure.divisions.set(divisions[:2] if number % 2 else divisions[1:2])
            MeasureStep.objects.create(measure=measure, position=1, text="ขั้นตอน")
            for period in (1, 2) if plan == next_year else (2,):
                ProgressEntry.objects.create(measure=measure, period=period, status="done")


@pytest.mark.parametrize("url", ["/", "/measures/", "/measures/?year=2566&period=2&all=1"])
def test_the_pages_cost_the_same_with_more_measures(klang, demo, next_year, url):
    add_measures(demo, next_year, range(18, 20))
    before = queries(klang, url)
    add_measures(demo, next_year, range(20, 32))
    assert queries(klang, url) == before


def test_the_analyst_creates_the_12_month_report_after_next_years_plan_exists(client, next_year):
    client.force_login(demo_person("analyst"))
    page = client.get(reverse("reports:list")).content.decode()
    assert "ยังไม่มีรายงานรอบ ๑๒ เดือน (ต.ค. – ก.ย.) ปีงบประมาณ พ.ศ. ๒๕๖๖" in page
    assert "ยังไม่มีรายงานรอบ ๖ เดือน (ต.ค. – มี.ค.) ปีงบประมาณ พ.ศ. ๒๕๖๗" in page
