from datetime import date

import pytest

from measures.models import FiscalYear
from organisations.models import Organisation
from thai import fiscal
from thai.fiscal import Period


def test_it_derives_fiscal_year_2566_dates():
    assert fiscal.fiscal_year_start(2566) == date(2022, 10, 1)
    assert fiscal.fiscal_year_end(2566) == date(2023, 9, 30)


def test_it_derives_the_two_reporting_periods():
    assert fiscal.period_start(2566, Period.FIRST_HALF) == date(2022, 10, 1)
    assert fiscal.period_end(2566, Period.FIRST_HALF) == date(2023, 3, 31)
    assert fiscal.period_start(2566, Period.FULL_YEAR) == date(2022, 10, 1)
    assert fiscal.period_end(2566, Period.FULL_YEAR) == date(2023, 9, 30)


@pytest.mark.parametrize(
    "day, year",
    [
        (date(2022, 9, 30), 2565),
        (date(2022, 10, 1), 2566),
        (date(2023, 4, 3), 2566),
        (date(2023, 9, 30), 2566),
        (date(2023, 10, 1), 2567),
        (date(2024, 2, 29), 2567),
    ],
)
def test_it_finds_the_fiscal_year_of_a_day(day, year):
    assert fiscal.fiscal_year_of(day) == year


def test_periods_are_named_as_people_name_them():
    assert Period.FIRST_HALF.label == "รอบ ๖ เดือน (ต.ค. – มี.ค.)"
    assert Period.FULL_YEAR.label == "รอบ ๑๒ เดือน (ต.ค. – ก.ย.)"
    assert dict(Period.choices) == {
        1: "รอบ ๖ เดือน (ต.ค. – มี.ค.)",
        2: "รอบ ๑๒ เดือน (ต.ค. – ก.ย.)",
    }


def test_a_document_names_the_period_with_its_dates():
    # The months are already in the dates, so they are not named twice.
    assert fiscal.period_title(2566, Period.FIRST_HALF) == (
        "รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖)"
    )
    assert fiscal.period_title(2566, Period.FULL_YEAR) == (
        "รอบ ๑๒ เดือน (๑ ตุลาคม ๒๕๖๕ – ๓๐ กันยายน ๒๕๖๖)"
    )


@pytest.mark.django_db
def test_a_fiscal_year_record_names_itself_in_the_buddhist_era():
    organisation = Organisation.objects.create(name="ก", short_name="ก")
    fiscal_year = FiscalYear.objects.create(organisation=organisation, year=2567)
    assert str(fiscal_year) == "ปีงบประมาณ พ.ศ. ๒๕๖๗ ก"
