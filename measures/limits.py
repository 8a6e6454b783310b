"""How much a person may send: every free text and every count has a bound that a real report
never reaches, so that no one entry can stall rendering or fill the database.

The seed report's longest result is 99 characters, its longest step 215, its longest measure
title 338, its most steps in one measure 10; the limits are ten to twenty times that."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from thai.digits import thai_count

RESULT_MAX = 2_000
FOLLOW_UP_MAX = 1_000
TITLE_MAX = 1_000
LABEL_MAX = 15
STEP_MAX = 2_000
STEPS_PER_MEASURE_MAX = 30
MEASURES_PER_PLAN_MAX = 300
EVIDENCE_PER_ENTRY_MAX = 20


def too_long_message(label: str, limit: int) -> str:
    return f"{label}ยาวเกินไป รับได้ไม่เกิน {thai_count(limit)} ตัวอักษร"


def length_validator(limit: int, label: str) -> MaxLengthValidator:
    """The same bound checked in Python, without asking the database (a check constraint's
    validation is a query)."""
    return MaxLengthValidator(limit, message=too_long_message(label, limit))


def length_limit(field: str, limit: int, label: str, *, name: str) -> models.CheckConstraint:
    """The database refuses text longer than `limit`; full_clean says so in Thai."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=name,
        violation_error_message=too_long_message(label, limit),
    )
