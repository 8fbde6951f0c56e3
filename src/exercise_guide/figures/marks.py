"""What tells a back from a front: the spine, the shoulder blades and the buttocks seen from behind."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .frame import Frame
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


def back_marks(name: str, rings: Sequence[Sequence[Vec]], f: Frame, style: Style) -> str:
    """Seen from behind: the spine and the shoulder blades, or the cleft of the buttocks."""
    if style.dash or not back_seen(rings, f):
        return ""
    back = RING_BACK
    last = len(rings) - 1
    if name != "chest":
        top = _between(rings[1][back], rings[last][back], 0.45)
        d = polyline([f(top), f(rings[last][back])])
        return f'<path class="back" d="{d}" stroke="{style.ink}" stroke-width="1.3"/>'
    spine = polyline([f(_between(rings[0][back], rings[1][back], 0.3)), f(rings[last][back])])
    blades = []
    for sign in (1.0, -1.0):
        # From the top inner corner, bowing out, to the lower tip beside the spine.
        upper = _between(
            _on_ring(rings[0], back + 0.55 * sign), _on_ring(rings[1], back + 0.6 * sign), 0.5
        )
        outer = _on_ring(rings[1], back + 1.45 * sign)
        lower = _between(
            _on_ring(rings[1], back + 0.7 * sign), _on_ring(rings[2], back + 0.7 * sign), 0.7
        )
        a, c, b = f(upper), f(outer), f(lower)
        blades.append(f"M{num(a[0])} {num(a[1])}Q{num(c[0])} {num(c[1])} {num(b[0])} {num(b[1])}")
    return (
        f'<g class="back" stroke="{style.ink}">'
        f'<path d="{spine}" stroke-width="1.5" stroke-dasharray="3 2.2"/>'
        f'<path d="{"".join(blades)}" stroke-width="1.4"/></g>'
    )
