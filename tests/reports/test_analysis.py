"""The analysis of last year's ITA results (issue 18, item 3): drafted from the organisation's
results, weaknesses first; edited by the analyst through one writer, bounded, with history;
refused with a Thai reason where it may not be made or changed; signed up the chain like the
other documents, its revision keeping what was written."""

import io
import json

import pypdf
import pytest
from django.urls import reverse

from assessments.models import Indicator
from measures.services.plan import plan_copy
from organisations.access import SYSTEM
from organisations.refusals import Refusal
from reports import workflow
from reports.analysis import RowText, analysis_create, analysis_rows_save
from reports.analysis_row import AnalysisRow
from reports.audit import report_audit_trail
from reports.document import plan_table
from reports.models import Report
from reports.rendering import report_pdf
from tests.reports.analysis_scene import analysis_2567, results_2566
from tests.reports.conftest import page_sizes, pdftotext, squash
from tests.signing import confirmed

pytestmark = pytest.mark.django_db


def row(report, code):
    return next(r for r in plan_table(report)["rows"] if r["code"] == code)


def test_the_draft_reads_last_years_results_weaknesses_first(cast):
    analysis = analysis_2567(cast)
    assert analysis.kind == "analysis" and analysis.period is None
    assert analysis.fiscal_year.year == 2567  # the plan of FY ๒๕๖๗ is made for it
    table = plan_table(analysis)
    codes = [(r["code"], r["verdict"]) for r in table["rows"]]
    # The lowest score first; a score exactly on the pass mark is a strength.
    assert codes[:2] == [("9", "weakness"), ("10", "weakness")]
    assert [code for code, verdict in codes[2:]] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert row(analysis, "5")["verdict_label"] == "จุดแข็ง"
    assert row(analysis, "9")["score"] == "67.50" and row(analysis, "9")["approach"] == ""
    assert row(analysis, "1")["approach"] == "รักษามาตรฐานการดำเนินงานให้คงอยู่หรือดีขึ้น"
    assert table["title_lines"][1] == "ประจำปี พ.ศ. 2566 คะแนนรวม 82.35 ระดับ B (เกณฑ์ผ่าน 85.00 คะแนน)"
    assert "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (๖๗.๕๐ คะแนน) และตัวชี้วัดที่ ๑๐" in analysis.body
    assert "ได้คะแนนรวม ๘๒.๓๕ คะแนน ระดับ B" in analysis.body
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in analysis.body
    assert analysis.review_steps.count() == 3


def test_the_pass_mark_is_the_assessment_years(cast):
    year = results_2566(cast.home)
    year.pass_mark = 90
    year.save()
    analysis = analysis_create(organisation=cast.home, year=2567, author=cast.alice)
    assert row(analysis, "8")["verdict"] == "weakness"  # 86 < 90
    assert row(analysis, "2")["verdict"] == "strength"  # 91 ≥ 90


def test_without_results_or_by_the_wrong_person_nothing_is_drafted(cast):
    with pytest.raises(Refusal, match="ยังไม่มีคะแนนรายตัวชี้วัดของผลการประเมิน ITA ปี ๒๕๖๖"):
        analysis_create(organisation=cast.home, year=2567, author=cast.alice)
    results_2566(cast.home)
    only_keepers = "^จัดทำการวิเคราะห์ผลการประเมินได้เฉพาะนักวิเคราะห์นโยบายและแผนและผู้ดูแลระบบของหน่วยงาน$"
    with pytest.raises(Refusal, match=only_keepers):
        analysis_create(organisation=cast.home, year=2567, author=cast.bob)
    with pytest.raises(Refusal, match="ITA ปี ๒๕๖๘ ยังไม่มีรายการตัวชี้วัด"):
        analysis_create(organisation=cast.home, year=2569, author=cast.alice)
    assert not Report.objects.filter(kind="analysis").exists()
    analysis_create(organisation=cast.home, year=2567, author=cast.alice)
    with pytest.raises(Refusal, match="มีการวิเคราะห์ผลการประเมินของปีงบประมาณ ๒๕๖๗ แล้ว"):
        analysis_create(organisation=cast.home, year=2567, author=cast.alice)


def test_the_analyst_writes_each_indicators_weakness_and_approach_with_history(cast):
    analysis = analysis_2567(cast)
    nine = Indicator.objects.get(assessment_year__year=2566, code="9")
    changed = analysis_rows_save(
        report=analysis,
        by=cast.alice,
        texts={nine.pk: RowText("  ไม่เปิดเผยแผนจัดซื้อจัดจ้าง ", "เผยแพร่ทางเว็บไซต์ทุกเดือน")},
    )
    assert changed == 1
    assert row(analysis, "9")["weakness"] == "ไม่เปิดเผยแผนจัดซื้อจัดจ้าง"
    saved = AnalysisRow.objects.get(report=analysis, indicator=nine)
    assert saved.history.first().history_user == cast.alice
    # The report's page shows who changed what, with the change.
    entry = next(e for e in report_audit_trail(analysis) if "ตัวชี้วัดที่ ๙" in e.what)
    assert entry.what == "การวิเคราะห์ ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล" and entry.kind == "แก้ไข"
    assert {(c.old, c.new) for c in entry.changes} == {
        ("", "ไม่เปิดเผยแผนจัดซื้อจัดจ้าง"), ("", "เผยแพร่ทางเว็บไซต์ทุกเดือน")
    }  # fmt: skip


def test_too_long_a_text_is_refused_in_thai_and_nothing_is_written(cast):
    analysis = analysis_2567(cast)
    nine, ten = (Indicator.objects.get(assessment_year__year=2566, code=c) for c in ("9", "10"))
    with pytest.raises(Refusal, match="แนวทางการพัฒนายาวเกินไป รับได้ไม่เกิน ๑,๐๐๐ ตัวอักษร"):
        analysis_rows_save(
            report=analysis,
            by=cast.alice,
            texts={nine.pk: RowText("สั้น", ""), ten.pk: RowText("", "ก" * 1001)},
        )
    assert row(analysis, "9")["weakness"] == ""


def test_staff_and_a_submitted_analysis_are_refused_with_the_reason(cast):
    analysis = analysis_2567(cast)
    nine = Indicator.objects.get(assessment_year__year=2566, code="9")
    texts = {nine.pk: RowText("จุดอ่อน", "แนวทาง")}
    with pytest.raises(Refusal, match="ตารางการวิเคราะห์แก้ไขได้เฉพาะนักวิเคราะห์นโยบายและแผน"):
        analysis_rows_save(report=analysis, by=cast.bob, texts=texts)
    workflow.report_submit(analysis, by=cast.alice, confirmation=confirmed(cast.alice))
    with pytest.raises(
        Refusal,
        match="การวิเคราะห์ผลการประเมินนี้เสนอผู้บังคับบัญชาแล้ว ตารางการวิเคราะห์แก้ไขได้เมื่อ",
    ):
        analysis_rows_save(report=analysis, by=cast.alice, texts=texts)


def test_it_goes_up_the_chain_and_its_revision_keeps_what_was_written(cast):
    analysis = analysis_2567(cast)
    nine = Indicator.objects.get(assessment_year__year=2566, code="9")
    analysis_rows_save(report=analysis, by=cast.alice, texts={nine.pk: RowText("ก", "ข")})
    final = cast.finish(analysis)
    assert final.state == "acknowledged"
    assert final.snapshot["table"]["rows"][0]["weakness"] == "ก"
    assert final.review_steps.get(kind="acknowledge").comment == "ทราบ"
    revision = workflow.report_revise(final, by=cast.alice)
    assert revision.is_analysis and row(revision, "9")["approach"] == "ข"


def test_the_page_edits_the_rows_and_shows_a_too_long_text_beside_the_field(cast, client):
    analysis = analysis_2567(cast)
    nine = Indicator.objects.get(assessment_year__year=2566, code="9")
    client.force_login(cast.alice)
    url = reverse("reports:analysis_rows", args=[analysis.pk])
    data = {f"weakness_{r['indicator_id']}": r["weakness"] for r in plan_table(analysis)["rows"]}
    data |= {f"approach_{r['indicator_id']}": r["approach"] for r in plan_table(analysis)["rows"]}
    data[f"weakness_{nine.pk}"] = "ข" * 1001
    page = client.post(url, data).content.decode()
    assert "ยังไม่ได้บันทึกการวิเคราะห์" in page
    assert "จุดอ่อนที่พบ (ตัวชี้วัดที่ ๙)ยาวเกินไป" in page
    assert "ข" * 1001 in page  # what was typed is still there
    data[f"weakness_{nine.pk}"] = "เว็บไซต์ไม่มีข้อมูลการจัดซื้อจัดจ้าง"
    response = client.post(url, data, follow=True)
    assert "บันทึกการวิเคราะห์แล้ว (๑ ตัวชี้วัดที่แก้ไข)" in response.content.decode()
    assert row(analysis, "9")["weakness"] == "เว็บไซต์ไม่มีข้อมูลการจัดซื้อจัดจ้าง"


def test_the_results_page_starts_the_analysis(cast, client):
    results_2566(cast.home)
    client.force_login(cast.alice)
    page = client.get(reverse("assessments:result", args=[cast.home.pk, 2566])).content.decode()
    assert "จัดทำการวิเคราะห์ผลการประเมิน" in page and 'name="year" value="2567"' in page
    response = client.post(
        reverse("reports:analysis_new"), {"organisation": cast.home.pk, "year": 2567}, follow=True
    )
    analysis = Report.objects.get(kind="analysis")
    assert response.redirect_chain[-1][0] == reverse("reports:detail", args=[analysis.pk])
    assert "สร้างร่างการวิเคราะห์ผลการประเมิน ITA ปีงบประมาณ ๒๕๖๗ แล้ว" in response.content.decode()
    # Asked again, the page opens the one there is.
    new = reverse("reports:analysis_new")
    again = client.post(new, {"organisation": cast.home.pk, "year": 2567})
    assert again.url == reverse("reports:detail", args=[analysis.pk])
    client.force_login(cast.olivia)  # another organisation's analyst
    response = client.post(new, {"organisation": cast.home.pk, "year": 2567})
    assert response.status_code == 404


def test_a_refused_draft_goes_back_to_the_page_it_came_from_on_this_site_only(cast, client):
    client.force_login(cast.alice)  # no ITA ๒๕๖๗ results: the analysis of FY ๒๕๖๘ is refused
    back = reverse("assessments:result", args=[cast.home.pk, 2567])
    data = {"organisation": cast.home.pk, "year": 2568}
    response = client.post(reverse("reports:analysis_new"), {**data, "back": back}, follow=True)
    assert response.redirect_chain[-1][0] == back
    assert "ยังไม่มีคะแนนรายตัวชี้วัดของผลการประเมิน ITA ปี ๒๕๖๗" in response.content.decode()
    elsewhere = {**data, "back": "https://example.com/phish"}
    assert client.post(reverse("reports:analysis_new"), elsewhere).url == reverse("reports:list")
    assert not Report.objects.filter(kind="analysis").exists()


def weakness_measure_data(indicator, division, title="ประกาศแผนจัดซื้อจัดจ้างบนเว็บไซต์ทุกไตรมาส"):
    prefix = f"new{indicator.pk}"
    return {
        "indicator": indicator.pk,
        f"{prefix}-title": title,
        f"{prefix}-steps": "จัดทำแผนจัดซื้อจัดจ้าง\n\nเผยแพร่ทางเว็บไซต์ภายใน ๓๐ วัน\n",
        f"{prefix}-divisions": [division.pk],
    }


def test_a_measure_made_from_a_weakness_answers_it_in_the_coming_years_plan(cast, client):
    analysis = analysis_2567(cast)
    nine = Indicator.objects.get(assessment_year__year=2566, code="9")
    klang = cast.home.divisions.get(name="คลัง")
    client.force_login(cast.alice)
    url = reverse("reports:analysis_measure", args=[analysis.pk])
    response = client.post(url, weakness_measure_data(nine, klang), follow=True)
    assert "เพิ่มมาตรการข้อ ๑ ในแผนปีงบประมาณ ๒๕๖๗ แล้ว ตอบตัวชี้วัดที่ ๙" in response.content.decode()
    measure = analysis.fiscal_year.measures.get()
    assert [s.text for s in measure.steps.all()] == [
        "จัดทำแผนจัดซื้อจัดจ้าง", "เผยแพร่ทางเว็บไซต์ภายใน ๓๐ วัน"
    ]  # fmt: skip
    assert list(measure.indicators.all()) == [nine] and list(measure.divisions.all()) == [klang]
    assert row(analysis, "9")["measures"] == [
        {"id": measure.pk, "marker": "1)", "title": "ประกาศแผนจัดซื้อจัดจ้างบนเว็บไซต์ทุกไตรมาส"}
    ]
    # Without a division, nothing is made and the form says why.
    data = weakness_measure_data(nine, klang, title="อีกมาตรการ")
    del data[f"new{nine.pk}-divisions"]
    page = client.post(url, data).content.decode()
    assert "ยังไม่ได้สร้างมาตรการ" in page and "กรุณาเลือกส่วนราชการผู้รับผิดชอบ" in page
    assert analysis.fiscal_year.measures.count() == 1
    # Staff may not add to the plan.
    client.force_login(cast.bob)
    client.post(url, weakness_measure_data(nine, klang, title="ของบ็อบ"))
    assert analysis.fiscal_year.measures.count() == 1


def test_the_measures_that_answer_an_indicator_are_chosen_from_the_plan(cast, client):
    plan = plan_copy(source=cast.plan, year=2567, by=SYSTEM)
    analysis = analysis_2567(cast)
    ten = Indicator.objects.get(assessment_year__year=2566, code="10")
    first, second, third = plan.measures.order_by("number")
    client.force_login(cast.alice)
    url = reverse("reports:analysis_answers", args=[analysis.pk])
    data = {"indicator": ten.pk, f"answers{ten.pk}-measures": [first.pk, third.pk]}
    client.post(url, data)
    assert [m["id"] for m in row(analysis, "10")["measures"]] == [first.pk, third.pk]
    client.post(url, {"indicator": ten.pk, f"answers{ten.pk}-measures": [second.pk]})
    assert [m["id"] for m in row(analysis, "10")["measures"]] == [second.pk]
    # A measure of another plan is not offered, and nothing changes.
    other = cast.plan.measures.first()
    client.post(url, {"indicator": ten.pk, f"answers{ten.pk}-measures": [other.pk]})
    assert [m["id"] for m in row(analysis, "10")["measures"]] == [second.pk]


def test_the_analysis_pdf_has_the_memo_and_the_table_and_is_signed_when_final(cast):
    analysis = cast.finish(analysis_2567(cast))
    rendering = report_pdf(analysis)
    text = squash(pdftotext(rendering.pdf))
    assert "บันทึกข้อความ" in text and "ตัวชี้วัดที่๙การเปิดเผยข้อมูล(OIT)" in text
    assert "ผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส" in text
    assert "คะแนนรวม๘๒.๓๕ระดับB(เกณฑ์ผ่าน๘๕.๐๐คะแนน)" in text
    sizes = page_sizes(rendering.pdf)
    assert sizes[0][0] < sizes[0][1] and sizes[-1][0] > sizes[-1][1]  # memo portrait, table not
    attached = pypdf.PdfReader(io.BytesIO(rendering.pdf)).attachments
    table = json.loads(attached["analysis-table.json"][0])
    assert [row["code"] for row in table["rows"]][:2] == ["9", "10"]
    assert table["kind"] == "analysis" and table["fiscal_year"] == 2567
