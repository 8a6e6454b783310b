"""A score and a level as people write them: Thai or Arabic digits, the level as the year
names it. Shared by the results page, the table import and the writer."""

from decimal import Decimal, InvalidOperation

from thai.digits import arabic_digits, thai_digits

from .models import LEVEL_MAX, SCORE_MAX

SCORE_HELP = "คะแนนต้องเป็นตัวเลข ๐ ถึง ๑๐๐ ทศนิยมไม่เกิน ๒ ตำแหน่ง เช่น ๘๕.๕๐"


def parse_score(text) -> Decimal:
    """'๙๘.๐๔' or '98.04' -> Decimal('98.04'); ValueError with a Thai message otherwise."""
    value = arabic_digits(str(text)).strip()
    if not value or len(value) > 12 or not all(c.isdigit() or c == "." for c in value):
        raise ValueError(f"“{str(text)[:30]}” ไม่ใช่คะแนน: {SCORE_HELP}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"“{str(text)[:30]}” ไม่ใช่คะแนน: {SCORE_HELP}") from None
    return check_score(number)


def check_score(number: Decimal) -> Decimal:
    if not number.is_finite() or number < 0 or number > SCORE_MAX:
        raise ValueError(f"คะแนน {thai_digits(number)} อยู่นอกช่วง: {SCORE_HELP}")
    if number.as_tuple().exponent < -2 and number != round(number, 2):
        raise ValueError(f"คะแนน {thai_digits(number)} มีทศนิยมเกิน ๒ ตำแหน่ง")
    return round(number, 2)


def check_level(text: str, labels: list[str]) -> str:
    """The level as the year names it (any letter case), or when the year names none, the text
    as given (at most LEVEL_MAX characters); ValueError with a Thai message otherwise."""
    level = " ".join(str(text).split())
    if not level:
        return ""
    if labels:
        for label in labels:
            if label.casefold() == level.casefold():
                return label
        raise ValueError(f"ไม่มีระดับ “{level[:30]}” ในปีการประเมินนี้ (มี {', '.join(labels)})")
    if len(level) > LEVEL_MAX:
        raise ValueError(f"ระดับผลการประเมินยาวเกินไป รับได้ไม่เกิน {thai_digits(LEVEL_MAX)} ตัวอักษร")
    return level
