"""Whether a reporting period's progress may still change.

`measures` owns this state; the review workflow (reports) sets it: submitting a report locks its
period for review, the approval makes the lock final, returning the report or starting a new
revision opens the period again. The database enforces it too (migrations/0005)."""

from contextlib import contextmanager

from django.db import IntegrityError, transaction

from organisations.refusals import Refusal
from thai.digits import thai_digits
from thai.fiscal import Period

from .models import PeriodLock

Stage = PeriodLock.Stage


def stage(fiscal_year, period) -> str | None:
    """None while the period is open, else Stage.REVIEW or Stage.FINAL."""
    return (
        PeriodLock.objects.filter(fiscal_year=fiscal_year, period=period)
        .values_list("stage", flat=True)
        .first()
    )


def is_open(fiscal_year, period) -> bool:
    return stage(fiscal_year, period) is None


def lock(*, fiscal_year, period, stage: str) -> None:
    PeriodLock.objects.update_or_create(
        fiscal_year=fiscal_year, period=period, defaults={"stage": stage}
    )


def unlock(*, fiscal_year, period) -> None:
    PeriodLock.objects.filter(fiscal_year=fiscal_year, period=period).delete()


def closed_reason(fiscal_year, period) -> str | None:
    """Why the period's progress and evidence may not change now, the one message every path
    gives (pages, writers, admin, imports); None while the period is open."""
    current = stage(fiscal_year, period)
    if current is None:
        return None
    # Two periods may be open at once (a year's 12 months and the next year's first half).
    report = f"รายงาน{Period(period).short_label} ปีงบประมาณ {thai_digits(fiscal_year.year)}"
    if current == Stage.REVIEW:
        return (
            f"{report} เสนอผู้บังคับบัญชาแล้ว ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้จนกว่ารายงานจะถูกส่งกลับ"
        )
    return f"{report} ได้รับอนุมัติแล้ว ผลการดำเนินการและหลักฐานของรอบนี้แก้ไขไม่ได้อีก"


@contextmanager
def refused_when_locked(fiscal_year, period):
    """A write of the period's progress or evidence that the database refused because the
    period was locked after the writer asked (a report submitted at that moment) is refused with
    the reason the writer would have given."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        reason = "period_locked" in str(error) and closed_reason(fiscal_year, period)
        if not reason:
            raise
        raise Refusal(reason) from None
