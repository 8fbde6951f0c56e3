"""How a poster's steps table shares the page's width: each column at least as wide as its figure,
and the room left over given where the words are longest, so the tallest step of a row wraps to as
few lines as it can. The template sets these widths (a fixed table layout) and pdf/fit.py estimates
the poster's height from the same widths."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from .measure import lines, width_mm

NUMBER_MM = 6 + 2 + 1.5  # the step number's badge before a step's text
BORDER_MM = 0.8  # a step panel's border, both sides
# A generated figure's viewBox (figures/frame.py): its width for its printed height.
FIGURE_ASPECT = 240 / 262


@dataclass(frozen=True)
class Level:
    """One fit level's sizes on A4 and Letter, as sheet.css sets them."""

    font_pt: float
    line_height: float
    figure_mm: float
    title_em: float
    gap_mm: float  # margin above each section and the boxes
    padding_mm: float  # a step panel's padding
    spacing_mm: float  # border-spacing of the steps table


LEVELS = (
    Level(12, 1.3, 48, 2.1, 3, 1.5, 2.0),
    Level(12, 1.2, 45, 2.1, 1.5, 1.0, 1.5),
    Level(10.5, 1.3, 45, 2.1, 1.5, 1.0, 1.5),
    Level(9, 1.15, 27, 1.7, 1.5, 1.0, 1.5),
)
# Each paper's content width (mm, less the 10 mm margins), and its type and figure sizes per
# level where sheet.css sets them apart from A4's.
PAGE_WIDTH_MM = {"A4": 190.0, "Letter": 195.9, "A3": 277.0}
A3_SIZES = ((15, 68), (15, 64), (13, 45), (11, 27))


def sizes(paper: str, fit: int) -> tuple[float, float]:
    """The body type (pt) and figure height (mm) a poster prints at, on its paper and fit level."""
    if paper == "A3":
        return A3_SIZES[fit]
    return LEVELS[fit].font_pt, LEVELS[fit].figure_mm


def cell_extra(level: Level) -> float:
    """A step panel's padding and border, both sides (mm)."""
    return 2 * level.padding_mm + BORDER_MM


Step = tuple[str, Sequence[str]]  # a step's text, and the bold lines under it (breath, hold)


def step_lines(step: Step, size: float, width: float) -> int:
    """How many lines a step's words take in a column `width` mm wide."""
    text, extras = step
    count = lines(text, size, width, indent_mm=NUMBER_MM)
    return count + sum(lines(extra, size, width, bold=True) for extra in extras)


class _Wrapped:
    """A step's words measured once, so wrapping them at many widths is quick."""

    def __init__(self, step: Step, size: float) -> None:
        text, extras = step
        self.paragraphs = [
            self._measure(text, size, False, NUMBER_MM),
            *(self._measure(extra, size, True, 0.0) for extra in extras),
        ]
        self._seen: dict[float, int] = {}

    @staticmethod
    def _measure(text: str, size: float, bold: bool, indent: float) -> tuple[float, list[float]]:
        space = width_mm(" ", size, bold=bold)
        words = [width_mm(word, size, bold=bold) for word in text.split()]
        return indent, [space, *words]

    def lines(self, width: float) -> int:
        """Lines at a width, wrapped as measure.lines wraps them."""
        if width not in self._seen:
            total = 0
            for indent, (space, *words) in self.paragraphs:
                if not words:
                    continue
                count, used = 1, indent
                for word in words:
                    if used > 0 and used + space + word > width:
                        count, used = count + 1, word
                    else:
                        used += (space if used > 0 else 0) + word
                total += count
            self._seen[width] = total
        return self._seen[width]


def _narrowest(
    column: Sequence[tuple[_Wrapped, int]], limits: Sequence[int], low: float, high: float
) -> float | None:
    """The least width (0.5 mm steps) at which each step of a column keeps within its row's limit."""
    if any(step.lines(high) > limits[row] for step, row in column):
        return None
    while high - low > 0.5:
        middle = round((low + high) / 2, 1)
        if all(step.lines(middle) <= limits[row] for step, row in column):
            high = middle
        else:
            low = middle
    return high


def step_widths(steps: Sequence[Step], per: int, paper: str, fit: int) -> list[float]:
    """Each column's content width (mm) in a steps table of `per` columns.

    Every column starts as wide as its figure; then, one line at a time, the row whose tallest
    step can lose a line for the least width does, until the room is used. The room left over is
    shared in proportion, so no column is wider than its words need while another's run long.
    """
    frozen = tuple((text, tuple(extras)) for text, extras in steps)
    return list(_step_widths(frozen, per, paper, fit))


# A poster asks for the same widths several times: its HTML at the level it is laid out at and
# at level 0 (the cache key), and the height estimates of fit.py at each level it weighs. Each
# worker meets a poster's steps only in that poster's job, so a few entries are enough.
@functools.lru_cache(maxsize=16)
def _step_widths(
    steps: tuple[tuple[str, tuple[str, ...]], ...], per: int, paper: str, fit: int
) -> tuple[float, ...]:
    return tuple(_share(steps, per, paper, fit))


def _share(steps: Sequence[Step], per: int, paper: str, fit: int) -> list[float]:
    if per < 1:
        return []
    level = LEVELS[fit]
    size, figure_mm = sizes(paper, fit)
    least = figure_mm * FIGURE_ASPECT
    room = PAGE_WIDTH_MM[paper] - (per + 1) * level.spacing_mm - per * cell_extra(level)
    if per * least >= room:
        return [least] * per  # the figures alone fill the row
    wrapped = [_Wrapped(step, size) for step in steps]
    columns = [[(wrapped[i], i // per) for i in range(j, len(steps), per)] for j in range(per)]
    rows = (len(steps) + per - 1) // per
    limits = [
        max(wrapped[i].lines(least) for i in range(r * per, min(len(steps), (r + 1) * per)))
        for r in range(rows)
    ]
    widths = [least] * per
    while True:
        best: tuple[float, int, list[float]] | None = None
        for row in range(rows):
            if limits[row] <= 1:
                continue
            tighter = [*limits[:row], limits[row] - 1, *limits[row + 1 :]]
            need = [_narrowest(column, tighter, least, room) for column in columns]
            if any(w is None for w in need):
                continue
            chosen = [w for w in need if w is not None]
            cost = sum(chosen) - sum(widths)
            if sum(chosen) <= room and (best is None or cost < best[0]):
                best = (cost, row, chosen)
        if best is None:
            break
        _, row, widths = best
        limits[row] -= 1
    spare = room - sum(widths)
    total = sum(widths)
    return [w + spare * w / total for w in widths]
