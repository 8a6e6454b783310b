"""The demo a year on: its 6-month report went the whole chain (so its first half is locked and
the 12-month period is being recorded) and the analyst has started next year's plan (2567, a
copy of 2566), as on 1 October."""

from django.contrib.auth import get_user_model

from measures.services.plan import plan_copy
from tests.cast import advance


def demo_person(username):
    return get_user_model().objects.get(username=username)


def finish_the_six_month_report(report):
    advance(report, comment="เห็นควรเสนอ")


def a_year_on(report):
    """Returns next year's plan."""
    finish_the_six_month_report(report)
    return plan_copy(source=report.fiscal_year, year=report.fiscal_year.year + 1,
                     by=demo_person("analyst"))  # fmt: skip
