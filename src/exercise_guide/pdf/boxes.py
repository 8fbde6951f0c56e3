"""Where a poster's boxes go under its steps: benefits, tips, safety and cautions, and the guide's
"when to get help" box, in two or three columns side by side, whichever sets shorter.

The arrangement's height is estimated with the font's own metrics (measure.py); the template
prints the arrangement chosen here, and pdf/fit.py adds the same height to its estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .columns import LEVELS, PAGE_WIDTH_MM, sizes
from .measure import PT_MM, lines

BULLET_MM = 4.5  # list indent
COLUMN_GAP_MM = 4.0  # .boxes > div + div: padding-left
# Extra width each box takes from its column (frame and padding), and height it adds.
_FRAME_MM = {"safety": (7.6, 5.6), "help": (8.5, 4.0)}
_LEAST_MM = 45.0  # no column narrower: a list of long words would not set


def section_height(
    lines_of: Sequence[str], name: str, paper: str, fit: int, measure: float
) -> float:
    """The height of one boxed list (heading and items) in a column `measure` mm wide."""
    level = LEVELS[fit]
    size, _ = sizes(paper, fit)
    line = size * level.line_height * PT_MM
    wider, taller = _FRAME_MM.get(name, (0.0, 0.0))
    total = size * 1.15 * 1.1 * PT_MM + 1 + taller
    for item in lines_of:
        total += lines(item, size, measure - wider - BULLET_MM) * line + 0.8
    return total


def column_height(
    names: Sequence[str], groups: Mapping[str, Sequence[str]], paper: str, fit: int, measure: float
) -> float:
    """The height of one column of boxes, each after a gap."""
    gap = LEVELS[fit].gap_mm
    heights = [section_height(groups[n], n, paper, fit, measure) for n in names]
    return sum(heights) + gap * max(0, len(heights) - 1)


def _room(paper: str, count: int) -> float:
    """The width a row of `count` columns shares, less the gaps between them."""
    return PAGE_WIDTH_MM[paper] - COLUMN_GAP_MM * (count - 1)


def _narrowest(height: Callable[[float], float], most: float, low: float, high: float) -> float:
    """The least width (to 1 mm) at which `height(width)` is at most `most` (high if none is)."""
    if height(high) > most:
        return high
    while high - low > 1:
        middle = (low + high) / 2
        if height(middle) <= most:
            high = middle
        else:
            low = middle
    return high


def _shared(
    columns: Sequence[Sequence[str]], groups: Mapping[str, Sequence[str]], paper: str, fit: int
) -> tuple[list[float], float]:
    """Column widths that make the tallest column shortest, and that height (mm)."""
    room = _room(paper, len(columns))
    least = min(room / len(columns), _LEAST_MM)

    def heights(col: Sequence[str]) -> Callable[[float], float]:
        return lambda width: column_height(col, groups, paper, fit, width)

    even = room / len(columns)
    low = max(heights(col)(room) for col in columns)
    high = max(heights(col)(even) for col in columns)
    widths = [even] * len(columns)
    # Bisect on the tallest column's height: the narrowest widths that reach it must share the room.
    while high - low > 0.5:
        middle = (low + high) / 2
        need = [_narrowest(heights(col), middle, least, room) for col in columns]
        if sum(need) <= room and all(
            heights(c)(w) <= middle for c, w in zip(columns, need, strict=True)
        ):
            high, widths = middle, need
        else:
            low = middle
    spare = room - sum(widths)
    widths = [w + spare * w / sum(widths) for w in widths]
    return widths, max(heights(c)(w) for c, w in zip(columns, widths, strict=True))


def _candidates(groups: Mapping[str, Sequence[str]]) -> list[list[list[str]]]:
    left = [n for n in ("benefits", "tips") if groups.get(n)]
    right = [n for n in ("safety", "cautions") if groups.get(n)]
    shapes = [[left, right] if left else [right]]
    if len(left) == 2:
        shapes.append([[left[0]], [left[1]], right])
    if not groups.get("help"):
        return shapes
    # The help box goes under any one column, or in a column of its own before safety's.
    placed = []
    for shape in shapes:
        for index in range(len(shape)):
            placed.append([[*col, "help"] if i == index else col for i, col in enumerate(shape)])
        placed.append([*shape[:-1], ["help"], shape[-1]])
    return placed


def arrange(
    groups: Mapping[str, Sequence[str]], paper: str, fit: int
) -> tuple[list[list[str]], list[float], float]:
    """The columns of boxes that set shortest: names in each, widths and height in mm.

    `groups` maps benefits, tips, safety, cautions and help to their lines (empty: no box).
    """
    best: tuple[list[list[str]], list[float], float] = ([], [], 0.0)
    for shape in _candidates(groups):
        columns = [col for col in shape if col]
        if not columns:
            continue
        widths, height = _shared(columns, groups, paper, fit)
        if not best[0] or height < best[2] - 0.01:
            best = (columns, widths, height)
    return best
