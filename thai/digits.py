"""Thai digits (๐–๙) in what people read, either kind of digit in what they type."""

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit


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
