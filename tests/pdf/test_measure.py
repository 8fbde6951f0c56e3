"""Wrapped line counts from the font's metrics: the per-paragraph word widths kept by measure.py give
the counts a word-by-word measure gives, bold and regular, at every size, width and indent."""

from __future__ import annotations

import json
import random

from exercise_guide.pdf.measure import lines, width_mm
from tests.support import FREE_EXERCISE_DB


def _reference(text: str, size: float, measure: float, bold: bool, indent: float) -> int:
    """Greedy wrapping at spaces, each word measured afresh."""
    if not text:
        return 0
    space = width_mm(" ", size, bold=bold)
    count, used = 1, indent
    for word in text.split():
        word_mm = width_mm(word, size, bold=bold)
        if used > 0 and used + space + word_mm > measure:
            count += 1
            used = word_mm
        else:
            used += (space if used > 0 else 0) + word_mm
    return count


def test_line_counts_match_measuring_each_word_afresh() -> None:
    entries = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))
    texts = [t for e in entries[:400] for t in e.get("instructions", [])]
    rng = random.Random(11)
    for text in texts:
        # The same paragraph at several sizes and widths, in both weights, as posters measure it.
        for _ in range(3):
            size = rng.choice((9.0, 10.5, 12.0, 22.0))
            measure = rng.uniform(25.0, 190.0)
            indent = rng.choice((0.0, 4.5))
            for bold in (False, True):
                got = lines(text, size, measure, bold=bold, indent_mm=indent)
                assert got == _reference(text, size, measure, bold, indent), (text, size, bold)
