"""SVG text helpers: fixed number formatting (deterministic output), hulls and smooth outlines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

Point = tuple[float, float]


def num(v: float) -> str:
    """A coordinate with one decimal, without '-0' or a trailing '.0', so output never varies."""
    text = f"{v:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def pt(p: Point) -> str:
    """'x y' for a path."""
    return f"{num(p[0])} {num(p[1])}"


def polyline(points: Sequence[Point]) -> str:
    """Path data through points."""
    return "M" + "L".join(pt(p) for p in points)


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

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def smooth_closed(points: Sequence[Point]) -> str:
    """A closed outline through the midpoints of a polygon's edges, rounded at its corners."""
    n = len(points)
    if n < 3:
        return polyline(points)
    mids = [
        ((points[i][0] + points[(i + 1) % n][0]) / 2, (points[i][1] + points[(i + 1) % n][1]) / 2)
        for i in range(n)
    ]
    out = ["M" + pt(mids[-1])]
    for i in range(n):
        out.append("Q" + pt(points[i]) + " " + pt(mids[i]))
    return "".join(out) + "Z"
