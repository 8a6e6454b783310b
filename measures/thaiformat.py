"""Thai presentation of numbers and dates, built on pythainlp.

Every date a user reads is in the Buddhist era with Thai month names; documents use Thai digits.
"""

from datetime import date, datetime

from django.utils import timezone
from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit, thai_strftime


def thai_digits(value) -> str:
    """'2566' -> '๒๕๖๖'; anything else in the text is left as it is."""
    if value is None:
        return ""
    text = str(value)
    return arabic_digit_to_thai_digit(text) if text else text


def arabic_digits(value) -> str:
    """'๒๕๖๖' -> '2566', for reading what people type."""
    text = str(value)
    return thai_digit_to_arabic_digit(text) if text else text


def parse_int(value) -> int:
    """An integer written in Thai or Arabic digits; ValueError otherwise."""
    return int(arabic_digits(str(value).strip()))


def _local_date(value):
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value
    return value


def thai_date(value, *, era_prefix=False, digits=True) -> str:
    """date(2023, 4, 3) -> '๓ เมษายน ๒๕๖๖' (or '๓ เมษายน พ.ศ. ๒๕๖๖' with era_prefix)."""
    if not value:
        return ""
    value = _local_date(value)
    fmt = "%-d %B พ.ศ. %Y" if era_prefix else "%-d %B %Y"
    return thai_strftime(value, fmt, thaidigit=digits)


def thai_datetime(value, *, digits=True) -> str:
    """An aware datetime -> '๓ เมษายน ๒๕๖๖ เวลา ๑๓:๐๕ น.' in the local time zone."""
    if not value:
        return ""
    value = _local_date(value)
    return thai_strftime(value, "%-d %B %Y เวลา %H:%M น.", thaidigit=digits)


def thai_short_date(value, *, digits=True) -> str:
    """date(2023, 4, 3) -> '๓ เม.ย. ๖๖'."""
    if not value:
        return ""
    return thai_strftime(_local_date(value), "%-d %b %y", thaidigit=digits)


def buddhist_year(value: date) -> int:
    return value.year + 543


def megabytes(size: int) -> str:
    """10485760 -> '10', 1572864 -> '1.5'."""
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")
