"""The analysis of last year's ITA results (การวิเคราะห์ผลการประเมิน ITA): drafted from the
organisation's result, edited by the analyst, and its table as a document shows it.

An analysis of fiscal year F reads the organisation's result of the assessment year F − 1
(assessments.rules.results_year_of): one row per indicator of that year, its score against the
year's pass mark (below it: a weakness, จุดอ่อน; else a strength, จุดแข็ง), what the weakness
is, the approach (แนวทางการพัฒนา), and the measures of F's plan that answer the indicator
(Measure.indicators). Weaknesses come first, the lowest score first. Until the analysis is
submitted the table reads the result and the plan as they are; from then on its snapshot.

This module is the one writer of the rows (AnalysisRow) and of a new analysis."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from simple_history.utils import bulk_create_with_history

from assessments.models import AssessmentResult, AssessmentYear
from assessments.rules import results_year_of
from measures.models import FiscalYear, Measure
from organisations import access
from organisations.access import user_or_none
from organisations.refusals import Refusal, refuse
from thai.digits import thai_digits

from . import permissions
from .analysis_row import AnalysisRow
from .models import Report
from .services import _new_document as new_document
from .services import memo_header_fields

ANALYSIS_HEADING = "ผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
STRENGTH_APPROACH = "รักษามาตรฐานการดำเนินงานให้คงอยู่หรือดีขึ้น"
VERDICTS = {"weakness": "จุดอ่อน", "strength": "จุดแข็ง", "": "ไม่มีคะแนน"}


def score_text(score: Decimal | None) -> str:
    """ "67.50" (Arabic digits; documents print them in Thai), "" without a score."""
    return "" if score is None else f"{score:.2f}"


def analysed_result(organisation, year: int) -> AssessmentResult:
    """The organisation's result that the analysis of fiscal year `year` reads, with its
    scores and year; Refusal, in Thai, saying what is missing."""
    results_year = results_year_of(year)
    assessment_year = AssessmentYear.objects.filter(year=results_year).first()
    if assessment_year is None:
        raise Refusal(
            f"ยังไม่มีปีการประเมิน ITA {thai_digits(results_year)} ในระบบ "
            "ให้ผู้ดูแลระบบของระบบเพิ่มก่อนจัดทำการวิเคราะห์"
        )
    if not assessment_year.indicators.exists():
        raise Refusal(
            f"การประเมิน ITA ปี {thai_digits(results_year)} ยังไม่มีรายการตัวชี้วัด "
            "ให้ผู้ดูแลระบบของระบบเพิ่มก่อนจัดทำการวิเคราะห์"
        )
    result = (
        AssessmentResult.objects.filter(organisation=organisation, assessment_year=assessment_year)
        .select_related("assessment_year")
        .prefetch_related("scores")
        .first()
    )
    if result is None or not result.scores.all():
        raise Refusal(
            f"ยังไม่มีคะแนนรายตัวชี้วัดของผลการประเมิน ITA ปี {thai_digits(results_year)} "
            f"ของ{organisation.name} กรุณาบันทึกหรือนำเข้าผลการประเมินก่อน (เมนู ผล ITA)"
        )
    return result


def verdict(score: Decimal | None, pass_mark: Decimal) -> str:
    """ "weakness" below the pass mark, "strength" at or above it, "" without a score."""
    if score is None:
        return ""
    return "weakness" if score < pass_mark else "strength"


def default_analysis_fields(fiscal_year, result) -> dict:
    """The memo as an analyst would start it: what the assessment gave, and its weaknesses."""
    organisation = fiscal_year.organisation
    assessment_year = result.assessment_year
    pass_mark = assessment_year.pass_mark
    year = thai_digits(assessment_year.year)
    scores = sorted(
        (s for s in result.scores.select_related("indicator") if s.score < pass_mark),
        key=lambda s: s.score,
    )
    named = [f"{s.indicator} ({thai_digits(score_text(s.score))} คะแนน)" for s in scores]
    weak = " และ".join([" ".join(named[:-1]), named[-1]]) if len(named) > 1 else "".join(named)
    total = f"ได้คะแนนรวม {thai_digits(score_text(result.total_score))} คะแนน " if (
        result.total_score is not None
    ) else ""  # fmt: skip
    level = f"ระดับ {result.level} " if result.level else ""
    header = memo_header_fields(organisation)
    department = header["department"]
    findings = (
        f"ตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์ผ่าน ({thai_digits(score_text(pass_mark))} คะแนน) ได้แก่ {weak}"
        if weak
        else f"ทุกตัวชี้วัดได้คะแนนตั้งแต่เกณฑ์ผ่าน ({thai_digits(score_text(pass_mark))} คะแนน) ขึ้นไป"
    )
    body = "\n\n".join(
        [
            "๑. เรื่องเดิม",
            "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติได้ประเมินคุณธรรมและ"
            "ความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : "
            f"ITA) ประจำปี พ.ศ. {year} {organisation.name} {total}{level}",
            "๒. ข้อเท็จจริง",
            f"{findings} {department} จึงได้วิเคราะห์ผลการประเมินรายตัวชี้วัด จุดอ่อน และแนวทาง"
            "การพัฒนา เพื่อกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
            f"พ.ศ. {thai_digits(fiscal_year.year)} รายละเอียดตามตารางที่แนบมาพร้อมนี้",
        ]
    )
    return {
        **header,
        "subject": f"รายงานผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี พ.ศ. {year}",
        "body": body,
    }


@transaction.atomic
def analysis_create(*, organisation, year: int, author) -> Report:
    """A draft analysis for fiscal year `year` (its plan is created if there is none yet):
    the memo's defaults, the organisation's chain of superiors, and a row for every indicator
    of the results it reads, a strength's approach written in. Refusal, in Thai, when the
    person may not, the results are missing, or the year has its analysis already."""
    refuse(permissions.analysis_refusal(author, organisation))
    result = analysed_result(organisation, year)
    fiscal_year, _ = FiscalYear.objects.get_or_create(organisation=organisation, year=year)
    if fiscal_year.reports.filter(kind=Report.Kind.ANALYSIS).exists():
        raise Refusal(f"มีการวิเคราะห์ผลการประเมินของปีงบประมาณ {thai_digits(year)} แล้ว")
    report = new_document(
        fiscal_year,
        author,
        kind=Report.Kind.ANALYSIS,
        period=None,
        **default_analysis_fields(fiscal_year, result),
    )
    pass_mark = result.assessment_year.pass_mark
    scores = {score.indicator_id: score.score for score in result.scores.all()}
    rows = [
        AnalysisRow(
            report=report,
            indicator=indicator,
            approach=STRENGTH_APPROACH
            if verdict(scores.get(indicator.pk), pass_mark) == "strength"
            else "",
        )
        for indicator in result.assessment_year.indicators.order_by("order", "code")
    ]
    bulk_create_with_history(rows, AnalysisRow, default_user=user_or_none(author))
    return report


@dataclass
class RowText:
    weakness: str
    approach: str


@transaction.atomic
def analysis_rows_save(*, report, by, texts: dict[int, RowText]) -> int:
    """Write what the analyst says of each indicator ({indicator id: RowText}); rows not named
    keep theirs. Returns how many changed. Refusal, in Thai, when the table may not change
    now (the memo's rule: a draft or a returned document, by those who keep the plan) or a
    text is too long; nothing is written then."""
    report = (
        Report.objects.select_for_update()
        .select_related("fiscal_year__organisation")
        .get(pk=report.pk)
    )
    refuse(permissions.memo_refusal(by, report, what="ตารางการวิเคราะห์"))
    rows = {row.indicator_id: row for row in report.analysis_rows.select_related("indicator")}
    unknown = [pk for pk in texts if pk not in rows]
    if unknown:
        raise Refusal("ไม่พบตัวชี้วัดนี้ในการวิเคราะห์ กรุณาโหลดหน้าใหม่")
    changed = []
    for pk, text in texts.items():
        row = rows[pk]
        weakness, approach = text.weakness.strip(), text.approach.strip()
        if (row.weakness, row.approach) == (weakness, approach):
            continue
        row.weakness, row.approach = weakness, approach
        try:
            row.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise Refusal(f"{row.indicator}: {' '.join(error.messages)}") from None
        changed.append(row)
    for row in changed:
        row._history_user = user_or_none(by)
        row.save(update_fields=["weakness", "approach"])
    return len(changed)


@transaction.atomic
def analyses_delete(*, fiscal_year, by) -> None:
    """Remove the year's analyses and their rows: the demo's reset (load_demo), by the
    deployment's operator only."""
    refuse(None if access.is_operator(by) else "ลบการวิเคราะห์ได้เฉพาะผู้ดูแลระบบของระบบ")
    fiscal_year.reports.filter(kind=Report.Kind.ANALYSIS).delete()


def analysis_rows_copy(source, revision) -> None:
    """A new revision starts from what the finished analysis said (reports.workflow)."""
    bulk_create_with_history(
        [
            AnalysisRow(report=revision, indicator_id=row.indicator_id, weakness=row.weakness,
                        approach=row.approach)
            for row in source.analysis_rows.all()
        ],
        AnalysisRow,
    )  # fmt: skip


def _weaknesses_first(row) -> tuple:
    """Weaknesses by score, lowest first; then the rest, each group in the year's order (the
    sort is stable)."""
    if row["verdict"] == "weakness":
        return (0, Decimal(row["score"]))
    return (1 if row["verdict"] == "strength" else 2, Decimal(0))


def analysis_table(report) -> dict:
    """The table from the live result and plan: title lines and one row per indicator,
    weaknesses first (lowest score first), then strengths and indicators without a score in
    the year's order. A row: indicator_id, code, name, group, score ("67.50", "" none), verdict
    ("weakness", "strength", ""), verdict_label, weakness, approach, and the measures of the
    plan that answer it (id, marker, title)."""
    fiscal_year = report.fiscal_year
    organisation = fiscal_year.organisation
    result = (
        AssessmentResult.objects.filter(
            organisation=organisation, assessment_year__year=results_year_of(fiscal_year.year)
        )
        .select_related("assessment_year")
        .prefetch_related("scores")
        .first()
    )
    assessment_year = result.assessment_year if result else None
    scores = {s.indicator_id: s.score for s in result.scores.all()} if result else {}
    pass_mark = assessment_year.pass_mark if assessment_year else Decimal("85")
    measures = Measure.objects.filter(fiscal_year=fiscal_year).order_by("number")
    rows = []
    found = report.analysis_rows.select_related("indicator").prefetch_related(
        Prefetch("indicator__measures", queryset=measures, to_attr="plan_measures")
    )
    for row in found.order_by("indicator__order", "indicator__code"):
        indicator, score = row.indicator, scores.get(row.indicator_id)
        said = verdict(score, pass_mark)
        rows.append(
            {
                "indicator_id": indicator.pk,
                "code": indicator.code,
                "name": indicator.name,
                "group": indicator.group,
                "score": score_text(score),
                "verdict": said,
                "verdict_label": VERDICTS[said],
                "weakness": row.weakness,
                "approach": row.approach,
                "measures": [
                    {"id": m.pk, "marker": m.marker, "title": m.title}
                    for m in indicator.plan_measures
                ],
            }
        )
    rows.sort(key=_weaknesses_first)
    summary = f"ประจำปี พ.ศ. {results_year_of(fiscal_year.year)}"
    if result and result.total_score is not None:
        summary += f" คะแนนรวม {score_text(result.total_score)}"
    if result and result.level:
        summary += f" ระดับ {result.level}"
    summary += f" (เกณฑ์ผ่าน {score_text(pass_mark)} คะแนน)"
    return {
        "title_lines": [
            ANALYSIS_HEADING,
            summary,
            f"ของ{organisation.name} อำเภอ{organisation.district} จังหวัด{organisation.province}",
        ],
        "plan_year": fiscal_year.year,
        "rows": rows,
    }
