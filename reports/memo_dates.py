"""A word before a document is signed on a day far from the date it carries.

The memo's วันที่ (and the announcement's "ประกาศ ณ วันที่") is typed by the analyst and printed
once, in the header; the signing acts have their own dates. A memo is normally signed within
days of its date: a date months away is almost always a draft started long before, or a year
typed wrongly. The signer is warned on the signing form, before the act, and may still go on."""

from django.utils import timezone

from thai.dates import thai_date
from thai.digits import thai_digits

# A memo typed on a Monday and signed the next week is usual; more is worth a word.
TOLERANCE_DAYS = 7


def date_warning(report, today=None) -> str | None:
    """The warning for signing `report` on `today` (default: the local date), or None."""
    today = today or timezone.localdate()
    kind = report.words.document if report.is_plan else report.words.text
    if report.memo_date is None:
        return f"{kind}ยังไม่มีวันที่ เอกสารจะพิมพ์วันที่ว่างไว้"
    days = abs((today - report.memo_date).days)
    if days <= TOLERANCE_DAYS:
        return None
    dated = thai_date(report.memo_date, era_prefix=True)
    return (
        f"{kind}ลงวันที่ {dated} แต่วันนี้คือ {thai_date(today, era_prefix=True)} "
        f"ห่างกัน {thai_digits(f'{days:,}')} วัน เอกสารจะพิมพ์วันที่ {dated} ตามที่กรอกไว้"
    )


def signing_warning(report, *, submits, step) -> str | None:
    """The warning for whoever signs the document's date now: the analyst submitting a memo or
    proposing an announcement (`submits`), and the chief executive signing an announcement
    (`step`, the step waiting for them: an announcement's date is theirs)."""
    signs_announcement = report.is_plan and step is not None and step.kind == step.Kind.ACKNOWLEDGE
    return date_warning(report) if submits or signs_announcement else None
