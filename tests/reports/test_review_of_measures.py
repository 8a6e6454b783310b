"""The chief administrator's review: each measure's result with its evidence beside it, a way to
jump between measures, and a view of only those not done (issue 17, item 8)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Measure, ProgressEntry
from measures.services.evidence import evidence_add_file, evidence_add_link
from organisations.models import StepKind
from reports import workflow
from tests.cast import advance

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
NOT_DONE = [1, 2, 4, 10, 11]  # the demo's measures in progress; the other twelve are done


@pytest.fixture
def users(django_user_model, demo):
    return {user.username: user for user in django_user_model.objects.all()}


def add_evidence(users, number, count=1):
    entry = ProgressEntry.objects.get(measure__number=number, period=1)
    added = []
    for index in range(count):
        added.append(
            evidence_add_file(
                entry=entry, by=users["staff-klang"] if number == 1 else users["analyst"],
                upload=SimpleUploadedFile(f"แผน-{index}.pdf", PDF),
                description=f"แผนการใช้จ่ายงบประมาณ {index}",
            )
        )  # fmt: skip
    return added


def to_the_chief(report, users):
    advance(report, through=StepKind.COMMENT)


def card(page, number) -> str:
    """The HTML of one measure's card on the review page."""
    start = page.index(f'id="measure-{number}"')
    end = page.find('class="card review-measure', start + 1)
    return page[start : end if end > 0 else len(page)]


def test_each_result_has_its_evidence_beside_it(client, demo_report, users):
    (document,) = add_evidence(users, 1)
    entry = ProgressEntry.objects.get(measure__number=1, period=1)
    link = evidence_add_link(
        entry=entry, by=users["staff-klang"], url="https://kiar.go.th/budget-2566",
        description="ประกาศบนเว็บไซต์",
    )  # fmt: skip
    to_the_chief(demo_report, users)
    client.force_login(users["chief-admin"])
    page = client.get(reverse("reports:detail", args=[demo_report.pk])).content.decode()
    first = card(page, 1)
    assert "อยู่ในระหว่างการดำเนินการ" in first  # the result as submitted
    assert f'href="/measures/evidence/{document.pk}/"' in first
    assert "แผนการใช้จ่ายงบประมาณ 0" in first
    assert 'href="https://kiar.go.th/budget-2566"' in first and "ประกาศบนเว็บไซต์" in first
    assert 'name="follow_up_1"' in first and 'name="mark_1"' in first
    assert "ไม่มีหลักฐานแนบ" in card(page, 2)
    assert link.pk and f"/measures/evidence/{document.pk}/" not in card(page, 2)
    # The reviewer may open what is linked.
    assert client.get(f"/measures/evidence/{document.pk}/").status_code == 200


def test_the_reviewer_jumps_between_measures(client, demo_report, users):
    to_the_chief(demo_report, users)
    client.force_login(users["chief-admin"])
    page = client.get(reverse("reports:detail", args=[demo_report.pk])).content.decode()
    jumps = re.findall(r'href="#measure-(\d+)"', page)
    assert [int(number) for number in dict.fromkeys(jumps)] == list(range(1, 18))
    assert 'href="#decision"' in page and 'id="decision"' in page
    assert "ทุกข้อ (๑๗)" in page and "เฉพาะที่ยังไม่แล้วเสร็จ (๕)" in page


def test_only_those_not_done(client, demo_report, users):
    to_the_chief(demo_report, users)
    client.force_login(users["chief-admin"])
    url = reverse("reports:detail", args=[demo_report.pk])
    page = client.get(url, {"show": "open"}).content.decode()
    shown = [int(number) for number in re.findall(r'id="measure-(\d+)"', page)]
    assert shown == NOT_DONE
    # Approving from that view changes the directions it shows and keeps the others.
    kept = ProgressEntry.objects.get(measure__number=16, period=1).follow_up
    client.post(
        reverse("reports:review", args=[demo_report.pk]),
        {"decision": "approve", "password": "ita-demo-2566", "follow_up_2": "เร่งรัดข้อ ๒"},
    )
    demo_report.refresh_from_db()
    assert demo_report.state == "approved"
    assert ProgressEntry.objects.get(measure__number=2, period=1).follow_up == "เร่งรัดข้อ ๒"
    assert ProgressEntry.objects.get(measure__number=16, period=1).follow_up == kept


def test_the_review_page_reads_evidence_in_a_fixed_number_of_queries(client, demo_report, users):
    to_the_chief(demo_report, users)
    client.force_login(users["chief-admin"])
    url = reverse("reports:detail", args=[demo_report.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    workflow.report_return(demo_report, by=users["chief-admin"], reason="เพิ่มหลักฐาน")
    for number in range(1, 18):
        add_evidence(users, number, count=2)
    to_the_chief(demo_report, users)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count('href="/measures/evidence/') == 34
    assert len(many.captured_queries) <= len(few.captured_queries) + 2
    assert Measure.objects.count() == 17


def test_when_every_measure_is_done_the_open_view_says_so(client, demo_report, users):
    from measures.services.progress import progress_save
    from organisations.access import SYSTEM

    for number in NOT_DONE:
        progress_save(
            measure=Measure.objects.get(number=number), period=1, by=SYSTEM, version=None,
            status="done", result="ดำเนินการแล้ว",
        )  # fmt: skip
    to_the_chief(demo_report, users)
    client.force_login(users["chief-admin"])
    url = reverse("reports:detail", args=[demo_report.pk])
    page = client.get(url, {"show": "open"}).content.decode()
    assert "ไม่มีมาตรการที่ยังไม่แล้วเสร็จ" in page and "เฉพาะที่ยังไม่แล้วเสร็จ (๐)" in page
    assert 'id="measure-' not in page


def test_the_12_month_review_shows_the_6_month_evidence_of_the_years_result(
    client, demo, demo_report, users
):
    from reports.services import report_create
    from tests.year_end import finish_the_six_month_report

    (document,) = add_evidence(users, 1)
    finish_the_six_month_report(demo_report)
    year = report_create(fiscal_year=demo.fiscal_year, period=2, author=users["analyst"])
    to_the_chief(year, users)
    client.force_login(users["chief-admin"])
    page = client.get(reverse("reports:detail", args=[year.pk])).content.decode()
    # Nothing recorded for the 12-month period: the year's result is the 6-month one, and so is
    # the evidence behind it.
    first = card(page, 1)
    assert "อยู่ในระหว่างการดำเนินการ" in first
    assert f'href="/measures/evidence/{document.pk}/"' in first
    assert "แผนการใช้จ่ายงบประมาณ 0" in first
    assert "(ไฟล์ รอบ ๖ เดือน)" in first  # said where it comes from
