"""How wide Thai text is in the documents' font, and how many lines it wraps to in a column.

The font is Laksaman (static/fonts), TLWG's TH Sarabun New with the same metrics: widths here
hold for the PDF (which embeds Laksaman) and for a spreadsheet in TH Sarabun New alike. A text's
width is the sum of its characters' advance widths (Thai vowels and tone marks above and below
advance nothing); kerning is left out. Used to judge a table row's height before laying it out
(reports/pdf/row_breaks.py) and to set row heights in the exported workbook
(measures/plan_workbook.py)."""

import math
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont

FONT_FILE = Path("static") / "fonts" / "Laksaman.ttf"
# Thai breaks only between words, so a wrapped line is rarely full: measured on the seed's cells
# against WeasyPrint's layout (tests/reports/test_table_pages.py).
LINE_FILL = 0.92


def text_width(text: str) -> float:
    """The width of one line of `text`, in em (multiply by the font size for points). A
    character the font lacks counts as a whole em."""
    advances = _advances()
    return sum(advances.get(character, 1.0) for character in text)


def wrapped_lines(text: str, width_em: float) -> int:
    """The lines `text` takes in a column `width_em` wide; each line break in it starts a new
    line, and an empty text takes one."""
    return sum(_paragraph_lines(line, width_em) for line in text.split("\n"))


def _paragraph_lines(text: str, width_em: float) -> int:
    width = text_width(text)
    if width <= width_em:
        return 1
    return max(1, math.ceil(width / (width_em * LINE_FILL)))


@lru_cache(maxsize=1)
def _advances() -> dict[str, float]:
    font = TTFont(Path(settings.BASE_DIR) / FONT_FILE, lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"]
    advances = {chr(code): metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    font.close()
    return advances
