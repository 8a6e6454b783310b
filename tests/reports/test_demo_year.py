"""The demo tells the year (issue 18, item 6): `load_demo` adds อบต.เกียร์'s ITA ๒๕๖๕ results,
marked as demo figures, the analysis of them (a draft, weaknesses first), which ITA ๒๕๖๕
indicators each seed measure answers, and the due dates of ITA ๒๕๖๖'s items; loaded twice, it
is the same."""

import pytest
from django.core.management import call_command

from assessments.models import AssessmentItem, AssessmentResult, AssessmentYear
from measures.models import Measure
from publishing.item_documents import item_statuses_of
from reports.document import plan_table
from reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_year_before_the_seed(capsys):
    call_command("load_demo")
    call_command("load_demo")
    assert "ผลการประเมิน ITA ๒๕๖๕ (ตัวเลขสมมติ)" in capsys.readouterr().out
    ita_2565 = AssessmentYear.objects.get(year=2565)
    assert "ตัวเลขสมมติ" in ita_2565.note and ita_2565.indicators.count() == 10
    assert list(ita_2565.levels.values_list("label", flat=True))[:2] == ["AA", "A"]
    result = AssessmentResult.objects.get(assessment_year=ita_2565)
    assert (str(result.total_score), result.level, result.scores.count()) == ("79.86", "B", 10)

    analysis = Report.objects.get(kind="analysis")
    assert analysis.fiscal_year.year == 2566 and analysis.state == "draft"
    assert str(analysis.memo_date) == "2022-11-15"
    rows = plan_table(analysis)["rows"]
    assert [row["code"] for row in rows][:3] == ["10", "9", "7"]  # the lowest first
    assert sum(row["verdict"] == "weakness" for row in rows) == 8
    ten = rows[0]
    assert ten["weakness"].startswith("ยังไม่มีมาตรการจัดการเรื่องร้องเรียนการทุจริต")
    assert [m["marker"] for m in ten["measures"]] == ["16)"]
    assert all(row["measures"] for row in rows if row["verdict"] == "weakness")

    seed = Measure.objects.filter(fiscal_year=analysis.fiscal_year)  # not the neighbours'
    answered = seed.get(number=3).indicators.order_by("order")
    assert [(i.assessment_year.year, i.code) for i in answered] == [(2565, "7"), (2565, "9")]
    assert all(m.indicators.exists() for m in seed)

    due = AssessmentItem.objects.filter(assessment_year__year=2566).exclude(due_date=None)
    assert sorted((i.code, i.document_kind) for i in due) == [("O42", "plan"), ("O43", "report")]
    states = {
        (s.item.code, s.item.document_kind): s.state
        for s in item_statuses_of(analysis.organisation, AssessmentYear.objects.get(year=2566))
    }
    assert states == {
        ("O42", "analysis"): "draft",
        ("O42", "plan"): "not_started",
        ("O43", "report"): "draft",
    }


def test_the_reports_table_names_the_indicators_each_measure_answers(client):
    call_command("load_demo")
    analysis = Report.objects.get(kind="analysis")
    report = Report.objects.get(kind="report", period=1, fiscal_year=analysis.fiscal_year)
    client.force_login(report.organisation.memberships.get(role="analyst").user)
    page = client.get(f"/reports/{report.pk}/preview/").content.decode()
    # Measure 3 answers ITA ๒๕๖๕'s indicators 7 and 9, printed under its title.
    assert "ตอบตัวชี้วัด ITA ๗ ประสิทธิภาพการสื่อสาร, ๙ การเปิดเผยข้อมูล" in page
    assert page.count('class="answers"') == report.fiscal_year.measures.count()
