"""An arrow as drawn (`Stroke`) and the placing of its direction word clear of body and arrows."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from .style import PAD
from .svg import Point, num

HEAD_SIZE = 11.0
LABEL_SIZE = 15.0

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Stroke:
    """One arrow: a path with arrowheads, a label, and the screen point it belongs to."""

    path: str
    heads: tuple[str, ...]
    anchor: Point
    label: str | None = None
    label_at: Point | None = None
    # Where the word belongs when the side matters ("Forward" in front of the body).
    label_near: Point | None = None


def path_points(path: str) -> list[Point]:
    """The points of an arrow's path (`M x y L x y ...`), as written by `polyline`."""
    pts = []
    for chunk in path[1:].split("L"):
        x, y = chunk.split()
        pts.append((float(x), float(y)))
    return pts


def _covered(a: Box, boxes: Sequence[Box]) -> float:
    """The area a box shares with others, in all.

    A word's place is looked for among some eighty, each against some thirty boxes: the
    overlap is written out here, not a call per pair of boxes.
    """
    ax0, ay0, ax1, ay1 = a
    covered = 0.0
    for bx0, by0, bx1, by1 in boxes:
        w = (ax1 if ax1 < bx1 else bx1) - (ax0 if ax0 > bx0 else bx0)
        if w > 0:
            h = (ay1 if ay1 < by1 else by1) - (ay0 if ay0 > by0 else by0)
            if h > 0:
                covered += w * h
    return covered


def place_label(
    stroke: Stroke, box: tuple[float, float, float, float], avoid: Sequence[Box]
) -> str:
    """A direction word near its arrow, in the clearest place: off the body and the arrows."""
    x0, y0, width, height = box
    pts = path_points(stroke.path)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    arrow = (min(xs), min(ys), max(xs), max(ys))
    half = 0.29 * LABEL_SIZE * len(stroke.label or "")
    mid_x, mid_y = (arrow[0] + arrow[2]) / 2, (arrow[1] + arrow[3]) / 2
    gap = 6 + HEAD_SIZE / 2
    # Beside the arrow first; then anywhere in the picture, nearest first.
    candidates = []
    if stroke.label_near is not None:
        nx, ny = stroke.label_near
        out = 1.0 if nx >= mid_x else -1.0
        candidates += [(nx + out * half, ny + LABEL_SIZE * 0.35)]
    candidates += [
        (mid_x, arrow[1] - gap),
        (mid_x, arrow[3] + gap + LABEL_SIZE * 0.75),
        (arrow[0] - gap - half, mid_y + LABEL_SIZE * 0.35),
        (arrow[2] + gap + half, mid_y + LABEL_SIZE * 0.35),
    ]
    grid = [(x0 + width * i / 8, y0 + height * j / 12) for i in range(1, 8) for j in range(1, 12)]
    best: tuple[float, float, float] | None = None
    boxes = (*avoid, arrow)
    for rank, (cx, cy) in enumerate(candidates + grid):
        if rank == len(candidates) and best is not None and best[0] < 1e6:
            break  # a clear place beside the arrow: no need to look further
        x = min(max(cx, x0 + PAD / 2 + half), x0 + width - PAD / 2 - half)
        y = min(max(cy, y0 + LABEL_SIZE), y0 + height - 4)
        text_box = (x - half, y - LABEL_SIZE * 0.8, x + half, y + LABEL_SIZE * 0.2)
        covered = _covered(text_box, boxes)
        distance = math.hypot(x - mid_x, y - mid_y)
        score = (
            (1e6 if covered else 0.0)
            + covered * 10
            + distance
            + (0 if rank < len(candidates) else 25)
        )
        if stroke.label_near is not None and rank == 0 and not covered:
            score = -1.0  # the side the word names wins when it is clear
        if best is None or score < best[0]:
            best = (score, x, y)
    assert best is not None
    _, x, y = best
    return f'<text x="{num(x)}" y="{num(y)}">{escape(stroke.label or "")}</text>'
