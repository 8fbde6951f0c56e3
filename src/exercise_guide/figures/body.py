"""A posed body as line art: limbs, trunk and head in depth order, the floor and props under it."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence

from . import skeleton as sk
from .frame import Frame, all_points
from .hands import clasp_svg, clasped, hand_svg
from .head import head_svg
from .kinematics import Body
from .marks import back_marks, heel_marks
from .project import Camera
from .style import FAR, FLOOR, GHOST, NEAR, PROP_INK, Style
from .svg import bars, hull, num, polyline, smooth_closed
from .vec import Vec, add, scale, sub

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


def _limb_svg(
    body: Body, side: str, limb: str, f: Frame, style: Style, torso: Sequence[float]
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


# Seen from above, drawn at twice the scale, limbs at full width were fat blobs: the elbows of
# a bent arm read as open loops (a blind reviewer). Thinner, upper arm and forearm read as two
# segments meeting at an elbow.
_ABOVE_LIMB = 0.62


def _segments_svg(segs: Sequence[tuple[Vec, Vec, float]], f: Frame, style: Style) -> str:
    """A limb's segments as one outlined shape, joints merged."""
    k = f.k * (_ABOVE_LIMB if f.from_above else 1.0)
    return bars([(f(a), f(b), w * k) for a, b, w in segs], f.outline(), style)


def _blob_svg(points: Iterable[Vec], f: Frame, style: Style) -> str:
    outline = smooth_closed(hull(f.many(points)))
    width = num(f.outline())
    return (
        f'<path d="{outline}" fill="{style.fill}" stroke="{style.ink}" stroke-width="{width}"'
        f"{style.stroke_dash()}/>"
    )


_PART_POINTS = {
    **{f"arm_{s}": (f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}", f"hand_{s}") for s in sk.SIDES},
    **{f"leg_{s}": (f"knee_{s}", f"ankle_{s}", f"toe_{s}") for s in sk.SIDES},
    "head": ("head", "nose"),
    "trunk": ("pelvis", "neck_base"),
    "hands": ("hand_l", "hand_r"),
}


def moved_parts(body: Body, before: Body, tolerance: float = 0.03) -> set[str]:
    """The parts of the figure that are somewhere else in the previous pose."""
    return {
        part
        for part, names in _PART_POINTS.items()
        if any(math.dist(body[n], before[n]) > tolerance for n in names)
    }


def body_svg(
    body: Body,
    f: Frame,
    ghost: bool,
    only: set[str] | None = None,
    legs: bool = True,
    far_arm: bool = True,
    far_style: Style = FAR,
) -> str:
    """Every part back to front; `only` limits a ghost to the parts that moved; `legs=False`
    draws the upper body alone (a close-up); `far_arm=False` leaves out the far side's arm."""
    return "".join(svg for _, svg in body_layers(body, f, ghost, only, legs, far_arm, far_style))


def body_layers(
    body: Body,
    f: Frame,
    ghost: bool,
    only: set[str] | None = None,
    legs: bool = True,
    far_arm: bool = True,
    far_style: Style = FAR,
    ghost_style: Style = GHOST,
) -> list[tuple[float, str]]:
    """The parts of a body as (depth, SVG), back to front, to be drawn in that order."""
    layers: list[tuple[float, str]] = []
    torso: list[float] = f.view(body).remember("torso", lambda: _torso_depths(body, f))
    far = far_side(body, f)
    clasp = clasped(body)
    for side in sk.SIDES:
        style = ghost_style if ghost else far_style if side == far else NEAR
        if (only is None or f"arm_{side}" in only) and (far_arm or side != far):
            layers.extend(_limb_svg(body, side, "arm", f, style, torso))
            if not clasp:
                hand_depth = f.depth(body[f"hand_{side}"]) + 0.001
                layers.append((hand_depth, hand_svg(body, side, f, style)))
        if legs and (only is None or f"leg_{side}" in only):
            leg = _limb_svg(body, side, "leg", f, style, torso)
            # A leg below the trunk starts inside the hips: draw the hips over its top end.
            if body.angles.get(f"hip_{side}.flexion", 0.0) < 40:
                leg = [(min(d, torso[-1] - 0.001), svg) for d, svg in leg]
            depth, svg = leg[-1]
            leg[-1] = (depth, svg + heel_marks(body, side, f, style))
            layers.extend(leg)
    if clasp and (only is None or "hands" in only):
        depth = (f.depth(body["hand_l"]) + f.depth(body["hand_r"])) / 2 + 0.001
        if abs(f.depth(body["wrist_l"]) - f.depth(body["wrist_r"])) > 0.06:
            # Seen from the side the near forearm would hide the clasp: hands on the back
            # are the point of the picture, so they are drawn over it.
            depth = max(f.depth(body[f"elbow_{s}"]) for s in sk.SIDES) + 0.002
        if f.from_above:
            # Seen from above the hands on the lower back were under the trunk, never drawn:
            # the forearms ended at nothing and a blind reviewer could not tell they were
            # joined. Drawn over the trunk, the clasp shows where both forearms end.
            depth = max([torso[0], *(d for d, _ in layers)]) + 0.001
        layers.append((depth, clasp_svg(body, f, ghost_style if ghost else NEAR)))
    if only is not None and not only & {"trunk", "head"}:
        return sorted(layers, key=lambda layer: layer[0])
    style = GHOST if ghost else NEAR
    neck_w = sk.WIDTH["neck"] * f.k
    neck = [f(body["neck_base"]), f(body["neck_top"]), f(body["head"])]
    # The neck is drawn over the top of the chest, the head over the neck.
    neck_depth = f.depth(body["neck_base"]) + 0.04
    # A start position whose head alone moved (bowed, then upright) is the head alone: a dashed
    # trunk round the solid one would only blur it.
    # Seen from above the neck is under the head: drawn, its round ends made a ring round the
    # head that read as a hat's brim.
    if (only is None or "trunk" in only) and not f.from_above:
        layers.append(
            (
                neck_depth,
                bars([(neck[0], neck[1], neck_w), (neck[1], neck[2], neck_w)], f.outline(), style),
            )
        )
    if (only is None or "trunk" in only) and f.from_above:
        layers.append((torso[0], _shoulder_bar_svg(body, f, style)))
    elif only is None or "trunk" in only:
        for (name, rings), depth in zip(body.rings, torso, strict=True):
            pts = f.view(body).outline(name, functools.partial(_ring_points, rings))
            layers.append((depth, _blob_svg(pts, f, style) + back_marks(name, rings, f, style)))
    layers.append((head_depth(body, f), head_svg(body, f, style)))
    layers.sort(key=lambda layer: layer[0])
    return layers


def head_depth(body: Body, f: Frame) -> float:
    """The depth the head is drawn at: over the neck, whatever the camera height says."""
    return max(f.depth(body["neck_base"]) + 0.04, f.depth(body["head"])) + 0.01


def _ring_points(rings: Sequence[Sequence[Vec]]) -> list[Vec]:
    return [p for ring in rings for p in ring]


def _torso_depths(body: Body, f: Frame) -> list[float]:
    """How near each torso part is to the viewer, on average, and a little nearer."""
    depths = []
    for name, rings in body.rings:
        pts = [p for ring in rings for p in ring]
        depths.append(sum(f.depths(pts)) / len(pts) + (0.03 if name == "hips" else 0.02))
    return depths


# Seen from above, the shoulders as a bar this deep (units of H), ending this far in from the
# shoulder joints: the whole chest from above is as deep as the head is wide, and its outline
# round the head read as a hat's brim (a blind reviewer). A narrow bar behind the head, the
# arms hanging from its ends, reads as a person seen from above.
_SHOULDER_BAR = 0.075
_SHOULDER_INSET = 0.25


def _shoulder_bar_svg(body: Body, f: Frame, style: Style) -> str:
    """The shoulders seen from above: a round-ended bar from one shoulder to the other."""
    ends = []
    for side, other in (("l", "r"), ("r", "l")):
        a, b = body[f"shoulder_{side}"], body[f"shoulder_{other}"]
        ends.append(f(add(a, scale(sub(b, a), _SHOULDER_INSET / 2))))
    bar = bars([(ends[0], ends[1], _SHOULDER_BAR * f.k)], f.outline(), style)
    return f'<g class="shoulders">{bar}</g>'


def far_side(body: Body, f: Frame | Camera) -> str | None:
    """The side turned away from the viewer (drawn lighter), or None when both face it."""
    depth = f.depth if isinstance(f, Frame) else (lambda p: f.project(p)[2])
    gap = depth(body["shoulder_l"]) - depth(body["shoulder_r"])
    if abs(gap) < 0.06:
        return None
    return "r" if gap > 0 else "l"


def floor_svg(body: Body, f: Frame, props: tuple[str, ...]) -> str:
    if "mat" in props:
        pts = list(all_points(body))
        xs = [p[0] for p in pts]
        zs = [p[2] for p in pts]
        x0, x1, z0, z1 = min(xs) - 0.06, max(xs) + 0.06, min(zs) - 0.08, max(zs) + 0.08
        corners = [f((x0, 0.0, z0)), f((x1, 0.0, z0)), f((x1, 0.0, z1)), f((x0, 0.0, z1))]
        return (
            f'<path d="{polyline(corners)}Z" fill="{FLOOR}" stroke="{PROP_INK}" '
            f'stroke-width="1.2"/>'
        )
    ring = f.many(f.view(body).remember("floor", functools.partial(_floor_ring, body)))
    out = f'<path d="{smooth_closed(ring)}" fill="{FLOOR}"/>'
    if "chair" in props:
        out += _chair_svg(body, f)
    return out


def _floor_ring(body: Body) -> list[Vec]:
    """The shadow on the floor round the feet: an ellipse of 20 points."""
    low = [p for p in all_points(body) if p[1] < 0.06]
    cx = sum(p[0] for p in low) / len(low)
    cz = sum(p[2] for p in low) / len(low)
    rx = max(abs(p[0] - cx) for p in low) + 0.09
    rz = max(abs(p[2] - cz) for p in low) + 0.07
    return [
        (cx + rx * math.cos(t), 0.0, cz + rz * math.sin(t))
        for t in (2 * math.pi * i / 20 for i in range(20))
    ]


def _chair_svg(body: Body, f: Frame) -> str:
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
