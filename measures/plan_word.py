"""The measure table from the Word document (.docx) the office already has, read with
python-docx.

Every table of the document's body is read, wherever it is (after the memo, after a heading),
row by row on the table's grid: a cell merged across columns is read once, in its first column
(a title row merged across the whole table is one cell); a cell merged down repeats its text in
the rows below and says so (a division merged over several measures; a measure whose steps are
rows of their own). A cell's paragraphs are its lines; Word's own list numbering (1. 2. 3., ๑)
๒) …) is written out as the numbers it shows; tracked changes read as accepted; a table inside a
cell adds its text as lines of the cell, and so does a text box (once: Word keeps a copy of it for
older versions, which is not read). measures.table_layout then finds the header rows.

A .docx is a zip of XML parts that python-docx parses whole, so what a file may make the portal
do is bounded before it is opened: its size on disk (PLAN_IMPORT_MAX_BYTES), the parts in it,
their size once inflated, the XML that is parsed; then the tables, the rows and the grid columns
of a row."""

import io
import logging
import re
import zipfile

from thai.digits import thai_digits

from .table_layout import Table

DOCX_MAX_MEMBERS = 500
DOCX_MAX_UNCOMPRESSED = 30 * 1024 * 1024
# python-docx parses each XML part into a tree, whose size goes with the number of elements: the
# XML's tags are counted first, as it streams, before anything is parsed. The seed's table typed in
# Word has 1,000 elements, 300 measures 10,000 (with python-docx's styles, 29,000); Word's own
# formatting of every run adds some tens a run.
DOCX_MAX_XML = 12 * 1024 * 1024
DOCX_MAX_TAGS = 600_000
TABLE_ROW = re.compile(rb"<w:tr[\s>/]")
TABLES_MAX = 200
GRID_COLUMNS_MAX = 30
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{" + NS["w"] + "}"
NOT_READ = {W + "del", W + "moveFrom"}
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
LIST_LEVELS = range(9)  # Word numbers a list at levels 0 to 8
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


class WordFileError(Exception):
    """The document as a whole cannot be read; the message says why, in Thai."""


logger = logging.getLogger(__name__)
DAMAGED = "เปิดไฟล์ Word นี้ไม่ได้ ไฟล์อาจเสียหาย"
TOO_MUCH = (
    "ไฟล์ Word นี้มีข้อมูลภายในมากเกินกว่าตารางมาตรการจะมีได้ "
    "กรุณาคัดลอกเฉพาะตารางมาตรการไปยังเอกสารใหม่แล้วนำเข้าอีกครั้ง"
)


class TooManyRows(WordFileError):
    """More table rows than a plan's table can have."""


def word_tables(content: bytes, bounded_rows, *, rows_max: int) -> list[Table]:
    """The body's tables, as read. `bounded_rows` wraps the rows read (all tables together) and
    raises once there are more than a plan can hold; a document of more than `rows_max` table
    rows is refused before it is parsed. WordFileError for what is no .docx or holds too much."""
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise WordFileError(
            "ไฟล์นี้เป็นเอกสาร Word รุ่นเก่า (.doc) กรุณาเปิดใน Word แล้วบันทึกเป็น .docx ก่อนนำเข้า"
        )
    if not content.startswith(b"PK\x03\x04"):
        raise WordFileError("ไฟล์นี้ไม่ใช่ไฟล์ Word (.docx) แม้จะตั้งชื่อเช่นนั้น")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        _check_package(zipfile.ZipFile(io.BytesIO(content)), rows_max)
        document = docx.Document(io.BytesIO(content))
        body = document.element.body
        tables = _xpath(body, "./w:tbl | ./w:sdt/w:sdtContent/w:tbl")
        if len(tables) > TABLES_MAX:
            raise WordFileError(TOO_MUCH)
        numbering = _Numbering(document)
        rows = bounded_rows(_all_rows(tables, numbering))
        return _tables(rows, len(tables))
    except WordFileError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, LxmlError) as error:
        raise WordFileError(DAMAGED) from error
    except Exception as error:  # noqa: BLE001 - python-docx on a damaged part raises any kind
        logger.warning("unreadable .docx: %r", error)
        raise WordFileError(DAMAGED) from error


def _check_package(package: zipfile.ZipFile, rows_max: int) -> None:
    """The parts' count and inflated size (as the zip declares them: zipfile reads no more), and
    the XML's tags and table rows, counted as it streams by without keeping or parsing it."""
    members = package.infolist()
    xml = [m for m in members if m.filename.endswith((".xml", ".rels"))]
    if (
        len(members) > DOCX_MAX_MEMBERS
        or sum(m.file_size for m in members) > DOCX_MAX_UNCOMPRESSED
        or sum(m.file_size for m in xml) > DOCX_MAX_XML
    ):
        raise WordFileError(TOO_MUCH)
    tags = rows = 0
    for member in xml:
        tail = b""
        with package.open(member) as stream:
            while chunk := stream.read(1024 * 1024):
                tags += chunk.count(b"<")
                rows += len(TABLE_ROW.findall(tail + chunk))
                tail = chunk[-5:]  # shorter than a row's tag: a tag is never counted twice
                if tags > DOCX_MAX_TAGS:
                    raise WordFileError(TOO_MUCH)
                if rows > rows_max:
                    raise TooManyRows()


class _RowRead(list):
    """A row's cell texts, with where it comes from and how its cells are merged."""

    table = 0
    merged = False
    continued: set


def _all_rows(tables, numbering):
    for number, tbl in enumerate(tables, start=1):
        above: dict[int, str] = {}
        for tr in _xpath(tbl, "./w:tr | ./w:sdt/w:sdtContent/w:tr"):
            yield _row(tr, number, above, numbering)


def _row(tr, table_number, above, numbering) -> _RowRead:
    row = _RowRead()
    row.table, row.continued = table_number, set()
    before = _xpath(tr, "./w:trPr/w:gridBefore/@w:val")
    row.extend([""] * min(int(before[0]) if before else 0, GRID_COLUMNS_MAX))
    cells = _xpath(tr, "./w:tc | ./w:sdt/w:sdtContent/w:tc")
    for tc in cells:
        column = len(row)
        span = max(1, tc.grid_span)
        if column + span > GRID_COLUMNS_MAX:
            raise WordFileError(
                f"ตารางที่ {thai_digits(table_number)} มีคอลัมน์มากเกินกว่าตารางมาตรการจะมีได้ "
                f"(เกิน {thai_digits(GRID_COLUMNS_MAX)} คอลัมน์)"
            )
        if tc.vMerge == "continue":
            text = above.get(column, "")
            row.continued.add(column)
        else:
            text = _cell_text(tc, numbering)
        above[column] = text
        row.extend([text] + [""] * (span - 1))
    row.merged = len(cells) == 1 and cells[0].grid_span > 1
    return row


def _tables(rows, count) -> list[Table]:
    tables = [
        Table(rows=[], numbers=[], name=f"ตารางที่ {thai_digits(n)}") for n in range(1, count + 1)
    ]
    for row in rows:
        table = tables[row.table - 1]
        index = len(table.rows)
        table.rows.append(list(row))
        table.numbers.append(index + 1)
        if row.merged:
            table.merged_rows.add(index)
        if row.continued:
            table.continued[index] = row.continued
    return tables


def _cell_text(tc, numbering) -> str:
    lines = []
    for paragraph in tc.iter(W + "p"):
        if any(True for _ in paragraph.iterancestors(FALLBACK)):
            continue  # the copy of a text box kept for older Word: read once, in its drawing
        text = _paragraph_text(paragraph)
        number = numbering.next(paragraph)
        lines.append(f"{number} {text}" if number and text.strip() else text)
    return "\n".join(lines).strip()


def _paragraph_text(paragraph) -> str:
    parts = []
    for run in paragraph.iter(W + "r"):
        if _owner(run) is paragraph:
            font = _symbol_font(run.find(f"{W}rPr/{W}rFonts"))
            parts.append("".join(_shown(font, char) for char in run.text) if font else run.text)
            parts.extend(
                _shown(sym.get(W + "font", "").lower(), _sym_char(sym))
                for sym in run.iterchildren(W + "sym")
            )
    return "".join(parts)


# Marks as a symbol font shows the letters typed in it (a tick in Wingdings is "ü", in
# Wingdings 2 "P"): read as the mark the person saw, so that a cell holding only a tick is known
# for one (measures/status_wording.is_only_a_mark); any other letter of such a font is a "•".
SYMBOL_MARKS = {
    "wingdings": {"ü": "✓", "û": "✗", "þ": "☑", "ý": "☒", "¨": "☐", "o": "☐", "x": "☒"},
    "wingdings 2": {"P": "✓", "O": "✗", "Q": "✗", "R": "☑", "S": "☒", "T": "☒", "£": "☐"},
    "symbol": {"Ö": "√", "´": "×"},
}
SYMBOL_FONTS = {*SYMBOL_MARKS, "wingdings 3", "webdings"}


def _symbol_font(fonts) -> str:
    if fonts is None:
        return ""
    names = (fonts.get(W + key, "").lower() for key in ("ascii", "hAnsi", "cs"))
    return next((name for name in names if name in SYMBOL_FONTS), "")


def _sym_char(sym) -> str:
    """The letter of a w:sym: its code, F0xx in a symbol font's private range, as 0xxx."""
    try:
        return chr(int(sym.get(W + "char", ""), 16) & 0xFF)
    except ValueError:
        return ""


def _shown(font: str, char: str) -> str:
    """The mark a letter typed in a symbol font shows. Only the letters a symbol font draws
    (Latin-1, or its own private range F000-F0FF) are marks: Thai typed in such a run is shown
    by the run's Thai font, and stays."""
    if 0xF000 <= ord(char) <= 0xF0FF:
        char = chr(ord(char) & 0xFF)
    if char.isspace() or ord(char) > 0xFF:
        return char
    return SYMBOL_MARKS.get(font, {}).get(char, "•")


def _owner(run):
    """The paragraph a run belongs to; None for deleted text (tracked changes)."""
    node = run.getparent()
    while node is not None and node.tag != W + "p":
        if node.tag in NOT_READ:
            return None
        node = node.getparent()
    return node


class _Numbering:
    """Word's automatic list numbers, counted as Word shows them: per list and level (set on the
    paragraph or by its style), deeper levels starting again under a new item, in decimal or
    Thai digits."""

    def __init__(self, document):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}
        self.counters: dict[str, list[int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return
        abstract = {
            a.get(W + "abstractNumId"): a for a in numbering.iterchildren(W + "abstractNum")
        }
        for num in numbering.iterchildren(W + "num"):
            ids = _xpath(num, "./w:abstractNumId/@w:val")
            definition = abstract.get(ids[0]) if ids else None
            for lvl in definition.iterchildren(W + "lvl") if definition is not None else []:
                level = int(lvl.get(W + "ilvl", "0"))
                if level not in LIST_LEVELS:
                    continue
                self.levels[(num.get(W + "numId"), level)] = (
                    int(_value(lvl, "start", "1")),
                    _value(lvl, "numFmt", "decimal"),
                    _value(lvl, "lvlText", ""),
                )
        for style in _xpath(document.styles.element, "./w:style[w:pPr/w:numPr/w:numId]"):
            level = _xpath(style, "./w:pPr/w:numPr/w:ilvl/@w:val")
            level = int(level[0]) if level else 0
            if level in LIST_LEVELS:
                self.styles[style.get(W + "styleId")] = (
                    _xpath(style, "./w:pPr/w:numPr/w:numId/@w:val")[0],
                    level,
                )

    def next(self, paragraph) -> str:
        """The number Word shows before the paragraph, if it is an item of a numbered list."""
        numbered = self._list(paragraph)
        if numbered is None or numbered not in self.levels:
            return ""
        num, level = numbered
        counters = self.counters.setdefault(num, [])
        while len(counters) <= level:
            counters.append(self.levels.get((num, len(counters)), (1, "", ""))[0] - 1)
        counters[level] += 1
        del counters[level + 1 :]
        _, fmt, text = self.levels[numbered]
        if fmt in ("bullet", "none"):
            return ""
        return re.sub(r"%(\d)", lambda m: self._shown(num, int(m[1]) - 1), text)

    def _list(self, paragraph) -> tuple[str, int] | None:
        ids = _xpath(paragraph, "./w:pPr/w:numPr/w:numId/@w:val")
        if ids:
            level = _xpath(paragraph, "./w:pPr/w:numPr/w:ilvl/@w:val")
            level = int(level[0]) if level else 0
            return (ids[0], level) if level in LIST_LEVELS else None
        style = _xpath(paragraph, "./w:pPr/w:pStyle/@w:val")
        return self.styles.get(style[0]) if style else None

    def _shown(self, num, level) -> str:
        counters = self.counters.get(num, [])
        value = str(counters[level]) if level < len(counters) else ""
        fmt = self.levels.get((num, level), (1, "decimal", ""))[1]
        return value.translate(THAI_DIGITS) if fmt == "thaiNumbers" else value


def _value(lvl, name, default) -> str:
    return (_xpath(lvl, f"./w:{name}/@w:val") or [default])[0]


def _xpath(element, path: str) -> list:
    """XPath with the w: prefix, on python-docx's elements and lxml's own alike."""
    from lxml import etree

    return etree._Element.xpath(element, path, namespaces=NS)
