"""An exact text layer for Thai in WeasyPrint's PDFs.

The cause: WeasyPrint writes one ToUnicode entry per glyph and fills it with the text of the
glyph's cluster. Thai shaping breaks the one-glyph-one-character assumption: HarfBuzz decomposes
SARA AM (ำ) into NIKHAHIT and SARA AA and moves NIKHAHIT in front of a tone mark, so a cluster
such as "้ำ" becomes three glyphs. The first glyph of such a cluster gets an empty string, the last
one the whole cluster, and since the map is per glyph for the whole document, the SARA AA glyph
then reads "ำ" (or "้ำ") everywhere, or ำ is lost everywhere (Kozea/WeasyPrint#2841). Tone marks
moved by HarfBuzz's mark positioning are drawn on their own and extractors put them after the
following vowel ("ขัน้ตอน").

The fix, as Chromium's PDF backend does it:
1. Every drawn line is wrapped in a marked-content span carrying its
   text as /ActualText, which text extractors (poppler's pdftotext, PDFium, Acrobat) use instead
   of the glyphs' map. The span is inserted around WeasyPrint's own drawing of the line, so the
   drawing is untouched.
2. The ToUnicode map of a glyph that the font maps directly from one character is that
   character, not whatever cluster it was first seen in, so that tools without /ActualText
   support (pypdf, pdfminer) read Thai with at most decomposed ำ instead of garbage.

Both are installed by `install()` and checked by tests/reports/test_pdf_text_layer.py, which
also tells when upstream no longer needs them: drop this module then.
"""

import functools

import pydyf
import weasyprint.pdf
from fontTools.ttLib import TTFont
from weasyprint.draw import text as weasyprint_text

_installed = False


def install():
    global _installed
    if _installed:
        return
    weasyprint_text.draw_first_line = _with_actual_text(weasyprint_text.draw_first_line)
    weasyprint.pdf.build_fonts_dictionary = _with_character_map(
        weasyprint.pdf.build_fonts_dictionary
    )
    _installed = True


def _with_actual_text(draw_first_line):
    @functools.wraps(draw_first_line)
    def draw_first_line_with_actual_text(stream, textbox, *args, **kwargs):
        start = len(stream.stream)
        result = draw_first_line(stream, textbox, *args, **kwargs)
        text = _drawn_text(textbox)
        if text and len(stream.stream) > start:
            actual_text = b"<</ActualText " + pydyf.String(text).data + b">>"
            stream.stream[start:start] = [b"/Span", actual_text, b"BDC"]
            stream.stream.append(b"EMC")
        return result

    return draw_first_line_with_actual_text


def _drawn_text(textbox):
    """The text of the line WeasyPrint just drew (its layout's first line, as ellipsis left it)."""
    first_line, _ = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    start = first_line.start_index
    return utf8[start : start + first_line.length].decode(errors="replace")


def _with_character_map(build_fonts_dictionary):
    @functools.wraps(build_fonts_dictionary)
    def build_fonts_dictionary_with_character_map(pdf, fonts, *args, **kwargs):
        for font in fonts.values():
            direct = _glyphs_with_one_character(font.file_content, font.index)
            for glyph_id in font.to_unicode:
                if glyph_id in direct:
                    font.to_unicode[glyph_id] = direct[glyph_id]
        return build_fonts_dictionary(pdf, fonts, *args, **kwargs)

    return build_fonts_dictionary_with_character_map


@functools.lru_cache(maxsize=16)
def _glyphs_with_one_character(font_bytes: bytes, index: int) -> dict[int, str]:
    """Glyph ids that the font's cmap reaches from exactly one character, with that character."""
    import io

    font = TTFont(io.BytesIO(font_bytes), fontNumber=index, lazy=True)
    characters_by_glyph: dict[int, list[int]] = {}
    for codepoint, glyph_name in font.getBestCmap().items():
        characters_by_glyph.setdefault(font.getGlyphID(glyph_name), []).append(codepoint)
    return {
        glyph_id: chr(codepoints[0])
        for glyph_id, codepoints in characters_by_glyph.items()
        if len(codepoints) == 1
    }
