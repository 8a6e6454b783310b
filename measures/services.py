"""Writes to what is tracked. Views, the admin, imports and the demo loader all come here."""

from django.db import transaction

from .models import Measure, MeasureStep


@transaction.atomic
def measure_set_steps(*, measure: Measure, texts: list[str]) -> bool:
    """Make the measure's steps exactly `texts`, in order. Returns whether anything changed.

    Steps are updated in place and added or removed at the end, so positions never leave gaps.
    """
    existing = list(measure.steps.order_by("position"))
    changed = False
    for step, text in zip(existing, texts, strict=False):
        if step.text != text:
            step.text = text
            step.full_clean()
            step.save(update_fields=["text"])
            changed = True
    for position, text in enumerate(texts[len(existing) :], start=len(existing) + 1):
        step = MeasureStep(measure=measure, position=position, text=text)
        step.full_clean()
        step.save()
        changed = True
    for step in reversed(existing[len(texts) :]):
        step.delete()
        changed = True
    return changed


@transaction.atomic
def measure_set_divisions(*, measure: Measure, divisions, all_divisions: bool) -> bool:
    """Set who is responsible: the given divisions, or every division (ทุกกอง)."""
    wanted = set() if all_divisions else {division.pk for division in divisions}
    current = set(measure.divisions.values_list("pk", flat=True))
    changed = measure.all_divisions != all_divisions or wanted != current
    if measure.all_divisions != all_divisions:
        measure.all_divisions = all_divisions
        measure.save(update_fields=["all_divisions"])
    if wanted != current:
        measure.divisions.set(wanted)
    return changed
