"""Files as an attacker or a broken program would make them, built byte by byte."""

# ruff: noqa: E501  (the package parts are one XML line each)

import io
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)  # fmt: skip
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)  # fmt: skip
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)  # fmt: skip
HEADER = ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "หมายเหตุ"]


def _cell(text: str) -> str:
    # Cells and rows without their optional r="…" references, as some programs write them.
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_with_rows(count: int, *, numbered: bool = True, tail: str = "") -> bytes:
    """A workbook whose sheet is the table's header and `count` measure rows, streamed into the
    zip so that a million rows never sit in memory. Rows that are all alike (numbered=False)
    compress to almost nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/workbook.xml", WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            header = "".join(_cell(text) for text in HEADER)
            sheet.write(f"<row>{header}</row>".encode())
            chunk = []
            for row in range(1, count + 1):
                number = row if numbered else 1
                cells = _cell(f"{number}) มาตรการ") + _cell("ขั้นตอน") + _cell("กองคลัง")
                chunk.append(f"<row>{cells}</row>")
                if len(chunk) == 10_000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write("".join(chunk).encode())
            sheet.write(f"</sheetData>{tail}</worksheet>".encode())
    return buffer.getvalue()


def xlsx_bomb(uncompressed_megabytes: int) -> bytes:
    """A small workbook whose sheet inflates to `uncompressed_megabytes` of spaces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/workbook.xml", WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>')
            block = b" " * (1024 * 1024)
            for _ in range(uncompressed_megabytes):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)  # fmt: skip
DOCX_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)  # fmt: skip
DOCUMENT_START = (
    b'<?xml version="1.0" encoding="UTF-8"?><w:document '
    b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)


def _word_cell(text: str, span: int = 1) -> str:
    properties = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{properties}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def docx_streamed(write_body) -> bytes:
    """A Word document whose body `write_body(stream)` writes straight into the zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        package.writestr("_rels/.rels", DOCX_ROOT_RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as document:
            document.write(DOCUMENT_START)
            write_body(document)
            document.write(b"</w:body></w:document>")
    return buffer.getvalue()


def docx_with_rows(count: int) -> bytes:
    """One table: the header and `count` alike measure rows (they compress to almost nothing)."""

    def body(stream):
        header = "".join(_word_cell(text) for text in HEADER)
        stream.write(f"<w:tbl><w:tr>{header}</w:tr>".encode())
        row = "<w:tr>" + _word_cell("1) มาตรการ") + _word_cell("ขั้นตอน") + _word_cell("กองคลัง")
        row = (row + "</w:tr>").encode()
        for _ in range(count // 1000):
            stream.write(row * 1000)
        stream.write(row * (count % 1000) + b"</w:tbl>")

    return docx_streamed(body)


def docx_bomb(uncompressed_megabytes: int) -> bytes:
    """A small document whose body inflates to `uncompressed_megabytes` of spaces."""

    def body(stream):
        block = b" " * (1024 * 1024)
        for _ in range(uncompressed_megabytes):
            stream.write(block)

    return docx_streamed(body)


def docx_with_tables(count: int) -> bytes:
    def body(stream):
        stream.write(("<w:tbl><w:tr>" + _word_cell("ก") + "</w:tr></w:tbl><w:p/>").encode() * count)

    return docx_streamed(body)


def docx_wide_table(columns: int) -> bytes:
    def body(stream):
        stream.write(("<w:tbl><w:tr>" + _word_cell("ก") * columns + "</w:tr></w:tbl>").encode())

    return docx_streamed(body)


SPACED_WORDS = ["การ", "ดำเนิน", "งาน", "ประชุม", "เผยแพร่", "ข้อมูล", "ข่าวสาร", "ประพฤติ", "มิ",
                "ชอบ", "อยู่", "ใน", "ระหว่าง", "ตรวจสอบ", "บุคลากร"]  # fmt: skip


def spaced_thai(words: int, seed: int = 1) -> str:
    """`words` Thai words and pieces of words between spaces, each space for the space repair
    to judge (measures/table_text.py), in an order that seldom repeats."""
    import random

    chooser = random.Random(seed)
    return " ".join(chooser.choice(SPACED_WORDS) for _ in range(words))


def docx_spaced_cell(words: int) -> bytes:
    """A measure table whose one result cell holds `words` spaced Thai words."""

    def body(stream):
        header = "".join(_word_cell(text) for text in HEADER[:4])
        row = _word_cell("1) มาตรการ") + _word_cell("ขั้นตอน") + _word_cell("กองคลัง")
        stream.write(f"<w:tbl><w:tr>{header}</w:tr><w:tr>{row}".encode())
        stream.write(_word_cell(spaced_thai(words)).encode() + b"</w:tr></w:tbl>")

    return docx_streamed(body)


def xlsx_spaced_rows(rows: int, words: int) -> bytes:
    """The header and `rows` measures, each of whose results holds `words` spaced Thai words
    (under the result's 2,000 letters when `words` is 300 or fewer)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER[:4])
    for number in range(1, rows + 1):
        sheet.append([f"{number}) มาตรการ", "ขั้นตอน", "กองคลัง", spaced_thai(words, seed=number)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
