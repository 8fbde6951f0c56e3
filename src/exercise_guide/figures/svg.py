"""SVG text helpers: fixed number formatting (deterministic output), hulls and smooth outlines."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from html import escape

from .style import Style

Point = tuple[float, float]


def num(v: float) -> str:
    """A coordinate with one decimal, without '-0' or a trailing '.0', so output never varies."""
    text = "%.1f" % v  # noqa: UP031 (a figure formats tens of thousands: the fastest way)
    if text[-1] == "0":
        text = text[:-2]
        if text == "-0":
            return "0"
    return text


# What `num` does, done to a whole path at once: a figure formats about a thousand numbers, and
# one "%.1f" per point pair and a replace over the path cost a third of a `num` call each.
_MINUS_ZERO = re.compile(r"(?<![0-9])-0(?![0-9.])")


def tidy(text: str) -> str:
    """Path data printed with "%.1f" for every number, written as `num` writes each number.

    "%.1f" prints exactly one decimal, so every ".0" in such text is a whole number's ending.
    """
    text = text.replace(".0", "")
    return _MINUS_ZERO.sub("0", text) if "-0" in text else text


def pt(p: Point) -> str:
    """'x y' for a path."""
    return num(p[0]) + " " + num(p[1])


def polyline(points: Sequence[Point]) -> str:
    """Path data through points."""
    if not points:
        return "M"
    return tidy(_line_format(len(points)) % tuple(c for p in points for c in p[:2]))


@functools.cache
def _line_format(n: int) -> str:
    return "M%.1f %.1f" + "L%.1f %.1f" * (n - 1)


def attrs(**values: str | float) -> str:
    """Attributes in the order given; underscores become hyphens."""
    parts = []
    for key, value in values.items():
        text = num(value) if isinstance(value, float) else str(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{escape(text)}"')
    return " ".join(parts)


def hull(points: Iterable[Point]) -> list[Point]:
    """The convex hull, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts
    return _chain(pts)[:-1] + _chain(pts[::-1])[:-1]


def near_hull(points: Sequence[Point], tolerance: float = 1e-6) -> list[int]:
    """The indices of the points on the convex hull's outline or within `tolerance` (a share of
    the points' extent) of it. The others lie well inside: `hull` of these points moved and
    scaled alike gives the same answer without them (their order is all it may lose; each is
    inside by far more than a rounding error).
    """
    outline = hull(points)
    if len(outline) < 3:
        return list(range(len(points)))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    margin = tolerance * max(max(xs) - min(xs), max(ys) - min(ys))
    inside = list(range(len(points)))  # not yet found near an edge
    for (ax, ay), (bx, by) in zip(outline, outline[1:] + outline[:1], strict=True):
        length = math.hypot(bx - ax, by - ay)
        if length == 0:
            continue
        ux, uy = (bx - ax) / length, (by - ay) / length
        # Counter-clockwise, the inside is to the left of every edge: how far inside each is.
        inside = [i for i in inside if ux * (points[i][1] - ay) - uy * (points[i][0] - ax) > margin]
    deep = set(inside)
    return [i for i in range(len(points)) if i not in deep]


def _chain(pts: Sequence[Point]) -> list[Point]:
    """One half of the hull: points turning left only (the cross product inlined: every figure
    takes a few hundred hulls)."""
    out: list[Point] = []
    for p in pts:
        px, py = p
        while len(out) >= 2:
            (ox, oy), (ax, ay) = out[-2], out[-1]
            if (ax - ox) * (py - oy) - (ay - oy) * (px - ox) > 0:
                break
            out.pop()
        out.append(p)
    return out


def smooth_closed(points: Sequence[Point]) -> str:
    """A closed outline through the midpoints of a polygon's edges, rounded at its corners."""
    n = len(points)
    if n < 3:
        return polyline(points)
    mids = [
        ((points[i][0] + points[(i + 1) % n][0]) / 2, (points[i][1] + points[(i + 1) % n][1]) / 2)
        for i in range(n)
    ]
    flat = [c for p, m in zip(points, mids, strict=True) for c in (p[0], p[1], m[0], m[1])]
    return tidy(_smooth_format(n) % (*mids[-1], *flat))


@functools.cache
def _smooth_format(n: int) -> str:
    return "M%.1f %.1f" + "Q%.1f %.1f %.1f %.1f" * n + "Z"


def capsule(a: Point, b: Point, r: float) -> str:
    """Path data for a round-ended bar of radius r from a to b (a limb's outline)."""
    return tidy(_capsule(a, b, r))


_CAPSULE = "M%.1f %.1fL%.1f %.1fA%.1f %.1f 0 0 0 %.1f %.1fL%.1f %.1fA%.1f %.1f 0 0 0 %.1f %.1fZ"


def _capsule(a: Point, b: Point, r: float) -> str:
    """`capsule` with its numbers printed by "%.1f", not yet tidied."""
    length = math.dist(a, b)
    if length < 1e-6:
        return f"M{num(a[0] - r)} {num(a[1])}a{num(r)} {num(r)} 0 1 0 {num(2 * r)} 0a{num(r)} {num(r)} 0 1 0 {num(-2 * r)} 0Z"
    nx, ny = -(b[1] - a[1]) / length * r, (b[0] - a[0]) / length * r
    ax, ay, bx, by = a[0], a[1], b[0], b[1]
    return _CAPSULE % (
        *(ax + nx, ay + ny, bx + nx, by + ny),
        *(r, r, bx - nx, by - ny, ax - nx, ay - ny),
        *(r, r, ax + nx, ay + ny),
    )


_SEGMENT = "M%.1f %.1fL%.1f %.1f"
Bar = tuple[Point, Point, float]  # two ends on screen and a width


def bars(items: Sequence[Bar], outline: float, style: Style) -> str:
    """Round-ended bars merged into one outlined shape: every outline first, then every fill.

    Solid, each bar is a thick dark stroke under a thinner light one. Dashed (the start
    position), each is a thin dashed outline of its shape under its light fill: the round caps
    of a thick dashed stroke would close its gaps and print it solid.
    """
    if not style.dash:
        # Formatted with "%.1f" and tidied as one string (see tidy): a figure has some 40 bars.
        # Each bar's ends are formatted once, for both of its strokes.
        ends = [_SEGMENT % (*a, *b) for a, b, _ in items]
        dark = tidy(
            "".join(
                [
                    f'<path d="{e}" stroke-width="{w + outline:.1f}"/>'
                    for e, (_, _, w) in zip(ends, items, strict=True)
                ]
            )
        )
        light = tidy(
            "".join(
                [
                    f'<path d="{e}" stroke-width="{w:.1f}"/>'
                    for e, (_, _, w) in zip(ends, items, strict=True)
                ]
            )
        )
        return f'<g stroke="{style.ink}">{dark}</g><g stroke="{style.fill}">{light}</g>'
    shapes = tidy("".join([_capsule(a, b, w / 2) for a, b, w in items]))
    # Unfilled (drawn over the end position), the whole stroke shows, not its outer half.
    if style.fill == "none":
        outline /= 2
    return (
        f'<path d="{shapes}" stroke="{style.ink}" stroke-width="{num(outline)}"'
        f'{style.stroke_dash()}/><path d="{shapes}" fill="{style.fill}"/>'
    )
