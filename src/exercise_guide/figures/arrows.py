"""Movement arrows in 3D (arcs about the parent joint, circles for rolling), drawn in one colour."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from ..model import Motion
from .kinematics import HEAD_RADIUS, Body
from .project import DIRECTIONS
from .skeleton import MOTION_JOINTS
from .svg import Point, num, polyline, pt
from .vec import Vec, add, cross, dot, norm, rotate_about, scale, sub, unit

# A joint swings about the one above it: the elbow about the shoulder, the head about the neck.
PARENT = {
    "head": "neck_base",
    "neck_base": "pelvis",
    "pelvis": "pelvis",
    **{
        f"{j}_{s}": p
        for s in ("l", "r")
        for j, p in (
            ("elbow", f"shoulder_{s}"),
            ("wrist", f"shoulder_{s}"),
            ("hand", f"elbow_{s}"),
            ("shoulder", f"sc_{s}"),
            ("knee", f"hip_{s}"),
            ("ankle", f"hip_{s}"),
            ("foot", f"knee_{s}"),
            ("hip", "pelvis"),
        )
    },
}
# Where an arrow for a named joint is anchored.
ANCHOR = {"hand_l": "hand_l", "hand_r": "hand_r", "foot_l": "toe_l", "foot_r": "toe_r"}

ARC_DEGREES = 38.0
HEAD_SIZE = 7.5


@dataclass(frozen=True)
class Stroke:
    """One arrow: a path with arrowheads, a label, and the screen point it belongs to."""

    path: str
    heads: tuple[str, ...]
    anchor: Point
    label: str | None = None
    label_at: Point | None = None


def _direction(motion: Motion, landmark: str) -> Vec:
    v = DIRECTIONS[motion.direction]
    # "out" and "in" are relative to the side of the body the joint is on.
    if motion.direction in ("out", "in") and landmark.endswith("_r"):
        v = scale(v, -1.0)
    return v


def arrowhead(tip: Point, before: Point) -> str:
    """A filled triangle at `tip`, pointing away from `before`."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    base = (tip[0] - ux * HEAD_SIZE, tip[1] - uy * HEAD_SIZE)
    half = HEAD_SIZE * 0.55
    left = (base[0] - uy * half, base[1] + ux * half)
    right = (base[0] + uy * half, base[1] - ux * half)
    return "M" + pt(tip) + "L" + pt(left) + "L" + pt(right) + "Z"


def _arc(centre: Vec, start: Vec, axis: Vec, a0: float, a1: float, steps: int = 9) -> list[Vec]:
    r = sub(start, centre)
    return [
        add(centre, rotate_about(r, axis, a0 + (a1 - a0) * i / steps)) for i in range(steps + 1)
    ]


def strokes(
    body: Body,
    motions: Sequence[Motion],
    to_screen: Callable[[Vec], Point],
    ghost: Body | None = None,
    far: str | None = None,
) -> list[Stroke]:
    """The arrows for a step's motions; a pair that would overlap on screen is drawn once.

    With a ghost (the previous step's pose) an arrow runs from where the joint was to where it
    is; on a pair of joints seen from the side, only the near one gets an arrow.
    """
    out: list[Stroke] = []
    for motion in motions:
        drawn: list[Stroke] = []
        landmarks = MOTION_JOINTS.get(motion.joint, ())
        if far and len(landmarks) == 2:
            landmarks = tuple(lm for lm in landmarks if not lm.endswith("_" + far))
        for landmark in landmarks:
            name = ANCHOR.get(landmark, landmark)
            stroke = None
            if ghost is not None and motion.kind in ("arc", "line"):
                stroke = _from_ghost(body, ghost, name, motion.kind, to_screen)
            if stroke is None:
                stroke = _stroke(body, motion, name, to_screen)
            if stroke is None:
                continue
            # Seen from the side both shoulders are at one place: one circle says it.
            if any(math.dist(stroke.anchor, d.anchor) < 14 for d in drawn):
                continue
            drawn.append(stroke)
        if drawn and motion.label:
            first = drawn[0]
            drawn[0] = Stroke(first.path, first.heads, first.anchor, motion.label, first.label_at)
        out.extend(drawn)
    return out


def _from_ghost(
    body: Body, ghost: Body, landmark: str, kind: str, to_screen: Callable[[Vec], Point]
) -> Stroke | None:
    """An arrow from the joint's place in the previous step to its place now."""
    p, q = ghost[landmark], body[landmark]
    if norm(sub(p, q)) < 0.04:
        return None
    centre = body[PARENT.get(landmark, "pelvis")]
    a, b = sub(p, centre), sub(q, centre)
    axis = cross(a, b)
    if kind == "line" or norm(axis) < 1e-6 or min(norm(a), norm(b)) < 0.03:
        # A short move still gets an arrow long enough to read, ending just past the joint.
        step = sub(q, p)
        length = max(norm(step), 0.11)
        start = sub(q, scale(unit(step), length - 0.015))
        pts = [to_screen(start), to_screen(add(q, scale(unit(step), 0.015)))]
    else:
        total = math.degrees(math.acos(max(-1.0, min(1.0, dot(unit(a), unit(b))))))
        margin = HEAD_RADIUS + 0.035 if landmark == "head" else 0.06
        start3 = add(centre, scale(a, (norm(a) + margin) / norm(a)))
        arc = _arc(centre, start3, unit(axis), total * 0.12, total * 0.92)
        pts = [to_screen(v) for v in arc]
    if math.dist(pts[0], pts[-1]) < 10:
        return None
    return Stroke(polyline(pts), (arrowhead(pts[-1], pts[-2]),), to_screen(q), label_at=pts[-1])


def _stroke(
    body: Body, motion: Motion, landmark: str, to_screen: Callable[[Vec], Point]
) -> Stroke | None:
    p = body[landmark]
    centre = body[PARENT.get(landmark, "pelvis")]
    move = _direction(motion, landmark)
    anchor = to_screen(p)
    if motion.kind == "circle":
        # A roll: forward means up, forward, down, back; the circle's plane holds up and `move`.
        if motion.direction in ("up", "down", "back-and-forth"):
            move = DIRECTIONS["forward"]
        up = (0.0, 1.0, 0.0)
        axis = unit(cross(up, move), (1.0, 0.0, 0.0))
        start = add(p, scale(up, 0.075))
        pts = _arc(p, start, axis, 25.0, 330.0, steps=24)
        screen = [to_screen(q) for q in pts]
        return Stroke(
            polyline(screen), (arrowhead(screen[-1], screen[-3]),), anchor, label_at=screen[0]
        )
    arm = sub(p, centre)
    reach = norm(arm)
    if motion.kind == "line" or reach < 0.03:
        start = add(p, scale(move, 0.06))
        end = add(p, scale(move, 0.19))
        a, b = to_screen(start), to_screen(end)
        if math.dist(a, b) < 8:
            return None
        return Stroke(polyline([a, b]), (arrowhead(b, a),), anchor, label_at=b)
    axis = cross(arm, move)
    if norm(axis) < 1e-6:
        return None
    axis = unit(axis)
    margin = HEAD_RADIUS + 0.035 if landmark == "head" else 0.06
    start = add(centre, scale(arm, (reach + margin) / reach))
    if motion.kind == "flap" or motion.direction == "back-and-forth":
        pts = _arc(centre, start, axis, -24.0, 24.0)
        screen = [to_screen(q) for q in pts]
        if math.dist(screen[0], screen[-1]) < 10:
            return None
        heads = (arrowhead(screen[-1], screen[-2]), arrowhead(screen[0], screen[1]))
        return Stroke(polyline(screen), heads, anchor, label_at=screen[-1])
    pts = _arc(centre, start, axis, 4.0, 4.0 + ARC_DEGREES)
    screen = [to_screen(q) for q in pts]
    if math.dist(screen[0], screen[-1]) < 10:
        return None
    return Stroke(
        polyline(screen), (arrowhead(screen[-1], screen[-2]),), anchor, label_at=screen[-1]
    )


def render(items: Sequence[Stroke], colour: str) -> str:
    """SVG for arrows: a white halo under each so it reads over the figure's lines."""
    if not items:
        return ""
    paths = "".join(f'<path d="{s.path}"/>' for s in items)
    heads = "".join(h for s in items for h in s.heads)
    labels = "".join(
        f'<text x="{num(s.label_at[0] + 4)}" y="{num(s.label_at[1] - 4)}">{escape(s.label)}</text>'
        for s in items
        if s.label and s.label_at
    )
    out = (
        f'<g stroke="#fff" stroke-width="6">{paths}<path d="{heads}" stroke-width="3"/></g>'
        f'<g stroke="{colour}" stroke-width="2.6">{paths}</g>'
        f'<path d="{heads}" fill="{colour}" stroke="{colour}" stroke-width="1"/>'
    )
    if labels:
        out += f'<g fill="{colour}" stroke="none" font-size="10">{labels}</g>'
    return out
