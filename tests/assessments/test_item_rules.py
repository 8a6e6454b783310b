"""Which document answers which ITA item, as the shipped years ๒๕๖๖–๒๕๖๙ have it: publishing
offers and preselects the items a document answers, across fiscal years, and refuses one of the
wrong kind, fiscal year or period, saying what the item asks for, on every path."""

import pytest
from django.urls import reverse

from assessments.models import AnswerKind, AssessmentItem, AssessmentYear
from assessments.rules import Answer, items_answered_by, refusal
from measures.services.plan import plan_copy
from organisations.access import SYSTEM
from organisations.refusals import Refusal
from publishing.models import Publication
from publishing.selectors import default_item, items_for
from publishing.services import document_publish, publication_file_under
from reports.services import plan_document_create, report_create
from reports.stored_pdfs import stored_report_pdf

pytestmark = pytest.mark.django_db


def item(year, code, kind):
    return AssessmentItem.objects.get(assessment_year__year=year, code=code, document_kind=kind)


def codes(items):
    return [(i.assessment_year.year, i.code, i.document_kind) for i in items]


def test_the_shipped_years_and_what_answers_their_items():
    assert list(AssessmentYear.objects.values_list("year", flat=True)) == [2569, 2568, 2567, 2566]
    o26 = item(2569, "O26", "report")
    assert (o26.fiscal_year_offset, o26.period, o26.fiscal_year) == (-1, 2, 2568)
    assert o26.asks_for() == "รายงานผลการดำเนินการตามมาตรการ รอบ ๑๒ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๘"
    # ๒๕๖๖ is confirmed; ๒๕๖๙'s numbers come from a general agency's list: the operator sees it.
    assert item(2566, "O43", "report").is_confirmed and item(2566, "O43", "report").period == 1
    assert not o26.is_confirmed and "(ยังไม่ยืนยัน)" in str(o26) and "อปท." in o26.note
    # O25 is answered by the analysis and by the measures of the same fiscal year.
    assert (
        item(2569, "O25", "analysis").fiscal_year == item(2569, "O25", "plan").fiscal_year == 2569
    )
    ita_2566 = AssessmentYear.objects.get(year=2566)
    assert ita_2566.pass_mark == 85 and ita_2566.indicators.count() == 10
    assert list(ita_2566.levels.values_list("label", flat=True)) == [
        "AA", "A", "B", "C", "D", "E", "F"
    ]  # fmt: skip
    reworked = AssessmentYear.objects.get(year=2569)
    assert reworked.indicators.count() == 0 and "ตัวชี้วัด" in reworked.note


@pytest.mark.parametrize(
    "answer, expected",
    [
        (Answer("report", 2566, 1), [(2566, "O43", "report")]),
        (Answer("plan", 2566), [(2566, "O42", "plan")]),
        # A FY ๒๕๖๘ 12-month report answers ITA ๒๕๖๙'s O26, and ITA ๒๕๖๘'s unnumbered report item
        # does not (it asks for FY ๒๕๖๗).
        (Answer("report", 2568, 2), [(2569, "O26", "report")]),
        (Answer("report", 2567, 2), [(2568, "", "report")]),
        (Answer("report", 2568, 1), []),
        (Answer("report", 2566, 2), []),
        (Answer("analysis", 2569), [(2569, "O25", "analysis")]),
        (Answer("plan", 2569), [(2569, "O25", "plan")]),
    ],
)
def test_the_items_a_document_answers(answer, expected):
    assert codes(items_answered_by(answer)) == expected


def test_a_refusal_names_what_the_item_asks_for_and_what_the_document_is():
    o26, o43 = item(2569, "O26", "report"), item(2566, "O43", "report")
    assert refusal(o26, Answer("report", 2568, 2)) is None
    wrong_period = refusal(o26, Answer("report", 2568, 1))
    assert wrong_period == (
        "เอกสารนี้ใช้ตอบข้อ O26 ของการประเมิน ITA ปี ๒๕๖๙ไม่ได้: ข้อนี้ต้องการรายงานผลการดำเนินการ"
        "ตามมาตรการ รอบ ๑๒ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๘ แต่เอกสารนี้เป็นรายงานผลการดำเนินการตามมาตรการ "
        "รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๘"
    )
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘ แต่เอกสารนี้เป็น" in refusal(o26, Answer("report", 2569, 2))
    wrong_kind = refusal(o43, Answer("plan", 2566))
    assert "ข้อนี้ต้องการรายงานผลการดำเนินการตามมาตรการ รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๖" in wrong_kind
    assert "แต่เอกสารนี้เป็นมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ประกาศ)" in wrong_kind
    other = AssessmentItem.objects.create(
        assessment_year=o43.assessment_year, code="O1", name="โครงสร้าง", document_kind=""
    )
    assert "หลักฐานอื่น" in refusal(other, Answer("report", 2566, 1))
    assert AnswerKind.OTHER == ""


@pytest.fixture
def full_year_report_2568(cast):
    """The 12-month report of FY ๒๕๖๘, acknowledged, with its final PDF."""
    plan = plan_copy(source=cast.plan, year=2568, by=SYSTEM)
    report = cast.finish(report_create(fiscal_year=plan, period=2, author=cast.alice))
    return report


def test_a_previous_years_full_year_report_is_published_under_the_next_assessments_item(
    cast, full_year_report_2568
):
    report = full_year_report_2568
    assert codes(items_for(report)) == [(2569, "O26", "report")]
    stored_report_pdf(report)
    publication = document_publish(document=report, by=cast.alice)
    assert publication.item == item(2569, "O26", "report")
    assert publication.path == "thodlong/2568/report-2"


def test_the_service_refuses_the_wrong_kind_year_or_period(cast, full_year_report_2568):
    first_half = cast.finish()  # FY ๒๕๖๖, 6 months
    with pytest.raises(Refusal, match="ข้อนี้ต้องการรายงานผลการดำเนินการตามมาตรการ รอบ ๑๒ เดือน"):
        document_publish(document=first_half, by=cast.alice, item=item(2569, "O26", "report"))
    with pytest.raises(Refusal, match="ปีงบประมาณ พ.ศ. ๒๕๖๖ แต่เอกสารนี้เป็นรายงาน"):
        document_publish(
            document=full_year_report_2568, by=cast.alice, item=item(2566, "O43", "report")
        )
    announcement = cast.finish(plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    with pytest.raises(Refusal, match="แต่เอกสารนี้เป็นมาตรการส่งเสริมคุณธรรม"):
        document_publish(document=announcement, by=cast.alice, item=item(2566, "O43", "report"))
    assert Publication.objects.count() == 0


def test_the_page_offers_and_preselects_the_items_across_years_and_refuses_a_posted_wrong_one(
    cast, client, full_year_report_2568
):
    report = full_year_report_2568
    stored_report_pdf(report)
    client.force_login(cast.alice)
    url = reverse("publishing:manage", args=[report.pk])
    page = client.get(url).content.decode()
    o26 = item(2569, "O26", "report")
    assert f'<option value="{o26.pk}" selected>ITA ๒๕๖๙ – O26' in page
    assert "O43" not in page
    response = client.post(url, {"item": item(2566, "O43", "report").pk}, follow=True)
    assert "ข้อนี้ต้องการรายงานผลการดำเนินการตามมาตรการ รอบ ๖ เดือน" in response.content.decode()
    assert not Publication.objects.filter(document=report).exists()
    client.post(url, {"item": o26.pk})
    assert Publication.objects.get(document=report).item == o26


def test_a_document_published_without_an_item_is_filed_under_one_later(
    cast, client, full_year_report_2568
):
    report = full_year_report_2568
    stored_report_pdf(report)
    publication = document_publish(document=report, by=cast.alice, item=None)
    client.force_login(cast.sam)
    url = reverse("publishing:manage", args=[report.pk])
    response = client.post(url, {"item": item(2566, "O42", "plan").pk, "file_under": "1"})
    assert "ข้อนี้ต้องการมาตรการ" in response.content.decode()
    publication.refresh_from_db()
    assert publication.item is None
    client.post(url, {"item": item(2569, "O26", "report").pk, "file_under": "1"})
    publication.refresh_from_db()
    assert publication.item.code == "O26"
    assert publication.history.count() == 2  # the change is in the audit trail
    with pytest.raises(Refusal):
        publication_file_under(publication=publication, by=cast.olivia, item=None)


def test_the_default_item_of_a_first_half_report_is_still_o43(cast):
    assert default_item(cast.draft()).code == "O43"
