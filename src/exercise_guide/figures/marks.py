"""What tells a back from a front: the spine, the shoulder blades and the buttocks seen from behind."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .frame import Frame
from .kinematics import Body
from .project import Camera
from .style import Style
from .svg import num, polyline
from .vec import Vec

RING_BACK = 9  # the ring sample at the middle of the back (angle 270°)


def _on_ring(ring: Sequence[Vec], k: float) -> Vec:
    """A point on a torso ring at a fractional sample index (12 samples around)."""
    i = math.floor(k) % len(ring)
    j = (i + 1) % len(ring)
    t = k - math.floor(k)
    a, b = ring[i], ring[j]
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def _between(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def back_seen(rings: Sequence[Sequence[Vec]], f: Frame | Camera) -> bool:
    """Whether the back of a torso part faces the viewer."""
    depth = f.depth if isinstance(f, Frame) else (lambda p: f.project(p)[2])
    first = rings[0]
    centre = [sum(c) / len(first) for c in zip(*first, strict=True)]
    return depth(first[RING_BACK]) - depth((centre[0], centre[1], centre[2])) >= 0.02


def _at(rings: Sequence[Sequence[Vec]], level: float, sample: float) -> Vec:
    """A point on the torso's surface between rings: `level` a fractional ring index from the
    top, `sample` a fractional sample index around it."""
    i = min(int(level), len(rings) - 2)
    return _between(_on_ring(rings[i], sample), _on_ring(rings[i + 1], sample), level - i)


def _curve(f: Frame, a: Vec, c: Vec, b: Vec) -> str:
    (ax, ay), (cx, cy), (bx, by) = f(a), f(c), f(b)
    return f"M{num(ax)} {num(ay)}Q{num(cx)} {num(cy)} {num(bx)} {num(by)}"


def back_marks(name: str, rings: Sequence[Sequence[Vec]], f: Frame, style: Style) -> str:
    """Seen from behind: the spine and the shoulder blades, or the buttocks and their cleft."""
    if style.dash or not back_seen(rings, f):
        return ""
    back = RING_BACK
    last = len(rings) - 1
    if name != "chest":
        # The cleft, and under each buttock the fold where it meets the thigh.
        cleft = polyline([f(_at(rings, 1.4, back)), f(_at(rings, last, back))])
        folds = "".join(
            _curve(
                f,
                _at(rings, last - 0.05, back + 0.15 * sign),
                _at(rings, last + 0.0, back + 1.0 * sign),
                _at(rings, last - 0.6, back + 2.0 * sign),
            )
            for sign in (1.0, -1.0)
        )
        return f'<path class="back" d="{cleft}{folds}" stroke="{style.ink}" stroke-width="1.5"/>'
    spine = polyline([f(_at(rings, 0.3, back)), f(_at(rings, last, back))])
    blades = []
    for sign in (1.0, -1.0):
        # Each blade a rounded triangle: its top edge out toward the shoulder, its inner edge
        # down beside the spine to the lower tip.
        inner = _at(rings, 0.35, back + 0.45 * sign)
        outer = _at(rings, 0.3, back + 1.7 * sign)
        tip = _at(rings, 2.0, back + 0.8 * sign)
        (ix, iy), (ox, oy), (tx, ty) = f(inner), f(outer), f(tip)
        (sx, sy), (mx, my) = (
            f(_at(rings, 1.3, back + 1.6 * sign)),
            f(_at(rings, 1.2, back + 0.4 * sign)),
        )
        blades.append(
            f"M{num(ix)} {num(iy)}L{num(ox)} {num(oy)}Q{num(sx)} {num(sy)} {num(tx)} {num(ty)}"
            f"Q{num(mx)} {num(my)} {num(ix)} {num(iy)}Z"
        )
    return (
        f'<g class="back" stroke="{style.ink}">'
        f'<path d="{spine}" stroke-width="1.6"/>'
        f'<path d="{"".join(blades)}" stroke-width="1.4"/></g>'
    )


def heel_marks(body: Body, side: str, f: Frame, style: Style) -> str:
    """Seen from behind: the crease behind the knee, the tendon down the ankle into the heel."""
    heel, toe = body[f"heel_{side}"], body[f"toe_{side}"]
    if style.dash or f.depth(heel) - f.depth(toe) < 0.07:
        return ""
    ankle = body[f"ankle_{side}"]
    top = _between(ankle, body[f"knee_{side}"], 0.35)
    (tx, ty), (ax, ay), (hx, hy) = f(top), f(ankle), f(heel)
    r = 0.022 * f.k
    # The crease at the back of the knee, across the leg.
    (kx, ky), (hx0, hy0) = f(body[f"knee_{side}"]), f(body[f"hip_{side}"])
    length = math.hypot(kx - hx0, ky - hy0) or 1.0
    ux, uy = (kx - hx0) / length, (ky - hy0) / length
    w = 0.028 * f.k
    crease = (
        f"M{num(kx - uy * w)} {num(ky + ux * w)}Q{num(kx + ux * 0.3 * w)} {num(ky + uy * 0.3 * w)} "
        f"{num(kx + uy * w)} {num(ky - ux * w)}"
    )
    return (
        f'<path class="heel" d="{crease}M{num(tx)} {num(ty)}L{num(ax)} {num(ay)}'
        f"M{num(hx - r)} {num(hy - r * 0.3)}Q{num(hx)} {num(hy + r * 0.9)} {num(hx + r)} "
        f'{num(hy - r * 0.3)}" stroke="{style.ink}" stroke-width="1.4"/>'
    )
