"""The ITA indicators a measure answers, as a plan table's ตัวชี้วัด column writes them: codes or
names, Thai or Arabic digits, one or several in a cell ("๙", "9, 10", "ตัวชี้วัดที่ ๙ และ ๑๐",
"การเปิดเผยข้อมูล / การป้องกันการทุจริต"), of the assessment year whose results the plan
answers (assessments.rules.results_year_of). What names no indicator of that year is an error,
never a guess: offices also head a column ตัวชี้วัด for a project's own targets ("ร้อยละ ๘๐"),
and the message says to rename such a column."""

import re

from assessments.result_files import IndicatorNames
from thai.digits import arabic_digits, thai_digits

SEPARATORS = re.compile(r"[,;/\n、]+|\s+และ\s*|\s+หรือ\s+")
PREFIX = re.compile(r"^ตัวชี้วัด(ที่)?\s*")
QUOTE_MAX = 40


def read_indicators(cell: str, indicators: list, year: int) -> tuple[list, list[str]]:
    """(the indicators the cell names, in order, each once; the errors, in Thai). `indicators`:
    the assessment year's; `year` (B.E.) names it in messages."""
    cell = (cell or "").strip()
    if not cell:
        return [], []
    if not indicators:
        return [], [
            f"การประเมิน ITA ปี {thai_digits(year)} ยังไม่มีรายการตัวชี้วัด จึงอ่านคอลัมน์ ตัวชี้วัด "
            "ไม่ได้ (ให้ผู้ดูแลระบบของระบบเพิ่มตัวชี้วัดของปีนั้น หรือลบคอลัมน์นี้ออก)"
        ]
    names = IndicatorNames(indicators)
    found, errors = [], []
    prefix = ""
    for part in (p.strip() for p in SEPARATORS.split(cell)):
        if not part:
            continue
        # "ตัวชี้วัดที่ ๙ และ ๑๐": the second part is a code of the same kind.
        if PREFIX.match(part):
            prefix = "ตัวชี้วัดที่ "
        try:
            named = _find(names, part) or _find(names, prefix + part)
        except ValueError as error:
            errors.append(str(error))
            continue
        for indicator in named or []:
            if indicator not in found:
                found.append(indicator)
        if not named:
            errors.append(_unknown(part, indicators, year))
    return found, errors


def _find(names, text) -> list | None:
    """The indicators the text names: one, or several codes typed with spaces ("9 10")."""
    one = names.find(text)
    if one is not None:
        return [one]
    tokens = arabic_digits(PREFIX.sub("", text)).split()
    if len(tokens) > 1 and all(token.isdigit() for token in tokens):
        several = [names.find(token) for token in tokens]
        if None not in several:
            return several
    return None


def _unknown(part, indicators, year) -> str:
    shown = part if len(part) <= QUOTE_MAX else part[:QUOTE_MAX] + "…"
    codes = ", ".join(thai_digits(indicator.code) for indicator in indicators)
    return (
        f"ไม่พบตัวชี้วัด “{shown}” ในการประเมิน ITA ปี {thai_digits(year)} "
        f"(ใช้รหัสหรือชื่อตัวชี้วัด: {codes}) ถ้าคอลัมน์ ตัวชี้วัด นี้เป็นตัวชี้วัดของมาตรการเอง "
        "ไม่ใช่ของ ITA ให้เปลี่ยนชื่อหัวคอลัมน์ก่อนนำเข้า"
    )
