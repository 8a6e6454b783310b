"""The one writer of the plan: measures, their steps and responsible divisions, and a new
fiscal year copied from an earlier one.

A plan may change while a report of its year is in review or final: the report shows the plan
as it was at submission (its snapshot), so a change appears in the report's next round or
revision, never in a submitted one. What the plan cannot do is take a locked period's progress
with it: a measure with progress in a locked period is not deleted."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from organisations.refusals import Refusal, refuse, validated
from thai.digits import thai_digits

from .. import limits, permissions
from ..models import FiscalYear, Measure, MeasureStep, PeriodLock


def _require_plan_editor(by, fiscal_year):
    refuse(permissions.plan_refusal(by, fiscal_year.organisation))


@transaction.atomic
def measure_save(*, measure: Measure, by) -> Measure:
    """Create or update the measure itself (number, title, ทุกกอง)."""
    _require_plan_editor(by, measure.fiscal_year)
    if measure.pk is None:
        count = Measure.objects.filter(fiscal_year=measure.fiscal_year).count()
        if count >= limits.MEASURES_PER_PLAN_MAX:
            raise Refusal(
                f"แผนหนึ่งปีมีมาตรการได้ไม่เกิน {thai_digits(limits.MEASURES_PER_PLAN_MAX)} ข้อ"
            )
    validated(measure, exclude=["divisions"])
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


@transaction.atomic
def measure_delete(*, measure: Measure, by) -> None:
    _require_plan_editor(by, measure.fiscal_year)
    locked_periods = PeriodLock.objects.filter(fiscal_year=measure.fiscal_year).values("period")
    if measure.progress_entries.filter(period__in=locked_periods).exists():
        raise Refusal(
            f"มาตรการข้อ {thai_digits(measure.number)} มีผลการดำเนินการในรายงานที่เสนอแล้ว จึงลบไม่ได้"
        )
    measure.delete()


@transaction.atomic
def plan_copy(*, source: FiscalYear, year: int, by) -> FiscalYear:
    """Start a fiscal year from an earlier one: its measures, steps and divisions, no progress.
    A year that already has measures is never overwritten."""
    _require_plan_editor(by, source)
    target, _ = FiscalYear.objects.get_or_create(organisation=source.organisation, year=year)
    if target.measures.exists():
        raise Refusal(f"ปีงบประมาณ {thai_digits(year)} มีมาตรการอยู่แล้ว จึงไม่คัดลอกทับ")
    for measure in source.measures.prefetch_related("steps", "divisions").order_by("number"):
        copy = measure_save(
            measure=Measure(
                fiscal_year=target,
                number=measure.number,
                title=measure.title,
                all_divisions=measure.all_divisions,
            ),
            by=by,
        )
        copy.divisions.set(measure.divisions.all())
        measure_set_steps(measure=copy, texts=[step.text for step in measure.steps.all()], by=by)
    return target
