"""The year at a glance (issue 18, item 5): for an assessment year, each item, the organisation's
document that answers it by the item's rule, its state from not started to published, its due
date and the permanent address; for the analyst and the site admin only; a fixed number of
queries whatever the number of organisations, items and documents."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentItem, AssessmentYear
from measures.services.plan import plan_copy
from organisations.access import SYSTEM
from organisations.models import Organisation
from publishing.item_documents import ItemState, item_statuses, item_statuses_of
from publishing.services import document_publish
from reports import workflow
from reports.services import plan_document_create, report_create
from reports.stored_pdfs import stored_report_pdf
from tests.reports.analysis_scene import analysis_2567
from tests.signing import confirmed

pytestmark = pytest.mark.django_db


def states(organisation, year):
    statuses = item_statuses_of(organisation, AssessmentYear.objects.get(year=year))
    return {(s.item.code, s.item.document_kind): s for s in statuses}


def state_of(organisation, year, code, kind):
    return states(organisation, year)[(code, kind)].state


def test_each_item_follows_its_document_from_not_started_to_published(cast):
    assert {key: s.state for key, s in states(cast.home, 2567).items()} == {
        ("O36", "analysis"): "not_started",
        ("O42", "plan"): "not_started",
        ("O43", "report"): "not_started",
    }
    analysis = analysis_2567(cast)  # FY ๒๕๖๗, from ITA ๒๕๖๖'s results
    assert state_of(cast.home, 2567, "O36", "analysis") == ItemState.DRAFT
    workflow.report_submit(analysis, by=cast.alice, confirmation=confirmed(cast.alice))
    status = states(cast.home, 2567)[("O36", "analysis")]
    assert status.state == ItemState.IN_REVIEW and status.document == analysis
    workflow.report_comment(analysis, by=cast.henry, text="", confirmation=confirmed(cast.henry))
    workflow.report_return(analysis, by=cast.chief, reason="เพิ่มแนวทางของตัวชี้วัดที่ ๑๐")
    status = states(cast.home, 2567)[("O36", "analysis")]
    assert status.state == ItemState.DRAFT and status.state_label == "ส่งกลับให้แก้ไข"
    final = cast.finish(analysis)
    assert state_of(cast.home, 2567, "O36", "analysis") == ItemState.FINAL
    stored_report_pdf(final)
    publication = document_publish(document=final, by=cast.alice)
    status = states(cast.home, 2567)[("O36", "analysis")]
    assert status.state == ItemState.PUBLISHED and status.filed_here
    assert status.permanent_path == "/ita/thodlong/2567/analysis/" == publication.get_absolute_url()
    # The other items of ๒๕๖๗ are still to do; another organisation has nothing.
    assert state_of(cast.home, 2567, "O42", "plan") == ItemState.NOT_STARTED
    assert state_of(cast.away, 2567, "O36", "analysis") == ItemState.NOT_STARTED


def test_only_a_document_of_the_items_kind_year_and_period_answers_it(cast):
    plan_2568 = plan_copy(source=cast.plan, year=2568, by=SYSTEM)
    first_half = cast.finish(report_create(fiscal_year=plan_2568, period=1, author=cast.alice))
    # ITA ๒๕๖๙'s O26 asks for the 12-month report of FY ๒๕๖๘: the 6-month one does not count.
    assert state_of(cast.home, 2569, "O26", "report") == ItemState.NOT_STARTED
    assert state_of(cast.home, 2566, "O43", "report") == ItemState.NOT_STARTED
    full_year = report_create(fiscal_year=plan_2568, period=2, author=cast.alice)
    status = states(cast.home, 2569)[("O26", "report")]
    assert status.state == ItemState.DRAFT and status.document == full_year
    # ITA ๒๕๖๘'s report item takes either period of FY ๒๕๖๗: none here.
    assert state_of(cast.home, 2568, "", "report") == ItemState.NOT_STARTED
    assert first_half.state == "acknowledged"


def test_a_document_published_under_no_item_is_published_and_asks_to_be_filed(cast):
    final = cast.finish()  # FY ๒๕๖๖, 6 months: ITA ๒๕๖๖'s O43
    stored_report_pdf(final)
    document_publish(document=final, by=cast.alice, item=None)
    status = states(cast.home, 2566)[("O43", "report")]
    assert status.state == ItemState.PUBLISHED and not status.filed_here
    revision = workflow.report_revise(final, by=cast.alice)  # a correction under way
    status = states(cast.home, 2566)[("O43", "report")]
    assert status.state == ItemState.PUBLISHED and status.document == final
    assert revision.state == "draft"


def test_the_states_of_many_organisations_cost_a_fixed_number_of_queries(cast):
    ita = AssessmentYear.objects.get(year=2567)

    def counted(organisations):
        with CaptureQueriesContext(connection) as captured:
            found = item_statuses(organisations, ita)
            assert [s.state for s in found[cast.home.pk]]
        return len(captured)

    few = counted([cast.home, cast.away])
    many = [cast.home, cast.away] + [
        Organisation.objects.create(name=f"อบต.ที่ {n}", short_name=f"อบต.{n}", slug=f"org-{n}")
        for n in range(20)
    ]
    plan = plan_copy(source=cast.plan, year=2567, by=SYSTEM)
    final = cast.finish(analysis_2567(cast))
    stored_report_pdf(final)
    document_publish(document=final, by=cast.alice)
    plan_document_create(fiscal_year=plan, author=cast.alice)
    report_create(fiscal_year=plan, period=1, author=cast.alice)
    AssessmentItem.objects.create(assessment_year=ita, code="O1", name="โครงสร้าง", document_kind="")
    assert few <= counted(many) == 3  # items, documents, their review steps


def page(organisation, year):
    return reverse("ita_year:year", args=[organisation.pk, year])


def test_the_page_shows_items_states_due_dates_and_addresses(cast, client):
    today = timezone.localdate()
    AssessmentItem.objects.filter(assessment_year__year=2567, code="O42").update(
        due_date=today + timedelta(days=5)
    )
    AssessmentItem.objects.filter(assessment_year__year=2567, code="O36").update(
        due_date=today - timedelta(days=2)
    )
    final = cast.finish(analysis_2567(cast))
    stored_report_pdf(final)
    document_publish(document=final, by=cast.alice)
    client.force_login(cast.alice)
    text = client.get(page(cast.home, 2567)).content.decode()
    assert "O36 การวิเคราะห์ผลการประเมิน ITA ของปีที่ผ่านมา" in text and "ยังไม่ยืนยัน" in text
    assert "เผยแพร่แล้ว" in text  # at the address the publishing page gives (SITE_URL)
    assert 'value="http://127.0.0.1:8000/ita/thodlong/2567/analysis/"' in text
    assert "(อีก ๕ วัน)" in text  # O42, not started
    # The analysis made FY ๒๕๖๗'s plan: its announcement can be started here.
    assert "สร้างร่างประกาศมาตรการ" in text and "ยังไม่มีแผนปีงบประมาณ" not in text
    assert "เลยกำหนด" not in text  # O36 is published: done, whatever its date
    client.force_login(cast.sam)  # the site admin
    assert client.get(page(cast.home, 2567)).status_code == 200
    for outsider in (cast.bob, cast.chief, cast.olivia):
        client.force_login(outsider)
        assert client.get(page(cast.home, 2567)).status_code == 404


def test_the_page_starts_what_is_not_started(cast, client):
    client.force_login(cast.alice)
    text = client.get(page(cast.home, 2566)).content.decode()
    assert "สร้างร่างประกาศมาตรการ" in text and "สร้างร่างรายงานรอบ ๖ เดือน" in text
    response = client.post(
        reverse("reports:create"),
        {"fiscal_year": cast.plan.pk, "kind": "plan"},
    )
    assert response.status_code == 302
    assert state_of(cast.home, 2566, "O42", "plan") == ItemState.DRAFT
    text = client.get(page(cast.home, 2569)).content.decode()
    assert "จัดทำการวิเคราะห์ผลการประเมิน" in text  # O25: the analysis makes its own plan
    assert "ยังไม่มีแผนปีงบประมาณ พ.ศ. ๒๕๖๙" in text  # O25's measures need FY ๒๕๖๙'s plan


def test_the_page_costs_the_same_with_more_documents(cast, client):
    client.force_login(cast.alice)

    def counted():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page(cast.home, 2567)).status_code == 200
        return len(captured)

    before = counted()
    final = cast.finish(analysis_2567(cast))
    stored_report_pdf(final)
    document_publish(document=final, by=cast.alice)
    plan = cast.home.fiscal_years.get(year=2567)
    plan_document_create(fiscal_year=plan, author=cast.alice)
    report_create(fiscal_year=plan, period=1, author=cast.alice)
    assert counted() <= before + 1  # the plan of FY ๒๕๖๗ now exists: its create form


def test_the_page_leads_to_the_years_table_for_the_website(cast, client):
    client.force_login(cast.alice)
    text = client.get(page(cast.home, 2566)).content.decode()
    link = f'<a href="/ita/manage/{cast.home.pk}/table/2566/">ตาราง ITA สำหรับเว็บไซต์หน่วยงาน</a>'
    assert link in text
    assert client.get(f"/ita/manage/{cast.home.pk}/table/2566/").status_code == 200
