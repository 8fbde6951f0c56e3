"""A posed body → SVG line art: limbs back to front, outline under fill, arrows, props, breath cue."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from ..model import Motion
from . import arrows
from . import skeleton as sk
from .cue import breath_svg
from .kinematics import HEAD_RADIUS, Body
from .project import Camera, camera
from .style import (
    BREATH_BAND,
    FAR_FILL,
    FAR_HAIR,
    FAR_INK,
    FIGURE_HEIGHT,
    FLOOR,
    FONT,
    GHOST_DASH,
    GHOST_FILL,
    GHOST_INK,
    HAIR,
    INK,
    INSET,
    MAX_SCALE,
    PAD,
    PROP_INK,
    VIEW_BAND,
    WIDTH,
)
from .svg import Point, hull, num, polyline, smooth_closed
from .vec import Vec, add, apply, sub


@dataclass(frozen=True)
class Scene:
    """Everything one figure shows."""

    body: Body
    view: str
    title: str
    accent: str = "#c0392b"
    mirror: bool = False
    ghost: Body | None = None
    motions: Sequence[Motion] = ()
    props: tuple[str, ...] = ()
    breath_kind: str | None = None
    breath_words: str | None = None
    # Where the figure is seen from, in words ("Seen from behind"), printed above it.
    view_words: str | None = None
    # A small second view of the same moment, and its words, for what the main view cannot show.
    inset_view: str | None = None
    inset_words: str | None = None
    # The word each movement direction prints beside its arrow ("forward").
    direction_words: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Style:
    ink: str
    fill: str
    hair: str
    dash: str | None = None
    face: bool = True

    def stroke_dash(self) -> str:
        return f' stroke-dasharray="{self.dash}"' if self.dash else ""


NEAR = _Style(INK, "#fff", HAIR)
FAR = _Style(FAR_INK, FAR_FILL, FAR_HAIR)
GHOST = _Style(GHOST_INK, GHOST_FILL, GHOST_FILL, GHOST_DASH, face=False)

_RING_BACK = 9  # the ring sample at the middle of the back (angle 270°)
_LIMBS = {
    "arm": (
        ("shoulder", "elbow", "upper_arm"),
        ("elbow", "wrist", "forearm"),
    ),
    "leg": (
        ("hip", "knee", "thigh"),
        ("knee", "ankle", "shank"),
        ("ankle", "heel", "foot"),
        ("heel", "toe", "foot"),
    ),
}


def _all_points(body: Body) -> Iterable[Vec]:
    yield from body.points.values()
    for _, rings in body.rings:
        for ring in rings:
            yield from ring


class _Frame:
    """Camera plus the scale and offset that fit the picture into its box (x, y, width, height)."""

    def __init__(
        self,
        cam: Camera,
        points: Iterable[Vec],
        extra: Iterable[Point] = (),
        box: tuple[float, float, float, float] = (0.0, 0.0, WIDTH, FIGURE_HEIGHT),
        pad: float = PAD,
        max_scale: float = MAX_SCALE,
    ) -> None:
        self.cam = cam
        seen: dict[Vec, tuple[float, float, float]] = {}
        project = cam.project
        for p in points:
            if p not in seen:
                seen[p] = project(p)
        self._seen = seen
        raw = [(q[0], q[1]) for q in seen.values()] + list(extra)
        xs, ys = [p[0] for p in raw], [p[1] for p in raw]
        bw, bh = max(xs) - min(xs), max(ys) - min(ys)
        x0, y0, width, height = box
        room = height - 2 * pad
        self.k = min(max_scale, (width - 2 * pad) / max(bw, 1e-6), room / max(bh, 1e-6))
        self.ox = x0 + width / 2 - self.k * (min(xs) + max(xs)) / 2
        # Standing figures share a floor line; a small pose is not floated to the middle.
        self.oy = y0 + height - pad - self.k * max(ys)

    def _project(self, p: Vec) -> tuple[float, float, float]:
        # A figure asks for the same points many times (outline, depth order, marks): once each.
        known = self._seen.get(p)
        if known is None:
            known = self._seen[p] = self.cam.project(p)
        return known

    def __call__(self, p: Vec) -> Point:
        x, y, _ = self._project(p)
        return (self.ox + self.k * x, self.oy + self.k * y)

    def depth(self, p: Vec) -> float:
        return self._project(p)[2]


def _limb_svg(
    body: Body, side: str, limb: str, f: _Frame, style: _Style, torso: Sequence[float]
) -> list[tuple[float, str]]:
    """A limb as one merged outline, or as two when the trunk lies between its two halves."""
    segs = [(body[f"{a}_{side}"], body[f"{b}_{side}"], sk.WIDTH[w]) for a, b, w in _LIMBS[limb]]
    halves = [segs[:1], segs[1:]]
    depths = [sum(f.depth(a) + f.depth(b) for a, b, _ in h) / (2 * len(h)) for h in halves]
    low, high = sorted(depths)
    # Only arms pass behind the trunk (hands behind the back); legs always hang below it.
    if limb != "arm" or not any(low < t < high for t in torso):
        halves, depths = [segs], [sum(depths) / 2]
    return [(d, _segments_svg(h, f, style)) for d, h in zip(depths, halves, strict=True)]


def _outline(f: _Frame) -> float:
    return max(2.0, 0.013 * f.k)


def _segments_svg(segs: Sequence[tuple[Vec, Vec, float]], f: _Frame, style: _Style) -> str:
    """Round-capped segments: all dark strokes, then all light ones, so joints merge."""
    outline = _outline(f)
    dark, light = [], []
    for a, b, w in segs:
        d = polyline([f(a), f(b)])
        dark.append(f'<path d="{d}" stroke-width="{num(w * f.k + outline)}"/>')
        light.append(f'<path d="{d}" stroke-width="{num(w * f.k)}"/>')
    return (
        f'<g stroke="{style.ink}"{style.stroke_dash()}>{"".join(dark)}</g>'
        f'<g stroke="{style.fill}">{"".join(light)}</g>'
    )


# Hands are drawn a little larger than life so that fingers and thumbs read at figure size.
_HAND_SCALE = 1.15
_HAND_WIDTH = 0.045 * _HAND_SCALE
_THUMB_WIDTH = 0.02 * _HAND_SCALE


def _toward(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _hand_svg(body: Body, side: str, f: _Frame, style: _Style) -> str:
    """A hand: a mitten from the wrist, a thumb on its side, and two lines between the fingers."""
    w, h, t = f(body[f"wrist_{side}"]), f(body[f"hand_{side}"]), f(body[f"thumb_{side}"])
    tip = _toward(w, h, 1.1 * _HAND_SCALE)
    thumb = _toward(w, t, _HAND_SCALE)
    root = _toward(w, h, 0.25)
    width, thumb_w, outline = _HAND_WIDTH * f.k, _THUMB_WIDTH * f.k, _outline(f)
    palm, finger = polyline([w, tip]), polyline([root, thumb])
    out = (
        f'<g class="hand"><g stroke="{style.ink}"{style.stroke_dash()}>'
        f'<path d="{palm}" stroke-width="{num(width + outline)}"/>'
        f'<path d="{finger}" stroke-width="{num(thumb_w + outline)}"/></g>'
        f'<g stroke="{style.fill}"><path d="{palm}" stroke-width="{num(width)}"/>'
        f'<path d="{finger}" stroke-width="{num(thumb_w)}"/></g>'
    )
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


def _clasp_svg(body: Body, f: _Frame, style: _Style) -> str:
    """Interlocked fingers: two hands from the wrists meeting at a zig-zag seam of fingers."""
    wl, wr = f(body["wrist_l"]), f(body["wrist_r"])
    meet = _toward(f(body["hand_l"]), f(body["hand_r"]), 0.5)
    width, outline = _HAND_WIDTH * f.k, _outline(f)
    paths = [polyline([w, _toward(w, meet, 1.18)]) for w in (wl, wr)]
    out = (
        f'<g class="clasp"><g stroke="{style.ink}"{style.stroke_dash()}>'
        + "".join(f'<path d="{d}" stroke-width="{num(width + outline)}"/>' for d in paths)
        + f'</g><g stroke="{style.fill}">'
        + "".join(f'<path d="{d}" stroke-width="{num(width)}"/>' for d in paths)
        + "</g>"
    )
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


def _blob_svg(points: Iterable[Vec], f: _Frame, style: _Style) -> str:
    outline = smooth_closed(hull(f(p) for p in points))
    width = num(_outline(f))
    return (
        f'<path d="{outline}" fill="{style.fill}" stroke="{style.ink}" stroke-width="{width}"'
        f"{style.stroke_dash()}/>"
    )


def _on_ring(ring: Sequence[Vec], k: float) -> Vec:
    """A point on a torso ring at a fractional sample index (12 samples around)."""
    i = math.floor(k) % len(ring)
    j = (i + 1) % len(ring)
    t = k - math.floor(k)
    a, b = ring[i], ring[j]
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def _between(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def back_seen(rings: Sequence[Sequence[Vec]], f: _Frame | Camera) -> bool:
    """Whether the back of a torso part faces the viewer."""
    depth = f.depth if isinstance(f, _Frame) else (lambda p: f.project(p)[2])
    first = rings[0]
    centre = [sum(c) / len(first) for c in zip(*first, strict=True)]
    return depth(first[_RING_BACK]) - depth((centre[0], centre[1], centre[2])) >= 0.02


def _back_marks(name: str, rings: Sequence[Sequence[Vec]], f: _Frame, style: _Style) -> str:
    """Seen from behind: the spine and the shoulder blades, or the cleft of the buttocks."""
    if style.dash or not back_seen(rings, f):
        return ""
    back = _RING_BACK
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


def _head_svg(body: Body, f: _Frame, style: _Style) -> str:
    centre = f(body["head"])
    r = HEAD_RADIUS * f.k
    outline = _outline(f)
    dash = style.stroke_dash()
    parts = []
    nose = f(body["nose"])
    # A nose only where the face is seen in profile; from the front it would sit inside the head.
    if math.dist(nose, centre) > 0.8 * r:
        head = body["head"]
        shape = [
            f(add(head, apply(body.head_frame, local)))
            for local in (
                (0.0, 0.012, HEAD_RADIUS * 0.9),
                (0.0, -0.006, HEAD_RADIUS + 0.02),
                (0.0, -0.03, HEAD_RADIUS * 0.85),
            )
        ]
        parts.append(
            f'<path d="{polyline(shape)}Z" fill="{style.fill}" stroke="{style.ink}" '
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


_EYES = tuple(
    (x, 0.012, math.sqrt(HEAD_RADIUS**2 - x * x - 0.012**2) * 0.98) for x in (0.023, -0.023)
)


def _face_svg(body: Body, f: _Frame, style: _Style) -> str:
    """Eyes (and a mouth when the face is seen): a face tells front from back at a glance."""
    head = body["head"]
    c_depth = f.depth(head)
    dots = []
    for local in _EYES:
        p = add(head, apply(body.head_frame, local))
        if f.depth(p) > c_depth + 0.12 * HEAD_RADIUS:
            x, y = f(p)
            dots.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(max(1.3, 0.0075 * f.k))}"/>')
    if not dots:
        return ""
    out = f'<g class="face" fill="{style.ink}" stroke="none">{"".join(dots)}</g>'
    if len(dots) == 2:
        ends = [
            f(add(head, apply(body.head_frame, (x, -0.03, HEAD_RADIUS * 0.88))))
            for x in (-0.015, 0.0, 0.015)
        ]
        out += f'<path d="{polyline(ends)}" stroke="{style.ink}" stroke-width="1.2"/>'
    return out


def _cap_samples() -> tuple[Vec, ...]:
    """Points on the head (head frame) covered by hair: the crown and the back of the head."""
    r = HEAD_RADIUS * 0.9
    out = []
    for i in range(8):
        lat = math.radians(-50 + i * 20)
        for j in range(16):
            lon = 2 * math.pi * j / 16
            x, y, z = (
                r * math.cos(lat) * math.cos(lon),
                r * math.sin(lat),
                r * math.cos(lat) * math.sin(lon),
            )
            # The face (forward, below the brow) stays bare.
            if z > 0.2 * r or (z > -0.25 * r and y < 0.3 * r):
                continue
            out.append((x, y, z))
    return tuple(out)


_CAP = _cap_samples()


def _hair(body: Body, f: _Frame) -> list[Point]:
    """The visible part of the hair cap."""
    centre = body["head"]
    c_depth = f.depth(centre)
    limit = c_depth - 0.2 * HEAD_RADIUS * 0.9
    pts = [add(centre, apply(body.head_frame, local)) for local in _CAP]
    return hull(f(p) for p in pts if f.depth(p) >= limit)


_PART_POINTS = {
    **{f"arm_{s}": (f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}", f"hand_{s}") for s in sk.SIDES},
    **{f"leg_{s}": (f"knee_{s}", f"ankle_{s}", f"toe_{s}") for s in sk.SIDES},
    "head": ("head", "nose"),
    "trunk": ("pelvis", "neck_base"),
}


def moved_parts(body: Body, before: Body, tolerance: float = 0.03) -> set[str]:
    """The parts of the figure that are somewhere else in the previous pose."""
    return {
        part
        for part, names in _PART_POINTS.items()
        if any(math.dist(body[n], before[n]) > tolerance for n in names)
    }


def _body_svg(
    body: Body, f: _Frame, ghost: bool, only: set[str] | None = None, legs: bool = True
) -> str:
    """Every part back to front; `only` limits a ghost to the parts that moved; `legs=False`
    draws the upper body alone (a close-up)."""
    layers: list[tuple[float, str]] = []
    torso = []
    for name, rings in body.rings:
        pts = [p for ring in rings for p in ring]
        depth = sum(f.depth(p) for p in pts) / len(pts) + (0.03 if name == "hips" else 0.02)
        torso.append(depth)
    far = _far_side(body, f)
    clasp = clasped(body)
    for side in sk.SIDES:
        style = GHOST if ghost else FAR if side == far else NEAR
        if only is None or f"arm_{side}" in only:
            layers.extend(_limb_svg(body, side, "arm", f, style, torso))
            if not clasp:
                hand_depth = f.depth(body[f"hand_{side}"]) + 0.001
                layers.append((hand_depth, _hand_svg(body, side, f, style)))
        leg = _limb_svg(body, side, "leg", f, style, torso)
        # A leg below the trunk starts inside the hips: draw the hips over its top end.
        if body.angles.get(f"hip_{side}.flexion", 0.0) < 40:
            leg = [(min(d, torso[-1] - 0.001), svg) for d, svg in leg]
        if legs and (only is None or f"leg_{side}" in only):
            layers.extend(leg)
    if clasp and (only is None or only & {"arm_l", "arm_r"}):
        depth = (f.depth(body["hand_l"]) + f.depth(body["hand_r"])) / 2 + 0.001
        layers.append((depth, _clasp_svg(body, f, GHOST if ghost else NEAR)))
    if only is not None and not only & {"trunk", "head"}:
        return "".join(svg for _, svg in sorted(layers, key=lambda layer: layer[0]))
    style = GHOST if ghost else NEAR
    outline = _outline(f)
    neck = polyline([f(body["neck_base"]), f(body["neck_top"]), f(body["head"])])
    neck_w = sk.WIDTH["neck"] * f.k
    # The neck is drawn over the top of the chest, the head over the neck.
    neck_depth = f.depth(body["neck_base"]) + 0.04
    layers.append(
        (
            neck_depth,
            f'<path d="{neck}" stroke="{style.ink}" stroke-width="{num(neck_w + outline)}"'
            f"{style.stroke_dash()}/>"
            f'<path d="{neck}" stroke="{style.fill}" stroke-width="{num(neck_w)}"/>',
        )
    )
    for (name, rings), depth in zip(body.rings, torso, strict=True):
        pts = [p for ring in rings for p in ring]
        layers.append((depth, _blob_svg(pts, f, style) + _back_marks(name, rings, f, style)))
    # The head sits on the neck, whatever the camera height says about their depths.
    layers.append((max(neck_depth, f.depth(body["head"])) + 0.01, _head_svg(body, f, style)))
    layers.sort(key=lambda layer: layer[0])
    return "".join(svg for _, svg in layers)


def _far_side(body: Body, f: _Frame | Camera) -> str | None:
    """The side turned away from the viewer (drawn lighter), or None when both face it."""
    depth = f.depth if isinstance(f, _Frame) else (lambda p: f.project(p)[2])
    gap = depth(body["shoulder_l"]) - depth(body["shoulder_r"])
    if abs(gap) < 0.06:
        return None
    return "r" if gap > 0 else "l"


def _floor_svg(body: Body, f: _Frame, props: tuple[str, ...]) -> str:
    pts = list(_all_points(body))
    low = [p for p in pts if p[1] < 0.06]
    if "mat" in props:
        xs = [p[0] for p in pts]
        zs = [p[2] for p in pts]
        x0, x1, z0, z1 = min(xs) - 0.06, max(xs) + 0.06, min(zs) - 0.08, max(zs) + 0.08
        corners = [f((x0, 0.0, z0)), f((x1, 0.0, z0)), f((x1, 0.0, z1)), f((x0, 0.0, z1))]
        return (
            f'<path d="{polyline(corners)}Z" fill="{FLOOR}" stroke="{PROP_INK}" '
            f'stroke-width="1.2"/>'
        )
    cx = sum(p[0] for p in low) / len(low)
    cz = sum(p[2] for p in low) / len(low)
    rx = max(abs(p[0] - cx) for p in low) + 0.09
    rz = max(abs(p[2] - cz) for p in low) + 0.07
    ring = [
        f((cx + rx * math.cos(t), 0.0, cz + rz * math.sin(t)))
        for t in (2 * math.pi * i / 20 for i in range(20))
    ]
    out = f'<path d="{smooth_closed(ring)}" fill="{FLOOR}"/>'
    if "chair" in props:
        out += _chair_svg(body, f)
    return out


def _chair_svg(body: Body, f: _Frame) -> str:
    seat = min(p[1] for _, rings in body.rings for ring in rings for p in ring)
    px, pz = body["pelvis"][0], body["pelvis"][2]
    x0, x1, z0, z1 = px - 0.13, px + 0.13, pz - 0.12, pz + 0.16
    top = seat + 0.30
    lines = [
        [(x0, seat, z0), (x1, seat, z0), (x1, seat, z1), (x0, seat, z1), (x0, seat, z0)],
        [(x0, 0.0, z0), (x0, top, z0)],
        [(x1, 0.0, z0), (x1, top, z0)],
        [(x0, top, z0), (x1, top, z0)],
        [(x0, top - 0.08, z0), (x1, top - 0.08, z0)],
        [(x0, 0.0, z1), (x0, seat, z1)],
        [(x1, 0.0, z1), (x1, seat, z1)],
    ]
    d = "".join(polyline([f(p) for p in line]) for line in lines)
    return f'<path d="{d}" stroke="{PROP_INK}" stroke-width="2.2"/>'


def _short(text: str, limit: int = 1000) -> str:
    """Alt text for the <title>: long imported steps are cut at a word, keeping figures small."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _layout(scene: Scene) -> tuple[float, tuple[float, float, float, float], float]:
    """The top band's height, the main figure's box, and the whole picture's height."""
    top = VIEW_BAND if scene.view_words else 0.0
    width = WIDTH - (INSET + PAD / 2 if scene.inset_view else 0.0)
    height = top + FIGURE_HEIGHT
    if scene.breath_kind and scene.breath_words:
        height += BREATH_BAND
    return top, (0.0, top, width, FIGURE_HEIGHT), height


_UPPER = (
    "head",
    "nose",
    "neck_base",
    "waist",
    "pelvis",
    *(f"{j}_{s}" for j in ("shoulder", "elbow", "wrist", "hand", "thumb", "hip") for s in sk.SIDES),
)


def _view_svg(
    scene: Scene,
    view: str,
    box: tuple[float, float, float, float],
    pad: float,
    close_up: bool = False,
    motions: Sequence[Motion] | None = None,
) -> tuple[str, str]:
    """One view of the scene fitted into a box: (figure and start outline, arrows).

    A close-up shows the upper body alone, larger: what an inset is for.
    """
    cam = camera(view, scene.mirror)
    bodies = [scene.body] + ([scene.ghost] if scene.ghost is not None else [])
    if close_up:
        points = [b[n] for b in bodies for n in _UPPER]
        points += [p for b in bodies for _, rings in b.rings for ring in rings for p in ring]
    else:
        points = [p for b in bodies for p in _all_points(b)]
    points += [add(scene.body["head"], (0.0, HEAD_RADIUS, 0.0))]
    points += [add(scene.body["head"], (0.0, 0.0, s * HEAD_RADIUS)) for s in (-1.0, 1.0)]
    recorded: list[Point] = []

    def record(p: Vec) -> Point:
        x, y, _ = cam.project(p)
        recorded.append((x, y))
        return (x, y)

    far = _far_side(scene.body, cam)
    words = scene.direction_words
    motions = scene.motions if motions is None else motions
    arrows.strokes(scene.body, motions, record, scene.ghost, far, words)
    frame = _Frame(cam, points, recorded, box, pad, MAX_SCALE * (2.0 if close_up else 1.0))
    size = 0.7 if close_up else 1.0
    parts = [] if close_up else [_floor_svg(scene.body, frame, scene.props)]
    legs = not close_up
    # A flap's two ends are told by its double-headed arrow; seen from the side, a dashed
    # second arm behind the back would only read as a stray outline (the inset shows both).
    flap_only = bool(motions) and all(m.kind == "flap" for m in motions) and not close_up
    if scene.ghost is not None and not flap_only:
        # Parts that moved only a little would just blur the outline: the arrows say it.
        moved = moved_parts(scene.body, scene.ghost, tolerance=0.05)
        parts.append(f'<g class="start">{_body_svg(scene.ghost, frame, True, moved, legs)}</g>')
    parts.append(f'<g class="end">{_body_svg(scene.body, frame, False, None, legs)}</g>')
    strokes = arrows.strokes(scene.body, motions, frame, scene.ghost, far, words, size)
    return "".join(parts), arrows.render(
        strokes,
        scene.accent,
        # Words may use the picture's whole width (an inset is among the places they avoid).
        box if close_up else (0.0, box[1], WIDTH, box[3]),
        size,
        _trunk_boxes(scene, frame) if any(s.label for s in strokes) else (),
    )


def _trunk_boxes(scene: Scene, f: _Frame) -> list[tuple[float, float, float, float]]:
    """Where the body is on screen (trunk, head, limbs): direction words are kept off it."""
    out = []
    body = scene.body
    for _, rings in body.rings:
        pts = [f(p) for ring in rings for p in ring]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    hx, hy = f(body["head"])
    r = HEAD_RADIUS * f.k
    out.append((hx - r, hy - r, hx + r, hy + r))
    half = 0.03 * f.k
    for side in sk.SIDES:
        chain = ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "toe")
        for a, b in itertools.pairwise(chain):
            if (a, b) == ("hand", "hip"):
                continue
            (ax, ay), (bx, by) = f(body[f"{a}_{side}"]), f(body[f"{b}_{side}"])
            out.append(
                (min(ax, bx) - half, min(ay, by) - half, max(ax, bx) + half, max(ay, by) + half)
            )
    if scene.inset_view:
        x = WIDTH - INSET - PAD / 2
        top = VIEW_BAND if scene.view_words else 0.0
        out.append((x, top + 28.0, x + INSET, top + 28.0 + INSET + 18))
    return out


def _unseen(scene: Scene) -> Sequence[Motion]:
    """The movements the main view cannot show (all of them when it shows every one)."""
    cam = camera(scene.view, scene.mirror)
    frame = _Frame(cam, list(_all_points(scene.body)))
    far = _far_side(scene.body, cam)
    hidden = [
        m for m in scene.motions if not arrows.strokes(scene.body, [m], frame, scene.ghost, far)
    ]
    return hidden or scene.motions


def _inset_svg(scene: Scene, view: str, top: float) -> str:
    """The small second view: a framed close-up at the right with its view in words under it."""
    x, y = WIDTH - INSET - PAD / 2, top + 28.0
    figure, marks = _view_svg(
        scene, view, (x, y, INSET, INSET), 7.0, close_up=True, motions=_unseen(scene)
    )
    label = ""
    if scene.inset_words:
        label = (
            f'<text x="{num(x + INSET / 2)}" y="{num(y + INSET + 14)}" text-anchor="middle" '
            f'font-size="11.5" font-weight="bold" fill="{INK}" stroke="none">'
            f"{escape(scene.inset_words)}</text>"
        )
    return (
        f'<g class="inset"><rect x="{num(x)}" y="{num(y)}" width="{num(INSET)}" '
        f'height="{num(INSET)}" rx="6" fill="#fff" stroke="{INK}" stroke-width="1.2"/>'
        f"{figure}{marks}{label}</g>"
    )


def render(scene: Scene) -> str:
    """The SVG text of a figure (deterministic: the same scene always gives the same bytes)."""
    top, box, height = _layout(scene)
    figure, marks = _view_svg(scene, scene.view, box, PAD)
    parts = [figure, marks]
    if scene.inset_view:
        parts.append(_inset_svg(scene, scene.inset_view, top))
    if scene.view_words:
        parts.append(
            f'<text class="view" x="{num(PAD)}" y="{num(top - 6)}" font-size="14" '
            f'font-weight="bold" fill="{INK}" stroke="none">{escape(scene.view_words)}</text>'
        )
    if scene.breath_kind and scene.breath_words:
        parts.append(
            breath_svg(scene.breath_kind, scene.breath_words, top + FIGURE_HEIGHT, scene.accent)
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(WIDTH)} {num(height)}" '
        f'width="{num(WIDTH)}" height="{num(height)}" role="img">'
        f"<title>{escape(_short(scene.title))}</title>"
        f'<g fill="none" stroke-linecap="round" stroke-linejoin="round" font-family="{FONT}">'
        + "".join(parts)
        + "</g></svg>"
    )


def film(
    bodies: Sequence[Body], view: str, mirror: bool = False, props: tuple[str, ...] = ()
) -> tuple[str, list[str]]:
    """Many poses of one figure in one framing (for animation): the floor, and each body's line art."""
    cam = camera(view, mirror)
    points = [p for b in bodies for p in _all_points(b)]
    points += [add(b["head"], (0.0, HEAD_RADIUS, 0.0)) for b in bodies]
    frame = _Frame(cam, points)
    return _floor_svg(bodies[0], frame, props), [_body_svg(b, frame, ghost=False) for b in bodies]


def landmark_screen(body: Body, view: str, mirror: bool = False) -> Callable[[str], Point]:
    """Where a named point of a body lands in a view's picture (for tests and tools)."""
    cam = camera(view, mirror)
    frame = _Frame(cam, list(_all_points(body)))
    return lambda name: frame(body[name])


__all__ = ["Scene", "film", "landmark_screen", "render", "sub"]
