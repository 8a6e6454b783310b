"""The demo's year before the seed (fixtures/demo/ita-2565.toml): อบต.เกียร์'s ITA ๒๕๖๕ results
(demo figures, said so in the assessment year's note), the analysis of them that the seed's
FY ๒๕๖๖ measures answer, which indicators each measure answers, and ITA ๒๕๖๖'s due dates.
Written as everything is, through the writers; loaded again, it resets to the fixture."""

import tomllib
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from assessments.models import AssessmentItem, AssessmentYear, Indicator, ResultLevel
from assessments.services import ResultValues, results_write
from measures.services.plan import measure_set_indicators
from organisations.access import SYSTEM

from .analysis import RowText, analyses_delete, analysis_create, analysis_rows_save
from .models import Report
from .services import report_update_memo

DEMO_YEAR_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "ita-2565.toml"


def read_demo_year(path: Path = DEMO_YEAR_FIXTURE) -> dict:
    with open(path, "rb") as fixture:
        return tomllib.load(fixture)


@transaction.atomic
def load_demo_year(data: dict, fiscal_year) -> Report:
    """The year before the demo plan `fiscal_year`, as the fixture says; returns the draft
    analysis."""
    organisation = fiscal_year.organisation
    assessment_year = _assessment_year(data["assessment_year"])
    indicators = {indicator.code: indicator for indicator in assessment_year.indicators.all()}
    results = data["results"]
    results_write(
        assessment_year=assessment_year,
        values=[
            ResultValues(
                organisation=organisation,
                total_score=Decimal(results["total"]),
                level=results["level"],
                scores={indicators[code]: Decimal(s) for code, s in results["scores"].items()},
            )
        ],
        by=SYSTEM,
    )
    for measure in fiscal_year.measures.all():
        codes = data["answers"].get(str(measure.number), [])
        measure_set_indicators(
            measure=measure, indicators=[indicators[code] for code in codes], by=SYSTEM
        )
    for due in data["due_dates"]:
        AssessmentItem.objects.filter(
            assessment_year__year=fiscal_year.year, code=due["code"], document_kind=due["kind"]
        ).update(due_date=due["date"])
    return _analysis(data["analysis"], fiscal_year, indicators)


def _assessment_year(spec) -> AssessmentYear:
    """The demo's assessment year with the indicators and levels of `copy_from`."""
    year, created = AssessmentYear.objects.get_or_create(
        year=spec["year"], defaults={"name": spec["name"], "note": spec["note"]}
    )
    if created or not year.indicators.exists():
        source = AssessmentYear.objects.get(year=spec["copy_from"])
        for indicator in source.indicators.all():
            Indicator.objects.get_or_create(
                assessment_year=year, code=indicator.code,
                defaults={"name": indicator.name, "group": indicator.group,
                          "order": indicator.order},
            )  # fmt: skip
        for level in source.levels.all():
            ResultLevel.objects.get_or_create(
                assessment_year=year, label=level.label,
                defaults={"min_score": level.min_score, "description": level.description,
                          "order": level.order},
            )  # fmt: skip
    return year


def _analysis(spec, fiscal_year, indicators) -> Report:
    analyses_delete(fiscal_year=fiscal_year, by=SYSTEM)
    analyst = get_user_model().objects.get(username="analyst")
    analysis = analysis_create(
        organisation=fiscal_year.organisation, year=fiscal_year.year, author=analyst
    )
    report_update_memo(
        report=analysis,
        by=analyst,
        fields={"memo_date": spec["memo_date"], "document_number": spec["document_number"]},
    )
    analysis_rows_save(
        report=analysis,
        by=analyst,
        texts={
            indicators[code].pk: RowText(row["weakness"], row["approach"])
            for code, row in spec["rows"].items()
        },
    )
    return analysis
