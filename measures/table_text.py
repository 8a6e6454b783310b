"""Reading the measure table as people type it: numbering, steps, divisions, and the spaces that
line wrapping leaves inside Thai text when a table is pasted from a PDF or a scan.

Thai separates phrases, not words, with spaces, and people also type spaces on purpose: between
the items of a list, months, a given name and a surname, before เมื่อ or ครั้งที่. Only damage is
repaired:
- A space that cuts a word into a piece that is no word (ประพฤติมิ ชอบ, อยู่ ใน ระหว่าง ดำเนินการ):
  the dictionary (pythainlp's, with the report's own set phrases) tells.
- In a row that shows such a cut (a table pasted from a narrow-column page, as the seed's last
  page), a cell wrapped like that column: three or more pieces between spaces, none longer than
  a line of such a column (WRAPPED_LINE). Its spaces between Thai letters are wrap points and
  go, except before a word that opens a phrase (และ หรือ เพื่อ เมื่อ ครั้งที่ …), after เช่น ๆ ฯลฯ,
  around month names and around a person's name.
Everything else is kept as it was typed.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from thai.digits import arabic_digits, parse_int, thai_digits

WRAPPED_LINE = 32
PHRASE_OPENERS = (
    "และ",
    "หรือ",
    "เพื่อ",
    "โดย",
    "เช่น",
    "ซึ่ง",
    "รวมถึง",
    "รวมทั้ง",
    "ตลอดจน",
    "พร้อม",
    "ได้แก่",
    "ทั้งนี้",
    "กรณี",
    "เมื่อ",
    "ครั้งที่",
    "เป็นต้น",
    "ยกตัวอย่าง",
)
PHRASE_CLOSERS = ("เช่น", "ๆ", "ฯลฯ", "ได้แก่", "ยกตัวอย่าง")
MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
PERSON_TITLES = ("นาย", "นาง", "นางสาว", "ว่าที่", "ดร")
# Set phrases of results that the dictionary does not hold as one unit, so that a scan's
# spaces inside them ("อยู่ ใน ระหว่าง ดำเนินการ") count as cutting them.
SET_PHRASES = (
    "อยู่ระหว่างดำเนินการ",
    "อยู่ในระหว่างดำเนินการ",
    "อยู่ระหว่างการดำเนินการ",
    "อยู่ในระหว่างการดำเนินการ",
    "ยังไม่ได้ดำเนินการ",
    "ยังไม่ดำเนินการ",
)
DIGIT = "[0-9๐-๙]"
LABEL = rf"{DIGIT}+(?:\.{DIGIT}+)*"
HEADING = re.compile(rf"^\s*\(?\s*({LABEL})\s*(?:\.\s*\)|\)|\.)?(?!{DIGIT})\s*(.*)$", re.S)
LABEL_CELL = re.compile(rf"^\s*\(?\s*({LABEL})\s*(?:\.\s*\)|\)|\.)?\s*$")
STEP_MARKER = re.compile(rf"(?:(?<=\s)|^)(?:\(\s*({DIGIT}+)\s*\)|({DIGIT}+)\s*[.)](?!{DIGIT}))\s*")
# A bullet typed before a line (Word's own bullets are not written out): - – • ● ○ ▪ ■ ➢ ➤ ► ❖ *,
# and Symbol's bullet pasted as a private-use character.
BULLET = re.compile(r"^\s*[-–—•●○◦▪■□➢➤►❖*\uf0b7\uf0d8\uf0a7](?![0-9๐-๙])\s*")
LABEL_LEVELS_MAX = 4
LABEL_PART_MAX = 999
THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")


def is_thai_letter(char: str) -> bool:
    """Thai consonants, vowels and marks; not Thai digits, ๆ or ฯ."""
    return "\u0e01" <= char <= "\u0e4e" and char not in "ๆฯ"


def squash_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# Spaces ----------------------------------------------------------------------------------------


def repair_spaces(text: str, *, damaged: bool = False) -> str:
    """One paragraph (line breaks count as spaces) with the spaces that cut a word joined, and,
    when its row shows line-wrap damage (`damaged`), the wrap points of a narrow column."""
    text = squash_whitespace(text)
    text = re.sub(r"/\s+(?=[\u0e01-\u0e4e])", "/", text)  # "งาน/ การ": a wrap after a slash
    pieces = text.split(" ")
    if len(pieces) < 2:
        return text
    wrapped = damaged and _looks_wrapped(pieces)
    listed = _list_items(pieces) if wrapped else set()
    result = pieces[0]
    for index, piece in enumerate(pieces[1:]):
        if _thai_on_both_sides(pieces[index], piece) and (
            (wrapped and index not in listed and not _deliberate(pieces, index))
            or _cuts_a_word(pieces, index)
        ):
            result += piece
        else:
            result += " " + piece
    return result


def shows_wrap_damage(texts) -> bool:
    """Whether any of the texts (the cells of one row) has a space that cuts a word."""
    for text in texts:
        pieces = squash_whitespace(text).split(" ")
        if any(
            _thai_on_both_sides(pieces[index], pieces[index + 1]) and _cuts_a_word(pieces, index)
            for index in range(len(pieces) - 1)
        ):
            return True
    return False


def thai_spaces(text: str) -> int:
    """How many spaces of the text (line breaks count as spaces) fall between Thai letters:
    each is judged against the dictionary when the text is read, which is what reading a
    text costs."""
    pieces = squash_whitespace(text).split(" ")
    return sum(_thai_on_both_sides(left, right) for left, right in zip(pieces, pieces[1:]))


def _looks_wrapped(pieces) -> bool:
    return len(pieces) >= 3 and max(len(piece) for piece in pieces) <= WRAPPED_LINE


def _thai_on_both_sides(left: str, right: str) -> bool:
    return bool(left and right and is_thai_letter(left[-1]) and is_thai_letter(right[0]))


def _deliberate(pieces, index) -> bool:
    """A space typed on purpose, whatever the column's width: before a word that opens a phrase,
    after one that announces a list, next to a month, around a person's name."""
    left, right = pieces[index], pieces[index + 1]
    if _starts_with(right, PHRASE_OPENERS + MONTHS + PERSON_TITLES):
        return True
    if _ends_with(left, PHRASE_CLOSERS + MONTHS):
        return True
    # A given name and a surname, and the end of the name: "นางสาวพรทิพย์ ศรีสมบูรณ์ นักวิชาการ…".
    return any(_starts_with(pieces[i], PERSON_TITLES) for i in (index, index - 1) if i >= 0)


def _list_items(pieces) -> set[int]:
    """The spaces inside a run of three or more pieces that are each one word: the items of a
    list (สำนัก กอง ศูนย์ ฝ่าย), not the lines of a column."""
    words, _ = _dictionary()
    single = [piece in words for piece in pieces]
    spaces, run = set(), []
    for index, is_word in enumerate([*single, False]):
        if is_word:
            run.append(index)
            continue
        if len(run) >= 3:
            spaces.update(run[:-1])
        run = []
    return spaces


def _starts_with(piece: str, words: tuple) -> bool:
    """The piece opens with one of `words`, as a whole word (เพื่อให้ opens with เพื่อ, เพื่อน not)."""
    head = _head(piece)
    known, tokenize = _dictionary()
    for word in words:
        if head.startswith(word):
            rest = head[len(word) :]
            if not rest or tokenize(rest)[0] in known:
                return True
    return False


def _ends_with(piece: str, words: tuple) -> bool:
    tail = re.split(r"[^\u0e01-\u0e4eๆฯ]", piece)[-1]
    known, tokenize = _dictionary()
    for word in words:
        if tail.endswith(word):
            rest = tail[: -len(word)]
            if not rest or tokenize(rest)[-1] in known:
                return True
    return False


def _cuts_a_word(pieces, index) -> bool:
    """The space after pieces[index] falls inside a dictionary word (or a set phrase) and leaves
    on one side a piece that is no word."""
    right_piece = pieces[index + 1]
    if right_piece[len(_head(right_piece)) : len(_head(right_piece)) + 1] == ".":
        return False  # an abbreviation follows (อบต. พ.ศ.): a name, not a cut word
    left, right = _context(pieces, index)
    words, tokenize = _dictionary()
    position = 0
    for token in tokenize(left + right):
        end = position + len(token)
        if position < len(left) < end and token in words:
            before, after = left[position:], right[: end - len(left)]
            return before not in words or after not in words
        position = end
    return False


def _head(text: str) -> str:
    return re.split(r"[^\u0e01-\u0e4e]", text)[0]


def _context(pieces, index, reach=2) -> tuple[str, str]:
    """The Thai letters each side of the space after pieces[index], across up to `reach`
    neighbouring pieces that are Thai letters only (a set phrase spaced word by word)."""
    left = re.split(r"[^\u0e01-\u0e4e]", pieces[index])[-1]
    if left == pieces[index]:
        for piece in reversed(pieces[max(0, index - reach) : index]):
            if not THAI_RUN.fullmatch(piece):
                break
            left = piece + left
    right = _head(pieces[index + 1])
    if right == pieces[index + 1]:
        for piece in pieces[index + 2 : index + 2 + reach]:
            if not THAI_RUN.fullmatch(piece):
                break
            right += piece
    return left, right


@lru_cache(maxsize=1)
def _dictionary():
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import dict_trie

    words = frozenset(thai_words()) | frozenset(SET_PHRASES)
    trie = dict_trie(words)

    # The same phrases come back in every row of a table (a follow-up direction, a status).
    @lru_cache(maxsize=8192)
    def tokenize(text: str) -> tuple[str, ...]:
        return tuple(word_tokenize(text, custom_dict=trie, keep_whitespace=False))

    return words, tokenize


# Numbers ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A measure's number as written ("1.1", "12": Arabic digits, no brackets) and its title."""

    label: str
    title: str


def parse_label(text: str) -> str:
    """ "๒.๑", "(๓)", "12)", "1.1." -> "2.1", "3", "12", "1.1". ValueError with a Thai reason."""
    match = LABEL_CELL.match(text or "")
    if not match:
        raise ValueError(f"“{text}” ไม่ใช่เลขข้อ (เช่น ๑ หรือ ๑.๑)")
    return _checked_label(match.group(1))


def _checked_label(written: str) -> str:
    parts = arabic_digits(written).split(".")
    if len(parts) > LABEL_LEVELS_MAX:
        raise ValueError(
            f"เลขข้อ “{written}” มีหลายระดับเกินไป "
            f"(รับได้ไม่เกิน {thai_digits(LABEL_LEVELS_MAX)} ระดับ เช่น ๑.๒.๓.๔)"
        )
    if any(parse_int(part) > LABEL_PART_MAX or parse_int(part) < 1 for part in parts):
        raise ValueError(f"เลขข้อ “{written}” ต้องเป็นเลข ๑ ถึง ๙๙๙ ในแต่ละระดับ")
    return ".".join(str(parse_int(part)) for part in parts)


def label_key(label: str) -> tuple[int, ...]:
    """ "3.1.2" -> (3, 1, 2): the order of labels (1.2 before 1.10, 1 before 1.1)."""
    return tuple(int(part) for part in label.split("."))


def parse_heading(cell: str, *, label: str = "", damaged: bool = False) -> Heading:
    """ "๑.) การเผยแพร่…", "๑๒) …", "1. …", "(๓) …", "1.1 …", "๒.๑ …" -> Heading. With `label`
    (read from a ที่ column), the cell is the title, and a number leading it that is the same
    label is dropped. ValueError with a Thai reason without a number, or with one that cannot be
    a measure's."""
    match = HEADING.match(cell or "")
    if label:
        title = cell or ""
        if match and match.group(2).strip() and _numbering(match):
            written = _checked_label(match.group(1))
            if written != label:
                raise ValueError(
                    f"เลขข้อในคอลัมน์ ที่ ({thai_digits(label)}) ไม่ตรงกับเลขข้อหน้าชื่อมาตรการ "
                    f"({thai_digits(written)}) กรุณาลบเลขข้อออกจากที่ใดที่หนึ่ง"
                )
            title = match.group(2)
        elif match and match.group(2).strip() and _checked_label(match.group(1)) == label:
            title = match.group(2)
        if not title.strip():
            raise ValueError("ไม่พบชื่อมาตรการ")
        return Heading(label, repair_spaces(title, damaged=damaged))
    if not match or not match.group(2).strip():
        raise ValueError(
            "ไม่พบเลขข้อและชื่อมาตรการ (เช่น “๑) การเผยแพร่ข้อมูล…” หรือ “๑.๑ การเผยแพร่…” "
            "หรือใส่เลขข้อในคอลัมน์ ที่)"
        )
    return Heading(_checked_label(match.group(1)), repair_spaces(match.group(2), damaged=damaged))


def _numbering(match) -> bool:
    """Whether the number opening a title is written as a measure's number: in brackets,
    closed by ")" or ".", or of several levels (1.1); not a word that opens with a digit
    ("5ส ในสำนักงาน")."""
    between = match.string[match.end(1) : match.start(2)]
    opened = match.string[: match.start(1)]
    return "(" in opened or any(mark in between for mark in ".)") or "." in match.group(1)


# Steps and divisions ---------------------------------------------------------------------------


def split_steps(cell: str, *, damaged: bool = False) -> list[str]:
    """Steps numbered inline ("๑. … ๒. …", "(๑) … (๒) …", "1) …") or one per line; a cell with
    no numbering is one step. Only markers counting on by one split the cell, from 1 or from
    the number the cell opens with (a Word list that runs on from the cell above: ๓. ๔. ๕.),
    so a number inside a step ("ปีละ ๒ ครั้ง") stays where it is. Lines that each open with
    such a marker, or with a typed bullet (- •), are the steps, whatever their text holds."""
    text = (cell or "").strip()
    if not text:
        return []
    steps = _listed_lines([line for line in text.split("\n") if line.strip()])
    if steps is None:
        steps = _split_at_markers(text)
    return [repair_spaces(step, damaged=damaged) for step in steps if step.strip()]


def _listed_lines(lines: list[str]) -> list[str] | None:
    """The lines' texts without their markers, when every line opens with a step number
    counting on by one (two lines at least) or with a bullet; None otherwise."""
    if all(BULLET.match(line) for line in lines):
        return [BULLET.sub("", line, count=1) for line in lines]
    markers = [STEP_MARKER.match(line.strip()) for line in lines]
    if len(lines) < 2 or not all(markers):
        return None
    numbers = [parse_int(marker.group(1) or marker.group(2)) for marker in markers]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None
    return [line.strip()[marker.end() :] for line, marker in zip(lines, markers, strict=True)]


def _split_at_markers(text: str) -> list[str]:
    opening = STEP_MARKER.match(text)
    expected = parse_int(opening.group(1) or opening.group(2)) if opening else 1
    starts = []
    for match in STEP_MARKER.finditer(text):
        number = parse_int(match.group(1) or match.group(2))
        if number == expected:
            starts.append((match.start(), match.end()))
            expected += 1
    if not (starts and starts[0][0] == 0 or len(starts) > 1):
        return text.split("\n")
    bounds = [*starts, (len(text), len(text))]
    steps = [text[end : bounds[i + 1][0]] for i, (_, end) in enumerate(bounds[:-1])]
    if starts[0][0] > 0:
        steps.insert(0, text[: starts[0][0]])
    return steps


def split_divisions(cell: str) -> list[str]:
    """Division names separated by "/", "," or line breaks."""
    return [part.strip() for part in re.split(r"[/,\n]", cell or "") if part.strip()]
