"""Paths formatted all at once print every number exactly as `num` prints it alone."""

from __future__ import annotations

import math
import random

from exercise_guide.figures.svg import capsule, num, polyline, pt, smooth_closed

# Where one decimal rounds to a whole number, to minus zero, or keeps its decimal.
EDGES = [0.0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.06, -0.06, 9.95, -9.95, 10.0, -10.0, 0.96]
EDGES += [-0.96, 100.04, -100.04, 239.999, -1e-9, 1e-9, 0.5, -0.5, 1234.56, -3.0]


def _numbers() -> list[float]:
    rng = random.Random(12)
    values = EDGES + [rng.uniform(-300, 300) for _ in range(3000)]
    values += [round(rng.uniform(-30, 30), 1) for _ in range(500)]  # whole tenths: ".0" endings
    return values


def test_polyline_prints_numbers_as_num_does() -> None:
    values = _numbers()
    points = list(zip(values[::2], values[1::2], strict=False))
    for i in range(0, len(points), 7):
        chunk = points[i : i + 7]
        expected = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in chunk)
        assert polyline(chunk) == expected


def test_closed_outlines_and_capsules_print_numbers_as_num_does() -> None:
    values = _numbers()
    points = list(zip(values[::2], values[1::2], strict=False))
    for i in range(0, len(points) - 5, 5):
        ring = points[i : i + 5]
        n = len(ring)
        mids = [
            ((ring[k][0] + ring[(k + 1) % n][0]) / 2, (ring[k][1] + ring[(k + 1) % n][1]) / 2)
            for k in range(n)
        ]
        expected = "M" + pt(mids[-1]) + "".join(f"Q{pt(ring[k])} {pt(mids[k])}" for k in range(n))
        assert smooth_closed(ring) == expected + "Z"
        a, b, r = ring[0], ring[1], abs(ring[2][0]) / 10
        assert capsule(a, b, r) == _capsule_one_by_one(a, b, r)


def _capsule_one_by_one(a: tuple[float, float], b: tuple[float, float], r: float) -> str:
    """`capsule` as it was written before paths were formatted all at once."""
    length = math.dist(a, b)
    nx, ny = -(b[1] - a[1]) / length * r, (b[0] - a[0]) / length * r
    rr = f"{num(r)} {num(r)} 0 0 0 "
    return (
        f"M{pt((a[0] + nx, a[1] + ny))}L{pt((b[0] + nx, b[1] + ny))}"
        f"A{rr}{pt((b[0] - nx, b[1] - ny))}L{pt((a[0] - nx, a[1] - ny))}"
        f"A{rr}{pt((a[0] + nx, a[1] + ny))}Z"
    )
