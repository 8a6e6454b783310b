"""The one writer of the plan: measures, their steps and responsible divisions, and a new
fiscal year copied from an earlier one.

A plan may change while a report of its year is in review or final: the report shows the plan
as it was at submission (its snapshot), so a change appears in the report's next round or
revision, never in a submitted one. What the plan cannot do is take a locked period's progress
with it: a measure with progress in a locked period is not deleted."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from assessments.models import Indicator
from assessments.rules import results_year_of
from organisations.refusals import Refusal, refuse, validated
from thai.digits import thai_digits

from .. import limits, permissions
from ..models import FiscalYear, Measure, MeasureStep, PeriodLock


def _require_plan_editor(by, fiscal_year):
    refuse(permissions.plan_refusal(by, fiscal_year.organisation))


@transaction.atomic
def measure_save(*, measure: Measure, by) -> Measure:
    """Create or update the measure itself (number, label, title, ทุกกอง)."""
    _require_plan_editor(by, measure.fiscal_year)
    if measure.pk is None:
        count = Measure.objects.filter(fiscal_year=measure.fiscal_year).count()
        if count >= limits.MEASURES_PER_PLAN_MAX:
            raise Refusal(f"แผนหนึ่งปีมีมาตรการได้ไม่เกิน {thai_digits(limits.MEASURES_PER_PLAN_MAX)} ข้อ")
    # A measure without a label of its own has no label to be unique (and checking would cost
    # a query a measure on an import of 300).
    validated(measure, exclude=["divisions"] if measure.label else ["divisions", "label"])
    measure.save()
    return measure


@transaction.atomic
def measure_set_steps(*, measure: Measure, texts: list[str], by) -> bool:
    """Make the measure's steps exactly `texts`, in order. Returns whether anything changed.

    Steps are updated in place and added or removed at the end, so positions never leave gaps.
    """
    _require_plan_editor(by, measure.fiscal_year)
    if len(texts) > limits.STEPS_PER_MEASURE_MAX:
        raise Refusal(
            f"มาตรการหนึ่งข้อมีขั้นตอนได้ไม่เกิน {thai_digits(limits.STEPS_PER_MEASURE_MAX)} ขั้นตอน"
        )
    existing = list(measure.steps.order_by("position"))
    changed = False
    # Positions are this writer's own (1..n, no gaps), so only the text needs checking.
    for step, text in zip(existing, texts, strict=False):
        if step.text != text:
            step.text = text
            validated(step, validate_unique=False, validate_constraints=False)
            step.save(update_fields=["text"])
            changed = True
    added = [
        MeasureStep(measure=measure, position=position, text=text)
        for position, text in enumerate(texts[len(existing) :], start=len(existing) + 1)
    ]
    for step in added:
        validated(step, validate_unique=False, validate_constraints=False)
    if added:
        # In one statement: a plan import adds hundreds of steps.
        bulk_create_with_history(added, MeasureStep)
        changed = True
    for step in reversed(existing[len(texts) :]):
        step.delete()
        changed = True
    return changed


@transaction.atomic
def measure_set_divisions(*, measure: Measure, divisions, all_divisions: bool, by) -> bool:
    """Set who is responsible: the given divisions, or every division (ทุกกอง)."""
    _require_plan_editor(by, measure.fiscal_year)
    wanted = set() if all_divisions else {division.pk for division in divisions}
    foreign = [d for d in divisions if d.organisation_id != measure.fiscal_year.organisation_id]
    if foreign:
        raise Refusal(f"ส่วนราชการ {foreign[0]} ไม่ได้อยู่ในหน่วยงานของแผนนี้")
    current = set(measure.divisions.values_list("pk", flat=True))
    changed = measure.all_divisions != all_divisions or wanted != current
    if measure.all_divisions != all_divisions:
        measure.all_divisions = all_divisions
        measure.save(update_fields=["all_divisions"])
    if wanted != current:
        measure.divisions.set(wanted)
    return changed


def indicators_refusal(fiscal_year, indicators) -> str | None:
    """Why the plan of `fiscal_year` cannot answer these indicators: each must be one of the
    assessment year whose results the plan answers (the year before it); None if it can."""
    year = results_year_of(fiscal_year.year)
    foreign = [i for i in indicators if i.assessment_year.year != year]
    if foreign:
        return (
            f"{foreign[0]} เป็นของการประเมิน ITA ปี {thai_digits(foreign[0].assessment_year.year)} "
            f"มาตรการของปีงบประมาณ {thai_digits(fiscal_year.year)} ตอบตัวชี้วัดของการประเมิน "
            f"ITA ปี {thai_digits(year)} (ผลที่นำมาวิเคราะห์)"
        )
    return None


@transaction.atomic
def measure_set_indicators(*, measure: Measure, indicators, by) -> bool:
    """Make the ITA indicators the measure answers exactly `indicators` (of the assessment
    year before the plan's fiscal year). Returns whether anything changed; Refusal, in Thai,
    for an indicator of another year."""
    _require_plan_editor(by, measure.fiscal_year)
    indicators = list(indicators)
    refuse(indicators_refusal(measure.fiscal_year, indicators))
    wanted = {indicator.pk for indicator in indicators}
    if wanted == set(measure.indicators.values_list("pk", flat=True)):
        return False
    measure.indicators.set(wanted)
    return True


@transaction.atomic
def indicator_set_measures(*, fiscal_year: FiscalYear, indicator, measures, by) -> int:
    """Make `measures` exactly the measures of the plan that answer `indicator`, the others of
    the plan no longer answering it; each keeps its other indicators. Returns how many
    measures changed."""
    _require_plan_editor(by, fiscal_year)
    refuse(indicators_refusal(fiscal_year, [indicator]))
    wanted = {measure.pk for measure in measures}
    plan = fiscal_year.measures.prefetch_related("indicators")
    if wanted - set(plan.values_list("pk", flat=True)):
        raise Refusal("มาตรการที่เลือกไม่ได้อยู่ในแผนของปีงบประมาณนี้")
    changed = 0
    for measure in plan:
        answers = any(i.pk == indicator.pk for i in measure.indicators.all())
        if answers and measure.pk not in wanted:
            measure.indicators.remove(indicator)
        elif not answers and measure.pk in wanted:
            measure.indicators.add(indicator)
        else:
            continue
        changed += 1
    return changed


@transaction.atomic
def measure_add(
    *, fiscal_year: FiscalYear, title: str, steps: list[str], divisions, all_divisions: bool,
    indicators=(), by,
) -> Measure:  # fmt: skip
    """A new measure at the end of the plan, with its steps, who answers for it and the
    indicators it answers, all or nothing (the analysis page's "a measure from a weakness")."""
    last = fiscal_year.measures.order_by("-number").values_list("number", flat=True).first()
    measure = measure_save(
        measure=Measure(fiscal_year=fiscal_year, number=(last or 0) + 1, title=title), by=by
    )
    measure_set_divisions(measure=measure, divisions=divisions, all_divisions=all_divisions, by=by)
    measure_set_steps(measure=measure, texts=steps, by=by)
    measure_set_indicators(measure=measure, indicators=indicators, by=by)
    return measure


# Numbers no plan uses (a plan has at most limits.MEASURES_PER_PLAN_MAX measures, numbered at
# most 999): measures wait there while a plan is renumbered.
PARKED_NUMBERS = 30_000


@transaction.atomic
def measures_renumber(*, fiscal_year: FiscalYear, places: dict[int, tuple[int, str]], by) -> None:
    """Give measures of the plan a new place and label ({measure id: (number, label)}), as an
    import of a plan numbered by dimension does when a measure comes between others. Each first
    waits on a number no plan uses (not kept in the history), so no two measures ever hold the
    same number on the way."""
    _require_plan_editor(by, fiscal_year)
    measures = list(fiscal_year.measures.filter(pk__in=places).order_by("pk"))
    for offset, measure in enumerate(measures, start=1):
        measure.number, measure.label = PARKED_NUMBERS + offset, ""
        measure.save_without_historical_record(update_fields=["number", "label"])
    for measure in measures:
        measure.number, measure.label = places[measure.pk]
        validated(measure, exclude=["divisions", "fiscal_year"], validate_unique=False)
        measure.save(update_fields=["number", "label"])


@transaction.atomic
def measure_delete(*, measure: Measure, by) -> None:
    _require_plan_editor(by, measure.fiscal_year)
    locked_periods = PeriodLock.objects.filter(fiscal_year=measure.fiscal_year).values("period")
    if measure.progress_entries.filter(period__in=locked_periods).exists():
        raise Refusal(
            f"มาตรการข้อ {thai_digits(measure.item_label)} มีผลการดำเนินการในรายงานที่เสนอแล้ว จึงลบไม่ได้"
        )
    measure.delete()


@transaction.atomic
def plan_copy(*, source: FiscalYear, year: int, by) -> FiscalYear:
    """Start a fiscal year from an earlier one: its measures, steps and divisions, no progress.
    A year that already has measures is never overwritten. The indicators a measure answered
    become those of the same code in the assessment year the new plan answers, where it has
    them."""
    _require_plan_editor(by, source)
    target, _ = FiscalYear.objects.get_or_create(organisation=source.organisation, year=year)
    if target.measures.exists():
        raise Refusal(f"ปีงบประมาณ {thai_digits(year)} มีมาตรการอยู่แล้ว จึงไม่คัดลอกทับ")
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(assessment_year__year=results_year_of(year))
    }
    measures = source.measures.prefetch_related("steps", "divisions", "indicators")
    for measure in measures.order_by("number"):
        copy = measure_save(
            measure=Measure(
                fiscal_year=target,
                number=measure.number,
                label=measure.label,
                title=measure.title,
                all_divisions=measure.all_divisions,
            ),
            by=by,
        )
        copy.divisions.set(measure.divisions.all())
        measure_set_steps(measure=copy, texts=[step.text for step in measure.steps.all()], by=by)
        found = [indicators[i.code] for i in measure.indicators.all() if i.code in indicators]
        if found:
            copy.indicators.set(found)
    return target
