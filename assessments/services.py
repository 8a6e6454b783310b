"""The one writer of ITA results: an organisation's total score, level and indicator scores of
an assessment year. The results page, the table import (page, command) and the demo all come
here; every change is kept by django-simple-history, with who made it."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from organisations.access import user_or_none
from organisations.refusals import Refusal, refuse
from thai.digits import thai_count

from . import permissions
from .models import AssessmentResult, AssessmentYear, IndicatorScore
from .scores import check_level, check_score

# One write may carry at most this many organisations' results (a province has a few hundred
# local governments; the largest has under 400).
ORGANISATIONS_PER_WRITE_MAX = 1_000


@dataclass
class ResultValues:
    """What to write for one organisation. `scores` maps an indicator of the year to its score,
    or to None to remove it; indicators not named keep what they have."""

    organisation: object
    total_score: Decimal | None
    level: str
    scores: dict = field(default_factory=dict)


@dataclass
class WriteSummary:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


def validated(assessment_year: AssessmentYear, values: ResultValues, labels) -> ResultValues:
    """The values checked against the year (bounds, its levels, its indicators); refused with a
    Thai message otherwise."""
    try:
        total = None if values.total_score is None else check_score(Decimal(values.total_score))
        level = check_level(values.level, labels)
        scores = {
            indicator: None if score is None else check_score(Decimal(score))
            for indicator, score in values.scores.items()
        }
    except ValueError as error:
        raise Refusal(f"{values.organisation}: {error}") from None
    foreign = [i for i in scores if i.assessment_year_id != assessment_year.pk]
    if foreign:
        raise Refusal(f"ตัวชี้วัด {foreign[0]} ไม่ใช่ของ{assessment_year}")
    return ResultValues(values.organisation, total, level, scores)


def results_write(*, assessment_year: AssessmentYear, values: list[ResultValues], by):
    """Write each organisation's result of the year, all or nothing. Refused when
    the person may not write one of them, a value is refused, or someone else wrote the same
    result at the same moment. Returns a WriteSummary."""
    try:
        return _write(assessment_year, values, by)
    except IntegrityError:
        raise Refusal("มีผู้อื่นบันทึกผลการประเมินนี้พร้อมกัน ยังไม่ได้บันทึก กรุณาลองใหม่") from None


@transaction.atomic
def _write(assessment_year, values, by) -> WriteSummary:
    if len(values) > ORGANISATIONS_PER_WRITE_MAX:
        raise Refusal(f"บันทึกผลได้ครั้งละไม่เกิน {thai_count(ORGANISATIONS_PER_WRITE_MAX)} หน่วยงาน")
    organisations = [v.organisation for v in values]
    if len({o.pk for o in organisations}) != len(organisations):
        raise Refusal("มีผลการประเมินของหน่วยงานเดียวกันซ้ำ")
    for organisation in organisations:
        refuse(permissions.results_refusal(by, organisation))
    labels = list(assessment_year.levels.values_list("label", flat=True))
    values = [validated(assessment_year, v, labels) for v in values]

    user = user_or_none(by)
    existing = {
        result.organisation_id: result
        for result in AssessmentResult.objects.select_for_update()
        .filter(assessment_year=assessment_year, organisation__in=organisations)
        .prefetch_related("scores")
    }
    results, new_results, changed = {}, [], set()
    for v in values:
        result = existing.get(v.organisation.pk)
        if result is None:
            result = AssessmentResult(
                organisation=v.organisation,
                assessment_year=assessment_year,
                total_score=v.total_score,
                level=v.level,
                updated_by=user,
            )
            new_results.append(result)
        elif (result.total_score, result.level) != (v.total_score, v.level):
            result.total_score, result.level = v.total_score, v.level
            changed.add(v.organisation.pk)
        results[v.organisation.pk] = result
    if new_results:
        for result in bulk_create_with_history(new_results, AssessmentResult, default_user=user):
            results[result.organisation_id] = result

    new_scores, changed_scores = [], []
    for v in values:
        result = results[v.organisation.pk]
        before = existing.get(v.organisation.pk)
        held = {score.indicator_id: score for score in before.scores.all()} if before else {}
        for indicator, score in v.scores.items():
            current = held.get(indicator.pk)
            if score is None and current is not None:
                current._history_user = user
                current.delete()
            elif score is not None and current is None:
                new_scores.append(IndicatorScore(result=result, indicator=indicator, score=score))
            elif score is not None and current.score != score:
                current.score = score
                changed_scores.append(current)
            else:
                continue
            if before is not None:
                changed.add(v.organisation.pk)
    if new_scores:
        bulk_create_with_history(new_scores, IndicatorScore, default_user=user)
    if changed_scores:
        bulk_update_with_history(changed_scores, IndicatorScore, ["score"], default_user=user)

    updated = [results[pk] for pk in changed]
    now = timezone.now()
    for result in updated:
        result.updated_by, result.updated_at = user, now
    if updated:
        bulk_update_with_history(
            updated,
            AssessmentResult,
            ["total_score", "level", "updated_by", "updated_at"],
            default_user=user,
        )
    created = len(new_results)
    return WriteSummary(created, len(updated), len(values) - created - len(updated))
