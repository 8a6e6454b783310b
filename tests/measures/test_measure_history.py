"""A measure's history on its page speaks Thai throughout: its steps and any number that changed
are written in Thai digits like everything else (issue 17, items 10 and 17)."""

import pytest
from django.urls import reverse

from measures.audit import measure_audit_trail
from measures.services.plan import measure_set_steps, measures_renumber

pytestmark = pytest.mark.django_db


def test_the_history_numbers_the_steps_in_thai_digits(cast, client):
    measure = cast.measures[1]
    measure_set_steps(measure=measure, texts=["ขั้นตอนของข้อ 1", "ประชุมชี้แจงบุคลากร"], by=cast.alice)
    trail = measure_audit_trail(measure)
    assert ("สร้าง", "ขั้นตอนที่ ๒") in [(item.kind, item.what) for item in trail]
    client.force_login(cast.alice)
    page = client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    history = page[page.index('id="audit-title"') :]
    assert "สร้างขั้นตอนที่ ๒" in history and "สร้างขั้นตอนที่ ๑" in history
    assert "ขั้นตอนที่ 1" not in history and "ขั้นตอนที่ 2" not in history


def test_a_number_that_changed_is_shown_in_thai_digits(cast):
    measure = cast.measures[3]
    measures_renumber(fiscal_year=cast.plan, places={measure.pk: (4, "")}, by=cast.alice)
    changes = [
        (change.old, change.new)
        for item in measure_audit_trail(measure)
        for change in item.changes
        if item.what == "มาตรการ"
    ]
    assert ("๓", "๔") in changes
