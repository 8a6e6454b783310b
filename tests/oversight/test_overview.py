"""The supervisors' overview on the cast (tests/cast.py) and a few more organisations: who sees
which organisations, that nothing of an organisation's own work reaches them, that the counts
are the database's, and that the export is the page."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Avg
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import AssessmentItem, AssessmentResult, AssessmentYear
from assessments.services import ResultValues, results_write
from measures.models import FiscalYear
from measures.services.evidence import evidence_add_link
from organisations.access import SYSTEM
from organisations.area_names import place
from organisations.models import Organisation
from reports.models import Report, ReportState
from tests.cast import person
from thai.digits import thai_digits

pytestmark = pytest.mark.django_db

SECRET_DRAFT = "ข้อความร่างที่ยังไม่เสนอใคร"
ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@pytest.fixture
def area(cast):
    """Beside home (เมืองยะลา) and away (เมืองปัตตานี): two more in เมืองยะลา, one in เบตง
    (another district of ยะลา); home has a draft with a secret memo, evidence, and results."""
    yala, mueang = cast.home.province, cast.home.district
    _, betong = place("ยะลา", "เบตง")
    near = [
        Organisation.objects.create(
            name=f"องค์การบริหารส่วนตำบลใกล้{n}",
            short_name=f"อบต.ใกล้{n}",
            kind="sao",
            province=yala,
            district=mueang,
        )
        for n in (1, 2)
    ]
    far = Organisation.objects.create(
        name="เทศบาลเมืองเบตง",
        short_name="ทม.เบตง",
        kind="town_municipality",
        province=yala,
        district=betong,
    )
    draft = cast.draft()
    draft.body = SECRET_DRAFT
    draft.save()
    entry = cast.measures[1].progress_entries.get(period=1)
    evidence_add_link(entry=entry, by=SYSTEM, url="https://example.org/evidence-secret")
    year = AssessmentYear.objects.get(year=2566)
    results_write(
        assessment_year=year,
        by=SYSTEM,
        values=[
            ResultValues(organisation=cast.home, total_score=Decimal("88.50"), level="A"),
            ResultValues(organisation=near[0], total_score=Decimal("70.00"), level="C"),
            ResultValues(organisation=cast.away, total_score=Decimal("95.25"), level="AA"),
        ],
    )
    return {"near": near, "far": far, "draft": draft, "year": year}


def period_cells(row) -> list[str]:
    """The open period and its measure counts: after one cell per item of the year."""
    start = next(i for i, cell in enumerate(row) if cell.startswith("รอบ "))
    return row[start : start + 4]


def page_rows(response) -> list[list[str]]:
    """The organisations table's rows as text, Thai digits read as Arabic ones."""
    html = response.content.decode()
    table = html.split('class="tally overview-table"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip().translate(ARABIC)
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def as_text(cell) -> str:
    """An exported cell as the page writes it (scores with two decimals; digits Arabic)."""
    if cell.value is None:
        return ""
    if cell.number_format == "0.00":
        return f"{cell.value:.2f}"
    return str(cell.value).translate(ARABIC)


def names(response) -> set[str]:
    return {row[0] for row in page_rows(response)}


def overview(client, user, **params):
    client.force_login(user)
    return client.get(reverse("oversight:overview"), {"year": 2566, **params})


def test_a_district_supervisor_sees_exactly_their_districts_organisations(client, cast, area):
    response = overview(client, cast.dina)
    assert response.status_code == 200
    assert names(response) == {cast.home.name, *(o.name for o in area["near"])}
    page = response.content.decode()
    assert cast.away.name not in page and area["far"].name not in page
    # Nothing of an organisation's own work: no draft text, evidence, or people.
    assert SECRET_DRAFT not in page and "evidence-secret" not in page
    assert "alice" not in page and "ทดสอบ</" not in page
    for other in (cast.away, area["far"]):
        url = reverse("oversight:organisation", args=[other.pk])
        assert client.get(url).status_code == 404
    own = client.get(reverse("oversight:organisation", args=[cast.home.pk]))
    assert own.status_code == 200 and SECRET_DRAFT not in own.content.decode()
    # A draft's PDF is no supervisor's to read, whatever the address.
    assert client.get(reverse("oversight:final_pdf", args=[area["draft"].pk])).status_code == 404
    export = load_workbook(io.BytesIO(client.get(reverse("oversight:export")).content))
    exported = {row[0] for row in export.active.iter_rows(min_row=3, values_only=True)}
    assert exported == {cast.home.name, *(o.name for o in area["near"])}


def test_a_province_supervisor_sees_the_province_and_none_of_another(client, cast, area):
    assert names(overview(client, cast.paul)) == {
        cast.home.name,
        area["far"].name,
        *(o.name for o in area["near"]),
    }
    assert names(overview(client, cast.pita)) == {cast.away.name}
    # Another province than one's own is no choice: the page says so and shows one's own.
    other = overview(client, cast.pita, province=cast.home.province_id)
    assert names(other) == {cast.away.name} and "ไม่ได้ใช้ค่านี้" in other.content.decode()


def test_people_who_supervise_nothing_get_not_found(client, cast):
    for user in (cast.alice, cast.sam, cast.olivia):
        client.force_login(user)
        assert client.get(reverse("oversight:overview")).status_code == 404
        assert client.get(reverse("oversight:export")).status_code == 404
        url = reverse("oversight:organisation", args=[cast.home.pk])
        assert client.get(url).status_code == 404


def test_a_national_supervisors_counts_are_the_databases(client, cast, area):
    final = cast.finish(cast.draft(period=2))  # a 12-month report, acknowledged
    assert final.state == ReportState.ACKNOWLEDGED
    report_item = AssessmentItem.objects.get(assessment_year__year=2566, code="O43")
    report_item.due_date = date(2023, 6, 30)
    report_item.save()
    response = overview(client, cast.nora)
    found = response.context["overview"]
    assert found.grand_total.organisations == Organisation.objects.count() == 5
    assert len(page_rows(response)) == 5
    scores = AssessmentResult.objects.filter(assessment_year__year=2566)
    expected = scores.aggregate(average=Avg("total_score"))["average"]
    assert found.grand_total.average == expected.quantize(Decimal("0.01"))
    charts = {
        label: {part.key: part.count for part in parts} for _, label, parts in found.states_chart
    }
    # O43 asks for the 6-month report of FY 2566: home's is a draft; nobody else has one.
    drafts = Report.objects.filter(
        kind="report", period=1, state=ReportState.DRAFT, fiscal_year__year=2566
    ).count()
    assert drafts == 1
    assert charts["ข้อ O43"] == {"published": 0, "final": 0, "in_review": 0, "draft": 1, "none": 4}
    assert charts["ข้อ O42 มาตรการ"]["none"] == 5  # no plan announcement anywhere
    # Every organisation is overdue on O43 (due 30 June 2023, nothing published).
    assert found.grand_total.overdue == 5
    by_province = {total.label: total.organisations for total in found.totals}
    assert by_province == {"ยะลา": 4, "ปัตตานี": 1}


def test_the_export_rows_are_the_pages_rows(client, cast, area):
    response = overview(client, cast.paul, sort="score")
    export = client.get(reverse("oversight:export"), {"year": 2566, "sort": "score"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[1]] == response.context["headers"]
    exported = [[as_text(cell) for cell in row] for row in rows[2:]]
    assert exported == page_rows(response)
    assert exported[0][0] == cast.home.name  # 88.50, the best score, first
    assert exported[0][-4:] == ["88.50", "A", "", ""]


def test_filters_overdue_band_kind_and_bad_values(client, cast, area):
    item = AssessmentItem.objects.get(assessment_year__year=2566, code="O42", document_kind="plan")
    item.due_date = date(2023, 4, 30)
    item.save()
    everyone = names(overview(client, cast.paul))
    assert names(overview(client, cast.paul, overdue="on")) == everyone  # no plan published
    assert names(overview(client, cast.paul, band="pass")) == {cast.home.name}
    assert names(overview(client, cast.paul, band="below")) == {area["near"][0].name}
    assert names(overview(client, cast.paul, kind="town_municipality")) == {area["far"].name}
    district = overview(
        client, cast.paul, province=cast.home.province_id, district=area["far"].district_id
    )
    assert names(district) == {area["far"].name}
    broken = overview(client, cast.paul, province="xx", district="<b>", page="-3", sort="drop")
    assert broken.status_code == 200 and names(broken) == everyone


def test_measures_are_counted_for_the_open_period_as_the_report_prints_them(client, cast, area):
    row = next(r for r in page_rows(overview(client, cast.dina)) if r[0] == cast.home.name)
    # Three measures in progress in the 6-month period (tests/cast.py).
    assert period_cells(row) == ["รอบ 6 เดือน", "0", "3", "0"]
    cast.finish(area["draft"])  # the 6-month report acknowledged: the 12-month period is open
    row = next(r for r in page_rows(overview(client, cast.dina)) if r[0] == cast.home.name)
    assert period_cells(row) == ["รอบ 12 เดือน", "0", "3", "0"]  # carried over, as printed


def test_the_overview_asks_the_same_number_of_queries_for_more_organisations(
    client, cast, area, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.nora)
    url = reverse("oversight:overview")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"year": 2566})
    yala, mueang = cast.home.province, cast.home.district
    for n in range(20):
        more = Organisation.objects.create(
            name=f"อบต.เพิ่ม{n}", short_name=f"อบต.เพิ่ม{n}", kind="sao", province=yala, district=mueang
        )
        FiscalYear.objects.create(organisation=more, year=2566)
        person(more, f"analyst-{n}", "analyst")
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"year": 2566})
    assert len(many) == len(few)


def test_a_supervisor_reads_a_finished_document_of_their_area_only(client, cast, area):
    final = cast.finish(area["draft"])
    client.force_login(cast.dina)
    response = client.get(reverse("oversight:final_pdf", args=[final.pk]))
    # The worker has not rendered it yet in this test: the page says so, nothing leaks.
    assert response.status_code in (200, 503)
    client.force_login(cast.pita)
    assert client.get(reverse("oversight:final_pdf", args=[final.pk])).status_code == 404


def test_scores_are_thai_on_the_page(client, cast, area):
    page = overview(client, cast.dina).content.decode()
    assert thai_digits("88.50") in page


def test_a_supervisors_top_bar_leads_only_where_they_have_something(client, cast, area):
    own_pages = [reverse(name) for name in ("measures:mine", "reports:list", "measures:plans")]
    page = overview(client, cast.dina).content.decode()
    assert reverse("oversight:overview") in page
    assert not [url for url in own_pages if f'href="{url}"' in page]
    client.force_login(cast.alice)
    member_page = client.get(reverse("home")).content.decode()
    assert all(f'href="{url}"' in member_page for url in own_pages)
