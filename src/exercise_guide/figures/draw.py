"""A posed body → SVG line art: limbs back to front, outline under fill, arrows, props, breath cue."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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
    FAR_INK,
    FIGURE_HEIGHT,
    FLOOR,
    FONT,
    GHOST_FILL,
    GHOST_INK,
    HAIR,
    INK,
    MAX_SCALE,
    PAD,
    PROP_INK,
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


@dataclass(frozen=True)
class _Style:
    ink: str
    fill: str
    hair: str


NEAR = _Style(INK, "#fff", HAIR)
FAR = _Style(FAR_INK, FAR_FILL, "#bdbdbd")
GHOST = _Style(GHOST_INK, GHOST_FILL, GHOST_FILL)

_RING_BACK = 9  # the ring sample at the middle of the back (angle 270°)
_LIMBS = {
    "arm": (
        ("shoulder", "elbow", "upper_arm"),
        ("elbow", "wrist", "forearm"),
        ("wrist", "hand", "hand"),
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
    """Camera plus the scale and offset that fit the picture into its box."""

    def __init__(self, cam: Camera, points: Iterable[Vec], extra: Iterable[Point] = ()) -> None:
        self.cam = cam
        raw = [cam.project(p)[:2] for p in points] + list(extra)
        xs, ys = [p[0] for p in raw], [p[1] for p in raw]
        bw, bh = max(xs) - min(xs), max(ys) - min(ys)
        room = FIGURE_HEIGHT - 2 * PAD
        self.k = min(MAX_SCALE, (WIDTH - 2 * PAD) / max(bw, 1e-6), room / max(bh, 1e-6))
        self.ox = WIDTH / 2 - self.k * (min(xs) + max(xs)) / 2
        # Standing figures share a floor line; a small pose is not floated to the middle.
        self.oy = FIGURE_HEIGHT - PAD - self.k * max(ys)

    def __call__(self, p: Vec) -> Point:
        x, y, _ = self.cam.project(p)
        return (self.ox + self.k * x, self.oy + self.k * y)

    def depth(self, p: Vec) -> float:
        return self.cam.project(p)[2]


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


def _segments_svg(segs: Sequence[tuple[Vec, Vec, float]], f: _Frame, style: _Style) -> str:
    """Round-capped segments: all dark strokes, then all light ones, so joints merge."""
    outline = max(2.0, 0.013 * f.k)
    dark, light = [], []
    for a, b, w in segs:
        d = polyline([f(a), f(b)])
        dark.append(f'<path d="{d}" stroke-width="{num(w * f.k + outline)}"/>')
        light.append(f'<path d="{d}" stroke-width="{num(w * f.k)}"/>')
    return (
        f'<g stroke="{style.ink}">{"".join(dark)}</g><g stroke="{style.fill}">{"".join(light)}</g>'
    )


def _blob_svg(points: Iterable[Vec], f: _Frame, style: _Style) -> str:
    outline = smooth_closed(hull(f(p) for p in points))
    width = num(max(2.0, 0.013 * f.k))
    return f'<path d="{outline}" fill="{style.fill}" stroke="{style.ink}" stroke-width="{width}"/>'


def _back_line(name: str, rings: Sequence[Sequence[Vec]], f: _Frame, style: _Style) -> str:
    """The spine (or the cleft of the buttocks) where the figure's back is seen: front or back?"""
    back = _RING_BACK
    first, last = (0, len(rings) - 1) if name == "chest" else (1, len(rings) - 1)
    centre = [sum(c) / len(rings[first]) for c in zip(*rings[first], strict=True)]
    if f.depth(rings[first][back]) - f.depth((centre[0], centre[1], centre[2])) < 0.02:
        return ""
    top, bottom = rings[first][back], rings[last][back]
    if name == "chest":
        top = tuple(a + (b - a) * 0.25 for a, b in zip(top, bottom, strict=True))  # type: ignore[assignment]
    else:
        top = tuple(a + (b - a) * 0.45 for a, b in zip(top, bottom, strict=True))  # type: ignore[assignment]
    d = polyline([f(top), f(bottom)])
    return f'<path d="{d}" stroke="{style.ink}" stroke-width="1.3"/>'


def _head_svg(body: Body, f: _Frame, style: _Style) -> str:
    centre = f(body["head"])
    r = HEAD_RADIUS * f.k
    outline = max(2.0, 0.013 * f.k)
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
            f'stroke-width="{num(outline)}"/>'
        )
    parts.append(
        f'<circle cx="{num(centre[0])}" cy="{num(centre[1])}" r="{num(r)}" '
        f'fill="{style.fill}" stroke="{style.ink}" stroke-width="{num(outline)}"/>'
    )
    hair = _hair(body, f)
    if len(hair) >= 3:
        parts.append(f'<path d="{smooth_closed(hair)}" fill="{style.hair}"/>')
    return "".join(parts)


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
    **{f"arm_{s}": (f"elbow_{s}", f"wrist_{s}", f"hand_{s}") for s in sk.SIDES},
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


def _body_svg(body: Body, f: _Frame, ghost: bool, only: set[str] | None = None) -> str:
    """Every part back to front; `only` limits a ghost to the parts that moved."""
    layers: list[tuple[float, str]] = []
    torso = []
    for name, rings in body.rings:
        pts = [p for ring in rings for p in ring]
        depth = sum(f.depth(p) for p in pts) / len(pts) + (0.03 if name == "hips" else 0.02)
        torso.append(depth)
    far = _far_side(body, f)
    for side in sk.SIDES:
        style = GHOST if ghost else FAR if side == far else NEAR
        if only is None or f"arm_{side}" in only:
            layers.extend(_limb_svg(body, side, "arm", f, style, torso))
        leg = _limb_svg(body, side, "leg", f, style, torso)
        # A leg below the trunk starts inside the hips: draw the hips over its top end.
        if body.angles.get(f"hip_{side}.flexion", 0.0) < 40:
            leg = [(min(d, torso[-1] - 0.001), svg) for d, svg in leg]
        if only is None or f"leg_{side}" in only:
            layers.extend(leg)
    if only is not None and not only & {"trunk", "head"}:
        return "".join(svg for _, svg in sorted(layers, key=lambda layer: layer[0]))
    style = GHOST if ghost else NEAR
    outline = max(2.0, 0.013 * f.k)
    neck = polyline([f(body["neck_base"]), f(body["neck_top"]), f(body["head"])])
    neck_w = sk.WIDTH["neck"] * f.k
    # The neck is drawn over the top of the chest, the head over the neck.
    neck_depth = f.depth(body["neck_base"]) + 0.04
    layers.append(
        (
            neck_depth,
            f'<path d="{neck}" stroke="{style.ink}" stroke-width="{num(neck_w + outline)}"/>'
            f'<path d="{neck}" stroke="{style.fill}" stroke-width="{num(neck_w)}"/>',
        )
    )
    for (name, rings), depth in zip(body.rings, torso, strict=True):
        pts = [p for ring in rings for p in ring]
        layers.append((depth, _blob_svg(pts, f, style) + _back_line(name, rings, f, style)))
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


def render(scene: Scene) -> str:
    """The SVG text of a figure (deterministic: the same scene always gives the same bytes)."""
    cam = camera(scene.view, scene.mirror)
    bodies = [scene.body] + ([scene.ghost] if scene.ghost is not None else [])
    points = [p for b in bodies for p in _all_points(b)]
    points += [add(scene.body["head"], (0.0, HEAD_RADIUS, 0.0))]
    recorded: list[Point] = []

    def record(p: Vec) -> Point:
        x, y, _ = cam.project(p)
        recorded.append((x, y))
        return (x, y)

    far = _far_side(scene.body, cam)
    arrows.strokes(scene.body, scene.motions, record, scene.ghost, far)
    frame = _Frame(cam, points, recorded)
    parts = [_floor_svg(scene.body, frame, scene.props)]
    if scene.ghost is not None:
        moved = moved_parts(scene.body, scene.ghost)
        parts.append(_body_svg(scene.ghost, frame, ghost=True, only=moved))
    parts.append(_body_svg(scene.body, frame, ghost=False))
    strokes = arrows.strokes(scene.body, scene.motions, frame, scene.ghost, far)
    parts.append(arrows.render(strokes, scene.accent))
    height = FIGURE_HEIGHT
    breath = ""
    if scene.breath_kind and scene.breath_words:
        breath = breath_svg(scene.breath_kind, scene.breath_words, FIGURE_HEIGHT, scene.accent)
        height += BREATH_BAND
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(WIDTH)} {num(height)}" '
        f'width="{num(WIDTH)}" height="{num(height)}" role="img">'
        f"<title>{escape(_short(scene.title))}</title>"
        f'<g fill="none" stroke-linecap="round" stroke-linejoin="round" font-family="{FONT}">'
        + "".join(parts)
        + breath
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
