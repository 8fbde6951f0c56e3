"""The head: a circle with a nose in profile, a face from the front, hair over the back."""

from __future__ import annotations

import functools
import math

from .body_axes import head_pitch
from .frame import Frame
from .kinematics import HEAD_RADIUS, Body
from .style import Style
from .svg import Point, hull, num, polyline, smooth_closed
from .vec import Mat, Vec, X, add, apply, mul, rot

# A bow "a little" forward turns a round head by 28 degrees: at print size only the nose moved,
# and a blind reviewer saw the head upright. Drawn, a bowed head's face and hair turn further
# (by this share of the bow past _BOW_FROM, so an animation grows smoothly): the crown tips
# forward and the nose points clearly down. The pose and its checks keep the true angle.
_BOW_SHOWN = 0.7
# Bows up to this are drawn as they are (a level head stays level).
_BOW_FROM = 10.0
# A deep bow reads as one already: it gets no more than this (degrees).
_BOW_EXTRA_MAX = 13.0


def drawn_frame(body: Body) -> Mat:
    """The head's orientation as drawn: a bow is shown a little deeper than it is."""
    pitch = head_pitch(body)
    if pitch <= _BOW_FROM:
        return body.head_frame
    return mul(body.head_frame, rot(X, min(_BOW_SHOWN * (pitch - _BOW_FROM), _BOW_EXTRA_MAX)))


def head_svg(body: Body, f: Frame, style: Style) -> str:
    """The head: ears, the skull, a nose in profile, then hair and face where they are seen."""
    centre = f(body["head"])
    r = HEAD_RADIUS * f.k
    outline = f.outline()
    dash = style.stroke_dash()
    head = body["head"]
    parts = []
    if style.face:
        # Ears behind the skull: they stick out at its sides seen from the front or behind.
        for side in (1.0, -1.0):
            x, y = f(
                add(head, apply(drawn_frame(body), (side * HEAD_RADIUS * 0.92, -0.008, -0.004)))
            )
            parts.append(
                f'<circle class="ear" cx="{num(x)}" cy="{num(y)}" r="{num(0.3 * r)}" '
                f'fill="{style.fill}" stroke="{style.ink}" stroke-width="{num(outline * 0.8)}"/>'
            )
    nose = f(body["nose"])
    # A nose only where the face is seen in profile; from the front it would sit inside the head.
    if math.dist(nose, centre) > 0.8 * r:
        shape = _nose(body, f, _PROFILE_NOSE)
        if _area(shape) < 0.1 * r * r:
            # Seen from above the profile is edge-on, a stick: the nose's width shows instead.
            shape = _nose(body, f, _TOP_NOSE)
        parts.append(
            f'<path class="nose" d="{polyline(shape)}Z" fill="{style.fill}" stroke="{style.ink}" '
            f'stroke-width="{num(outline)}"{dash}/>'
        )
    parts.append(
        f'<circle cx="{num(centre[0])}" cy="{num(centre[1])}" r="{num(r)}" '
        f'fill="{style.fill}" stroke="{style.ink}" stroke-width="{num(outline)}"{dash}/>'
    )
    if style.face:
        hair = _hair(body, f)
        if len(hair) >= 3:
            parts.append(f'<path class="hair" d="{smooth_closed(hair)}" fill="{style.hair}"/>')
        parts.append(_face_svg(body, f, style))
    return "".join(parts)


# The nose in the head's frame: its profile (bridge, tip, base), and its width from above.
_PROFILE_NOSE = (
    (0.0, 0.016, HEAD_RADIUS * 0.9),
    (0.0, -0.01, HEAD_RADIUS + 0.03),
    (0.0, -0.032, HEAD_RADIUS * 0.85),
)
# From above a long nose read as a spike or a pointed hat (a blind reviewer): a small one.
_TOP_NOSE = (
    (0.011, -0.012, HEAD_RADIUS * 0.85),
    (0.0, -0.01, HEAD_RADIUS + 0.014),
    (-0.011, -0.012, HEAD_RADIUS * 0.85),
)


def _nose(body: Body, f: Frame, local: tuple[Vec, ...]) -> list[Point]:
    return [f(add(body["head"], apply(drawn_frame(body), p))) for p in local]


def _area(shape: list[Point]) -> float:
    (ax, ay), (bx, by), (cx, cy) = shape
    return abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2


# Eyes a little inside the surface: from the front the same place, in profile inside the
# outline (on it, a dot would merge with the outline).
_EYES = tuple((x, 0.014, HEAD_RADIUS * 0.62) for x in (0.023, -0.023))


def _face_svg(body: Body, f: Frame, style: Style) -> str:
    """Eyes (and a mouth when the face is seen): a face tells front from back at a glance."""
    head = body["head"]
    c_depth = f.depth(head)
    dots = []
    for local in _EYES:
        p = add(head, apply(drawn_frame(body), local))
        # Only a face turned to the viewer (front or profile): from above, eyes would make
        # the crown a face.
        if f.depth(p) > c_depth + 0.28 * HEAD_RADIUS:
            x, y = f(p)
            dots.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(max(1.6, 0.01 * f.k))}"/>')
    if not dots:
        return ""
    out = f'<g class="face" fill="{style.ink}" stroke="none">{"".join(dots)}</g>'
    if len(dots) == 2:
        ends = [
            f(add(head, apply(drawn_frame(body), (x, -0.03, HEAD_RADIUS * 0.88))))
            for x in (-0.015, 0.0, 0.015)
        ]
        out += f'<path d="{polyline(ends)}" stroke="{style.ink}" stroke-width="1.2"/>'
    return out


def _cap_samples() -> tuple[Vec, ...]:
    """Points on the head (head frame) covered by hair: the crown and the back of the head."""
    # Out to the skull's outline: a ring of bare skin round the hair would read as a helmet.
    r = HEAD_RADIUS
    out = []
    for i in range(9):
        lat = math.radians(-70 + i * 20)
        for j in range(16):
            lon = 2 * math.pi * j / 16
            x, y, z = (
                r * math.cos(lat) * math.cos(lon),
                r * math.sin(lat),
                r * math.cos(lat) * math.sin(lon),
            )
            # The face (forward, below the hairline) stays bare; the crown is hair all over,
            # so that from above the head does not read as a face.
            if (z > 0.2 * r and y < 0.55 * r) or (z > -0.25 * r and y < 0.3 * r):
                continue
            out.append((x, y, z))
    return tuple(out)


_CAP = _cap_samples()


@functools.lru_cache(maxsize=256)
def _cap_at(centre: Vec, frame: Mat) -> tuple[Vec, ...]:
    """The hair cap placed on a head (a pose's head is drawn in several views and figures)."""
    return tuple(add(centre, apply(frame, local)) for local in _CAP)


def _hair(body: Body, f: Frame) -> list[Point]:
    """The visible part of the hair cap."""
    return hull(f.fresh(f.view(body).outline("hair", lambda: _hair_seen(body, f))))


def _hair_seen(body: Body, f: Frame) -> list[Vec]:
    """The points of the hair cap the viewer sees."""
    centre = body["head"]
    return f.nearer(_cap_at(centre, drawn_frame(body)), f.depth(centre) - 0.2 * HEAD_RADIUS)
