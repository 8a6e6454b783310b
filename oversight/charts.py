"""The overview's two charts as HTML/CSS bars (no script, nothing but the page's own styles):
each item's organisations by document state as one stacked bar, and the area's ITA scores as a
bar per score range. Every figure is written as text too (in the bar, and in the chart's
accessible name), which is what a screen reader reads."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    count: int
    percent: float


def stacked(parts) -> list[Part]:
    """[(key, label, count)] → the parts of one bar as shares of 100, empty ones kept (the
    legend names them) but drawn with no width."""
    total = sum(count for _, _, count in parts) or 1
    return [Part(key, label, count, round(100 * count / total, 2)) for key, label, count in parts]


def bars(bins) -> list[Part]:
    """[(label, count)] → one bar each, as a share of the largest (the longest fills the row)."""
    most = max((count for _, count in bins), default=0) or 1
    return [
        Part(f"bin-{index}", label, count, round(100 * count / most, 2))
        for index, (label, count) in enumerate(bins)
    ]
