"""The Thai government fiscal year and its reporting periods.

ปีงบประมาณ พ.ศ. N runs from 1 October of N-1 to 30 September of N. Reports are made for
รอบ ๖ เดือน (October to March) and รอบ ๑๒ เดือน (the whole year). Pages name a period as people
do, with its months ("รอบ ๖ เดือน (ต.ค. – มี.ค.)"); a document's title names it with its dates
(`period_title`).
"""

from datetime import date

from django.db import models

from .dates import buddhist_year, gregorian_year, thai_date


class Period(models.IntegerChoices):
    FIRST_HALF = 1, "รอบ ๖ เดือน (ต.ค. – มี.ค.)"
    FULL_YEAR = 2, "รอบ ๑๒ เดือน (ต.ค. – ก.ย.)"

    @property
    def short_label(self) -> str:
        """The name without its months: "รอบ ๖ เดือน"."""
        return self.label.split(" (")[0]


def fiscal_year_start(year_be: int) -> date:
    return date(gregorian_year(year_be) - 1, 10, 1)


def fiscal_year_end(year_be: int) -> date:
    return date(gregorian_year(year_be), 9, 30)


def period_start(year_be: int, period: int) -> date:
    return fiscal_year_start(year_be)


def period_end(year_be: int, period: int) -> date:
    if Period(period) == Period.FIRST_HALF:
        return date(gregorian_year(year_be), 3, 31)
    return fiscal_year_end(year_be)


def fiscal_year_of(day: date) -> int:
    """The Buddhist-era fiscal year that contains `day`."""
    return buddhist_year(day) + (1 if day.month >= 10 else 0)


def period_title(year_be: int, period: int) -> str:
    """How a document's title names the period: 'รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖)'."""
    start, end = period_start(year_be, period), period_end(year_be, period)
    return f"{Period(period).short_label} ({thai_date(start)} – {thai_date(end)})"
