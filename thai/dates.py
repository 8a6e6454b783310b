"""Dates as Thai documents write them: day, Thai month name, Buddhist-era year.

pythainlp does the formatting and holds the month names; the Buddhist-era offset is here and
nowhere else."""

from datetime import date, datetime

from django.utils import timezone
from pythainlp.util import thai_strftime
from pythainlp.util.date import thai_full_months

BUDDHIST_ERA_OFFSET = 543
THAI_MONTHS = dict(enumerate(thai_full_months, start=1))


def buddhist_year(value: date | int) -> int:
    """date(2023, 4, 3) or 2023 -> 2566."""
    year = value if isinstance(value, int) else value.year
    return year + BUDDHIST_ERA_OFFSET


def gregorian_year(year_be: int) -> int:
    return year_be - BUDDHIST_ERA_OFFSET


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def thai_date(value, *, era_prefix=False, digits=True) -> str:
    """date(2023, 4, 3) -> '๓ เมษายน ๒๕๖๖' (or '๓ เมษายน พ.ศ. ๒๕๖๖' with era_prefix)."""
    if not value:
        return ""
    fmt = "%-d %B พ.ศ. %Y" if era_prefix else "%-d %B %Y"
    return thai_strftime(_local(value), fmt, thaidigit=digits)


def thai_datetime(value, *, digits=True) -> str:
    """An aware datetime -> '๓ เมษายน ๒๕๖๖ เวลา ๑๓:๐๕ น.' in the local time zone."""
    if not value:
        return ""
    return thai_strftime(_local(value), "%-d %B %Y เวลา %H:%M น.", thaidigit=digits)


def thai_short_date(value, *, digits=True) -> str:
    """date(2023, 4, 3) -> '๓ เม.ย. ๖๖'."""
    if not value:
        return ""
    return thai_strftime(_local(value), "%-d %b %y", thaidigit=digits)
