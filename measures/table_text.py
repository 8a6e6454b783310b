"""Reading the measure table as people type it: numbering, steps, divisions, and the spaces that
line wrapping leaves inside Thai text when a table is pasted from Word or a scan.

Thai separates phrases, not words, with spaces, so a space inside a phrase is damage. Two kinds
are repaired, and everything else is kept as it was:
- A cell wrapped in a narrow column: three or more pieces between spaces, none longer than a
  line of such a column (WRAPPED_LINE). Its spaces between Thai letters are wrap points and go,
  except before a word that opens a phrase (และ หรือ เพื่อ …) and after เช่น ๆ ฯลฯ.
- A single space that cuts a word into a piece that is no word (ประพฤติมิ ชอบ): pythainlp's
  dictionary tells.
"""

import re
from functools import lru_cache

from thai.digits import parse_int

WRAPPED_LINE = 32
PHRASE_OPENERS = (
    "และ", "หรือ", "เพื่อ", "โดย", "เช่น", "ซึ่ง", "รวมถึง", "รวมทั้ง", "ตลอดจน", "พร้อม",
    "ได้แก่", "ทั้งนี้", "กรณี",
)  # fmt: skip
PHRASE_CLOSERS = ("เช่น", "ๆ", "ฯลฯ", "ได้แก่")
DIGIT = "[0-9๐-๙]"
HEADING = re.compile(rf"^\s*\(?\s*({DIGIT}+)\s*(?:\.\s*\)|\)|\.)?\s*(.*)$", re.S)
STEP_MARKER = re.compile(rf"(?:(?<=\s)|^)(?:\(\s*({DIGIT}+)\s*\)|({DIGIT}+)\s*[.)](?!{DIGIT}))\s*")


def is_thai_letter(char: str) -> bool:
    """Thai consonants, vowels and marks; not Thai digits, ๆ or ฯ."""
    return "\u0e01" <= char <= "\u0e4e" and char not in "ๆฯ"


def squash_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def repair_spaces(text: str) -> str:
    """One paragraph (line breaks count as spaces) with wrap damage repaired."""
    text = squash_whitespace(text)
    text = re.sub(r"/\s+(?=[\u0e01-\u0e4e])", "/", text)  # "งาน/ การ": a wrap after a slash
    pieces = text.split(" ")
    if len(pieces) < 2:
        return text
    wrapped = len(pieces) >= 3 and max(len(piece) for piece in pieces) <= WRAPPED_LINE
    result = pieces[0]
    for piece in pieces[1:]:
        if _joins(result, piece, wrapped):
            result += piece
        else:
            result += " " + piece
    return result


def _joins(left: str, right: str, wrapped: bool) -> bool:
    if not (left and right and is_thai_letter(left[-1]) and is_thai_letter(right[0])):
        return False
    if wrapped:
        return not right.startswith(PHRASE_OPENERS) and not left.endswith(PHRASE_CLOSERS)
    return _cuts_a_word(left, right)


def _cuts_a_word(left: str, right: str) -> bool:
    """The space falls inside a dictionary word, and leaves a piece that is no word."""
    tail = re.split(r"[^\u0e01-\u0e4e]", left)[-1]
    head = re.split(r"[^\u0e01-\u0e4e]", right)[0]
    if right[len(head) : len(head) + 1] == ".":
        return False  # an abbreviation follows (อบต. พ.ศ.): a name, not a cut word
    words, tokenize = _dictionary()
    position = 0
    for token in tokenize(tail + head):
        end = position + len(token)
        if position < len(tail) < end and token in words:
            before, after = tail[position:], head[: end - len(tail)]
            return before not in words or after not in words
        position = end
    return False


@lru_cache(maxsize=1)
def _dictionary():
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    return thai_words(), lambda text: word_tokenize(text, keep_whitespace=False)


def parse_heading(cell: str) -> tuple[int, str]:
    """ "๑.) การเผยแพร่…", "๑๒) …", "1. …", "(๓) …" -> (number, title). ValueError without one."""
    match = HEADING.match(cell or "")
    if not match or not match.group(2).strip():
        raise ValueError("ไม่พบเลขข้อและชื่อมาตรการ (เช่น “๑) การเผยแพร่ข้อมูล…”)")
    return parse_int(match.group(1)), repair_spaces(match.group(2))


def split_steps(cell: str) -> list[str]:
    """Steps numbered inline ("๑. … ๒. …", "(๑) … (๒) …", "1) …") or one per line; a cell with
    no numbering is one step. Only markers counting 1, 2, 3 … in order split the cell, so a
    number inside a step ("ปีละ ๒ ครั้ง") stays where it is."""
    text = (cell or "").strip()
    if not text:
        return []
    starts, expected = [], 1
    for match in STEP_MARKER.finditer(text):
        number = parse_int(match.group(1) or match.group(2))
        if number == expected:
            starts.append((match.start(), match.end()))
            expected += 1
    if starts and starts[0][0] == 0 or len(starts) > 1:
        bounds = [*starts, (len(text), len(text))]
        steps = [text[end : bounds[i + 1][0]] for i, (_, end) in enumerate(bounds[:-1])]
        if starts[0][0] > 0:
            steps.insert(0, text[: starts[0][0]])
    else:
        steps = text.split("\n") if "\n" in text else [text]
    return [repair_spaces(step) for step in steps if step.strip()]


def split_divisions(cell: str) -> list[str]:
    """Division names separated by "/", "," or line breaks."""
    return [part.strip() for part in re.split(r"[/,\n]", cell or "") if part.strip()]
