"""Which document answers which ITA item: the one place of that rule.

A document is described by what the rule needs (`Answer`: the kind of answer, its fiscal year
in B.E., its period or None), so the apps above map their own documents onto it
(publishing.selectors.answer_of). An item asks for a document of its `document_kind`, of the
fiscal year `assessment year + fiscal_year_offset` (the same year, or the previous one), and,
when it names one, of its period: a FY ๒๕๖๘ 12-month report answers ITA ๒๕๖๙'s O26.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from thai.digits import thai_digits
from thai.fiscal import Period

from .models import AnswerKind, AssessmentItem, FiscalYearOffset


@dataclass(frozen=True)
class Answer:
    kind: str  # an AnswerKind value
    fiscal_year: int  # B.E.
    period: int | None = None  # a Period value for reports

    def describe(self) -> str:
        """e.g. "รายงานผลการดำเนินการตามมาตรการ รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๖"."""
        text = AnswerKind(self.kind).label
        if self.period:
            text += f" {Period(self.period).short_label}"
        return f"{text} ปีงบประมาณ พ.ศ. {thai_digits(self.fiscal_year)}"


def items_answered_by(answer: Answer | None) -> QuerySet:
    """The items, of any assessment year, whose rule the document meets: latest year first."""
    if answer is None or answer.kind == AnswerKind.OTHER:
        return AssessmentItem.objects.none()
    years = Q()
    for offset in FiscalYearOffset.values:
        years |= Q(assessment_year__year=answer.fiscal_year - offset, fiscal_year_offset=offset)
    return (
        AssessmentItem.objects.filter(years, document_kind=answer.kind)
        .filter(Q(period__isnull=True) | Q(period=answer.period))
        .select_related("assessment_year")
        .order_by("-assessment_year__year", "order", "code")
    )


def refusal(item: AssessmentItem, answer: Answer | None) -> str | None:
    """None when the document answers the item; otherwise why not, in Thai, naming what the
    item asks for and what the document is."""
    year = thai_digits(item.assessment_year.year)
    label = f"ข้อ {item.code or item.name} ของการประเมิน ITA ปี {year}"
    if item.document_kind == AnswerKind.OTHER:
        return f"{label} ตอบด้วยหลักฐานอื่นที่ไม่ได้จัดทำในระบบ ไม่ใช่เอกสารนี้"
    if answer is None:
        return f"{label} ต้องการ{item.asks_for()} เอกสารชนิดนี้ใช้ตอบข้อการประเมินไม่ได้"
    answers = (
        item.document_kind == answer.kind
        and item.fiscal_year == answer.fiscal_year
        and (item.period is None or item.period == answer.period)
    )
    if answers:
        return None
    return f"เอกสารนี้ใช้ตอบ{label}ไม่ได้: ข้อนี้ต้องการ{item.asks_for()} แต่เอกสารนี้เป็น{answer.describe()}"


def results_year_of(fiscal_year: int) -> int:
    """The assessment year (B.E.) whose results the plan of `fiscal_year` answers: the analysis
    done at the start of FY ๒๕๖๙ reads ITA ๒๕๖๘'s results, and the FY ๒๕๖๙ measures made from
    it answer ITA ๒๕๖๘'s indicators."""
    return fiscal_year - 1


def analysis_fiscal_year(results_year: int) -> int:
    """The fiscal year (B.E.) whose analysis reads the results of `results_year`."""
    return results_year + 1
