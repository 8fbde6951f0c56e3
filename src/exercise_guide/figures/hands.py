"""Hands at figure scale: a mitten with a thumb and finger lines, or two hands as one clasp."""

from __future__ import annotations

import math

from .frame import Frame
from .kinematics import Body
from .style import Style
from .svg import Bar, Point, bars, polyline
from .vec import add, scale, sub

# Hands are drawn a little larger than life so that fingers and thumbs read at figure size.
_HAND_SCALE = 1.15
_HAND_WIDTH = 0.045 * _HAND_SCALE
_THUMB_WIDTH = 0.02 * _HAND_SCALE


def _toward(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def hand_svg(body: Body, side: str, f: Frame, style: Style) -> str:
    """A hand: a mitten from the wrist, a thumb on its side, and two lines between the fingers."""
    w, h, t = f(body[f"wrist_{side}"]), f(body[f"hand_{side}"]), f(body[f"thumb_{side}"])
    tip = _toward(w, h, 1.1 * _HAND_SCALE)
    thumb = _toward(w, t, _HAND_SCALE)
    root = _toward(w, h, 0.25)
    width, thumb_w, outline = _HAND_WIDTH * f.k, _THUMB_WIDTH * f.k, f.outline()
    out = '<g class="hand">' + bars([(w, tip, width), (root, thumb, thumb_w)], outline, style)
    length = math.dist(w, tip)
    if style.dash or length < 6:
        return out + "</g>"
    ux, uy = (tip[0] - w[0]) / length, (tip[1] - w[1]) / length
    lines = []
    for offset in (-0.2, 0.2):
        ox, oy = -uy * width * offset, ux * width * offset
        a, b = _toward(w, tip, 0.62), _toward(w, tip, 1.0 + 0.4 * width / length)
        lines.append(polyline([(a[0] + ox, a[1] + oy), (b[0] + ox, b[1] + oy)]))
    return out + f'<path d="{"".join(lines)}" stroke="{style.ink}" stroke-width="1"/></g>'


def clasped(body: Body) -> bool:
    """The hands meet, fingers interlocked: drawn as one clasp, not as two crossing hands."""
    return (
        math.dist(body["hand_l"], body["hand_r"]) < 0.045
        and math.dist(body["wrist_l"], body["wrist_r"]) < 0.17
    )


# Hands within this many degrees of level lie across the lower back, backs against it: with
# the fingers interlocked, both thumbs then point up. Drawn, they tell a back of the hand from
# a palm: mittens alone did not (a blind reviewer). Hands held lower hang, thumbs unseen.
_LEVEL_HANDS = 15.0
# A thumb pointing up from the root of the hand, a little clear of the back (units of H).
_THUMB_UP = (0.0, 0.042, -0.01)


def thumbs_up(body: Body) -> bool:
    """Interlocked hands lying level across the back (backs against it), thumbs up."""
    w, h = body["wrist_l"], body["hand_l"]
    d = sub(h, w)
    return math.degrees(math.atan2(abs(d[1]), math.hypot(d[0], d[2]))) < _LEVEL_HANDS


def clasp_svg(body: Body, f: Frame, style: Style) -> str:
    """Interlocked fingers: two hands from the wrists meeting at a zig-zag seam of fingers."""
    wl, wr = f(body["wrist_l"]), f(body["wrist_r"])
    meet = _toward(f(body["hand_l"]), f(body["hand_r"]), 0.5)
    width, outline = _HAND_WIDTH * f.k, f.outline()
    hands: list[Bar] = []
    if thumbs_up(body):
        for side in ("l", "r"):
            w = body[f"wrist_{side}"]
            root = add(w, scale(sub(body[f"hand_{side}"], w), 0.3))
            hands.append((f(root), f(add(root, _THUMB_UP)), _THUMB_WIDTH * f.k))
    hands += [(p, _toward(p, meet, 1.18), width) for p in (wl, wr)]
    out = '<g class="clasp">' + bars(hands, outline, style)
    span = math.dist(wl, wr)
    if style.dash or span < 6:
        return out + "</g>"
    # The seam runs across the clasp: fingers of one hand between those of the other.
    ux, uy = (wl[0] - wr[0]) / span, (wl[1] - wr[1]) / span
    vx, vy = -uy, ux
    amp, teeth = width * 0.22, 4
    zig = []
    for i in range(teeth + 1):
        s = (i / teeth - 0.5) * width * 0.9
        a = amp if i % 2 else -amp
        zig.append((meet[0] + vx * s + ux * a, meet[1] + vy * s + uy * a))
    return out + f'<path d="{polyline(zig)}" stroke="{style.ink}" stroke-width="1.2"/></g>'
