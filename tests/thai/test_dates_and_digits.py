from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

from thai.digits import parse_int


def render(template, **context):
    return Template(template).render(Context(context))


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2023, 4, 3), "๓ เมษายน ๒๕๖๖"),
        (date(2022, 9, 30), "๓๐ กันยายน ๒๕๖๕"),
        (date(2022, 10, 1), "๑ ตุลาคม ๒๕๖๕"),
        (date(2022, 12, 31), "๓๑ ธันวาคม ๒๕๖๕"),
        (date(2023, 1, 1), "๑ มกราคม ๒๕๖๖"),
        (date(2024, 2, 29), "๒๙ กุมภาพันธ์ ๒๕๖๗"),
        (date(2000, 2, 29), "๒๙ กุมภาพันธ์ ๒๕๔๓"),
    ],
)
def test_thai_date_uses_buddhist_era_and_thai_month_names(day, expected):
    assert render("{{ day|thai_date }}", day=day) == expected


def test_thai_date_can_write_the_era_and_arabic_digits():
    day = date(2023, 4, 3)
    assert render('{{ day|thai_date:"พ.ศ." }}', day=day) == "๓ เมษายน พ.ศ. ๒๕๖๖"
    assert render('{{ day|thai_date:"arabic" }}', day=day) == "3 เมษายน 2566"


def test_thai_datetime_is_shown_in_bangkok_time():
    # 30 Sep 2023 20:30 UTC is already 1 Oct 2023 in Bangkok: a new fiscal year there.
    moment = datetime(2023, 9, 30, 20, 30, tzinfo=UTC)
    assert render("{{ moment|thai_datetime }}", moment=moment) == "๑ ตุลาคม ๒๕๖๖ เวลา ๐๓:๓๐ น."


def test_thai_short_date():
    assert render("{{ day|thai_short_date }}", day=date(2024, 2, 29)) == "๒๙ ก.พ. ๖๗"


def test_thai_digits_converts_numbers_inside_text():
    assert render("{{ value|thai_digits }}", value="โทร 073-709886") == "โทร ๐๗๓-๗๐๙๘๘๖"
    assert render("{{ value|thai_digits }}", value=2566) == "๒๕๖๖"
    assert render("{{ value|thai_digits }}", value=None) == ""


def test_empty_dates_render_as_nothing():
    assert render("{{ day|thai_date }}|{{ day|thai_datetime }}", day=None) == "|"


@pytest.mark.parametrize("text, number", [("๒๕๖๖", 2566), ("2566", 2566), (" ๑๗ ", 17)])
def test_numbers_are_read_in_either_digits(text, number):
    assert parse_int(text) == number


def test_a_non_number_is_refused():
    with pytest.raises(ValueError):
        parse_int("สองพัน")


@pytest.mark.parametrize("text", ["", "abc", "1_000", "+-1", "١٢", "9" * 19, "12\x00"])
def test_what_is_not_a_plain_number_or_too_big_for_a_database_is_refused(text):
    with pytest.raises(ValueError):
        parse_int(text)


def test_month_names_and_the_era_come_from_one_place():
    from thai.dates import THAI_MONTHS, buddhist_year

    assert THAI_MONTHS[4] == "เมษายน"
    assert buddhist_year(date(2023, 4, 3)) == 2566
