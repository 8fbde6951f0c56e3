"""Text measured with the print font's own metrics: widths and wrapped line counts, no layout engine."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from .confine import font_dir

PT_MM = 25.4 / 72
# A character the font lacks is set from a fallback font: about one em (CJK), a safe overestimate.
_MISSING_EM = 1.0


@functools.cache
def advances(bold: bool = False) -> Mapping[str, float]:
    """Each character's advance width in ems, read from Atkinson Hyperlegible's TTF."""
    from fontTools.ttLib import TTFont

    name = "Bold" if bold else "Regular"
    font = TTFont(font_dir() / f"AtkinsonHyperlegible-{name}.ttf", lazy=True)
    per_em = float(font["head"].unitsPerEm)
    metrics = font["hmtx"].metrics
    cmap = font.getBestCmap() or {}
    return {chr(code): metrics[glyph][0] / per_em for code, glyph in cmap.items()}


def width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """How wide a run of text sets on one line, in mm."""
    table = advances(bold)
    return sum(table.get(c, _MISSING_EM) for c in text) * size_pt * PT_MM


def lines(
    text: str, size_pt: float, measure_mm: float, *, bold: bool = False, indent_mm: float = 0
) -> int:
    """How many lines a paragraph wraps to in a column measure_mm wide (greedy, at spaces)."""
    if not text:
        return 0
    space = width_mm(" ", size_pt, bold=bold)
    count, used = 1, indent_mm
    for word_em in _word_ems(text, bold):
        word_mm = word_em * size_pt * PT_MM  # width_mm's arithmetic
        if used > 0 and used + space + word_mm > measure_mm:
            count += 1
            used = word_mm
        else:
            used += (space if used > 0 else 0) + word_mm
    return count


@functools.lru_cache(maxsize=8192)
def _word_ems(text: str, bold: bool) -> tuple[float, ...]:
    """Each word's advance in ems, summed as `width_mm` sums it: a poster's estimates wrap the
    same paragraphs at many widths, sizes and fit levels (some three thousand times a poster)."""
    table = advances(bold)
    return tuple(sum(table.get(c, _MISSING_EM) for c in word) for word in text.split())
