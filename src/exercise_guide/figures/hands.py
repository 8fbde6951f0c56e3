"""Hands at figure scale: a mitten with a thumb and finger lines, or two hands as one clasp."""

from __future__ import annotations

import math

from .body_axes import palm
from .frame import Frame
from .kinematics import Body
from .style import Style
from .svg import Bar, Point, bars, num, polyline
from .vec import Vec, add, cross, dot, scale, sub, unit

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


def palms_seen(body: Body, f: Frame) -> bool:
    """Both palms face the viewer (hands on the back seen from behind: their backs are hidden)."""
    return all(
        f.depth(add(body[f"wrist_{s}"], palm(body, s))) - f.depth(body[f"wrist_{s}"]) > _FACING
        for s in ("l", "r")
    )


# How squarely a palm must face the viewer to be drawn as one (1: straight on). From behind it
# is 0.97; at an angle from behind (0.7) the hands keep the plain clasp.
_FACING = 0.85
# Palms drawn this much larger than the mittens: at figure size a palm is a few millimetres.
_PALM_SCALE = 1.3
# A palm's width across (units of H) and its fingers: four, each this share of that width.
_PALM_WIDTH = _HAND_WIDTH * 1.1
_FINGER = 0.2
# The line round the ball of the thumb, in the hand's own frame (along the fingers from the
# wrist, in units of the hand's length; toward the thumb, in units of its width): what says
# "palm" in a drawing of a hand. Drawn where a palm is large enough to show it.
_THUMB_LINE = ((0.33, 0.4), (0.25, 0.1), (0.15, -0.08), (0.03, -0.12))
_LINES_FROM = 16.0


def _plate(body: Body, side: str) -> tuple[Vec, Vec, Vec, float]:
    """A hand as a flat plate: its wrist, the way the fingers point, the way to the thumb, its length."""
    w, h = body[f"wrist_{side}"], body[f"hand_{side}"]
    u = unit(sub(h, w))
    v = unit(cross(palm(body, side), u))
    if dot(v, sub(body[f"thumb_{side}"], w)) < 0:
        v = scale(v, -1.0)
    length = math.dist(w, h) * _HAND_SCALE
    return w, u, v, length


def _on(plate: tuple[Vec, Vec, Vec, float], along: float, across: float) -> Vec:
    w, u, v, length = plate
    return add(w, add(scale(u, along * length), scale(v, across * _PALM_WIDTH)))


def palms_svg(body: Body, f: Frame, style: Style) -> str:
    """Backs of the hands on the back, seen from behind: two open palms, thumbs up, the fingers
    of one hand between those of the other; the line round the ball of the thumb where it shows."""
    plates = {s: _plate(body, s) for s in ("l", "r")}
    width, outline = _PALM_WIDTH * f.k, f.outline()
    palms: list[Bar] = []
    fingers: list[Bar] = []
    for i, side in enumerate(("l", "r")):
        plate = plates[side]
        palms.append((f(_on(plate, 0.08, 0.0)), f(_on(plate, 0.5, 0.0)), width))
        root = _on(plate, 0.25, 0.3)
        tip = add(root, scale(sub(body[f"thumb_{side}"], body[f"wrist_{side}"]), 0.75))
        palms.append((f(root), f(tip), _THUMB_WIDTH * _PALM_SCALE * f.k))
        # One hand's fingers half a finger from the other's: they alternate, interlocked.
        for j in range(4):
            across = -0.36 + 0.24 * j + (0.06 if i else -0.06)
            finger = (f(_on(plate, 0.45, across)), f(_on(plate, 0.78, across)), _FINGER * width)
            fingers.insert(2 * j + i, finger)
    out = '<g class="clasp palms">' + bars(palms, outline, style)
    if not style.dash and width >= _LINES_FROM:
        line = "".join(polyline([f(_on(plates[s], a, b)) for a, b in _THUMB_LINE]) for s in "lr")
        stroke = num(max(1.0, outline * 0.55))
        out += f'<path class="palm-line" d="{line}" stroke="{style.ink}" stroke-width="{stroke}"/>'
    # Each finger outlined on its own, in turn from each hand: merged, they were one blob.
    thin = max(1.0, outline * 0.6)
    return out + "".join(bars([finger], thin, style) for finger in fingers) + "</g>"


def clasp_svg(body: Body, f: Frame, style: Style) -> str:
    """Interlocked fingers: two hands from the wrists meeting at a zig-zag seam of fingers."""
    if thumbs_up(body) and palms_seen(body, f):
        return palms_svg(body, f, style)
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
