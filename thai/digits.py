"""Thai digits (๐–๙) in what people read, either kind of digit in what they type.

Web addresses, e-mail addresses, file names and Latin codes (O43, ita-o43, A4, COVID-19) keep
their Arabic digits in a Thai-digit text: they are names that a browser, a mail server or a
person typing them back must find, and ๒๐๒๔ in an address is a broken link."""

import re

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit

# An address up to the next space, or a run of Latin letters, digits and the punctuation of
# names (report-2566.pdf, saraban@kiar.go.th, ita-o43); a run is Latin only with a letter in it.
_ADDRESS = r"(?:https?://|ftp://|www\.)[^\s<>\"“”]+"
_LATIN_RUN = re.compile(rf"{_ADDRESS}|[A-Za-z0-9][A-Za-z0-9_.@/+\-]*")
_LATIN_RUN_ANY_DIGITS = re.compile(rf"{_ADDRESS}|[A-Za-z0-9๐-๙][A-Za-z0-9๐-๙_.@/+\-]*")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _is_latin_name(run: str) -> bool:
    return bool(_LATIN_LETTER.search(run))


def thai_digits(value) -> str:
    """'2566' -> '๒๕๖๖'; 'ดูที่ https://x.go.th/?id=12 หน้า 3' -> 'ดูที่ https://x.go.th/?id=12
    หน้า ๓'. Digits of addresses, e-mail addresses, file names and Latin codes stay Arabic;
    anything else in the text is left as it is."""
    if value is None:
        return ""
    text = str(value)
    if not _LATIN_LETTER.search(text):
        return arabic_digit_to_thai_digit(text) if text else text
    return _LATIN_RUN.sub(
        lambda run: run[0] if _is_latin_name(run[0]) else arabic_digit_to_thai_digit(run[0]),
        text,
    )


def restore_latin_digits(text: str) -> str:
    """Thai digits that an older export wrote into addresses, e-mail addresses, file names and
    Latin codes, back to the Arabic digits they stand for ('ita-o๔๓' -> 'ita-o43'); Thai text
    and Thai numbers (a document number นธ ๗๔๙๐๑.๑) are left as they are."""
    if not text or not _LATIN_LETTER.search(text):
        return text
    return _LATIN_RUN_ANY_DIGITS.sub(
        lambda run: thai_digit_to_arabic_digit(run[0]) if _is_latin_name(run[0]) else run[0],
        text,
    )


def arabic_digits(value) -> str:
    """'๒๕๖๖' -> '2566', for reading what people type."""
    text = str(value)
    return thai_digit_to_arabic_digit(text) if text else text


def parse_int(value) -> int:
    """An integer written in Thai or Arabic digits; ValueError otherwise."""
    text = arabic_digits(str(value).strip())
    magnitude = text.removeprefix("-")
    # Only ASCII digits once Thai ones are read, and no more than a database integer holds.
    if not (magnitude.isascii() and magnitude.isdigit() and len(magnitude) <= 18):
        raise ValueError(f"not a number: {value!r}")
    return int(text)


def megabytes(size: int) -> str:
    """10485760 -> '10', 1572864 -> '1.5'."""
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")


def thai_count(number: int) -> str:
    """1234 -> '๑,๒๓๔'."""
    return thai_digits(f"{number:,}")
