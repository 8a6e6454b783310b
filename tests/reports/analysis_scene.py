"""The cast's ITA ๒๕๖๖ results, from which its FY ๒๕๖๗ analysis is drafted: indicators 9 and 10
below the pass mark (85), indicator 5 exactly on it, the rest above."""

from decimal import Decimal

from assessments.models import AssessmentYear
from assessments.services import ResultValues, results_write
from organisations.access import SYSTEM
from reports.analysis import analysis_create

SCORES_2566 = {
    "1": "96.10", "2": "91.00", "3": "93.25", "4": "88.00", "5": "85.00",
    "6": "90.50", "7": "87.75", "8": "86.00", "9": "67.50", "10": "72.40",
}  # fmt: skip


def results_2566(organisation, scores=SCORES_2566, total="82.35", level="B"):
    year = AssessmentYear.objects.get(year=2566)
    indicators = {indicator.code: indicator for indicator in year.indicators.all()}
    values = ResultValues(
        organisation=organisation,
        total_score=Decimal(total),
        level=level,
        scores={indicators[code]: Decimal(score) for code, score in scores.items()},
    )
    results_write(assessment_year=year, values=[values], by=SYSTEM)
    return year


def analysis_2567(cast):
    """The home organisation's draft analysis of FY ๒๕๖๗, by alice, from its ITA ๒๕๖๖ results."""
    results_2566(cast.home)
    return analysis_create(organisation=cast.home, year=2567, author=cast.alice)
