"""Joint angles → 3D body points (forward kinematics), and two-bone IK for hand targets."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import skeleton as sk
from .vec import (
    MIRROR_X,
    Mat,
    Vec,
    X,
    Y,
    Z,
    add,
    apply,
    cross,
    dot,
    mul,
    norm,
    rot,
    rotate_about,
    scale,
    signed_angle,
    sub,
    transpose,
    unit,
)

HEAD_RADIUS = sk.HEAD / 2 * 1.02
# Torso cross-sections (height above the block's origin, half-width, half-depth, forward offset).
CHEST_RINGS = (
    (sk.THORAX - 0.004, 0.105, 0.05, -0.012),
    (sk.THORAX - 0.04, 0.122, 0.07, 0.0),
    (0.07, 0.108, 0.066, 0.005),
    (0.0, 0.094, 0.06, 0.0),
)
PELVIS_RINGS = (
    (sk.LUMBAR - 0.01, 0.092, 0.058, 0.0),
    (0.03, 0.108, 0.066, -0.004),
    (-0.035, 0.102, 0.066, -0.008),
    (-0.07, 0.07, 0.052, -0.004),
)

# The shoulder girdle pivots near the sternum; the clavicle carries the shoulder joint.
_SC = (0.015, sk.THORAX - 0.02, 0.012)
_CLAVICLE = (sk.SHOULDER_WIDTH / 2 - 0.015, 0.008, -0.022)
_HIP = (0.085, 0.0, 0.0)
_HIP_NEUTRAL_HEIGHT = sk.HIP_HEIGHT


@dataclass(frozen=True)
class Body:
    """A posed figure: named 3D points (H = 1, y up, x to the figure's left, z its front)."""

    points: dict[str, Vec]
    rings: tuple[tuple[str, tuple[tuple[Vec, ...], ...]], ...]
    head_frame: Mat
    angles: Mapping[str, float]
    # What each camera sees of this pose, worked out once (figures/frame.py): a key pose is
    # drawn in many figures, as the end of one step and the start outline of the next.
    views: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def __getitem__(self, name: str) -> Vec:
        return self.points[name]


def _angle(angles: Mapping[str, float], name: str) -> float:
    value = angles.get(name)
    return sk.JOINTS[name].neutral if value is None else sk.clamp(name, value)


def swing(flexion: float, abduction: float) -> Mat:
    """Orientation of an arm or thigh hanging straight down, swung forward and out (side-local)."""
    return mul(rot(Z, abduction), rot(X, -flexion))


def _limb(
    angles: Mapping[str, float], part: str, mid: str, side: str, rest_bend: Vec
) -> tuple[Vec, Vec, Vec]:
    """Directions of the upper segment, the lower one, and the lower one's bend side (side-local)."""
    r = swing(_angle(angles, f"{part}_{side}.flexion"), _angle(angles, f"{part}_{side}.abduction"))
    d = apply(r, (0.0, -1.0, 0.0))
    bend = rotate_about(apply(r, rest_bend), d, _angle(angles, f"{part}_{side}.rotation"))
    theta = math.radians(_angle(angles, f"{mid}_{side}.flexion"))
    c, s = math.cos(theta), math.sin(theta)
    return d, add(scale(d, c), scale(bend, s)), sub(scale(bend, c), scale(d, s))


def _pronated(angles: Mapping[str, float], side: str, lower: Vec, palm: Vec) -> Vec:
    """The palm's direction turned over about the forearm by its pronation (none: unchanged)."""
    turn = _angle(angles, f"forearm_{side}.pronation")
    return rotate_about(palm, lower, turn) if turn else palm


def _frames(angles: Mapping[str, float]) -> tuple[Mat, Mat, Mat, Mat]:
    """World orientation of the pelvis, the thorax and the head."""
    pelvis = mul(
        mul(rot(Y, _angle(angles, "body.yaw")), rot(X, _angle(angles, "body.pitch"))),
        rot(Z, -_angle(angles, "body.roll")),
    )
    flex, lat, turn = (_angle(angles, f"spine.{k}") for k in ("flexion", "lateral", "rotation"))
    lumbar = mul(pelvis, mul(rot(Y, turn * 0.3), mul(rot(Z, -lat * 0.4), rot(X, flex * 0.4))))
    thorax = mul(lumbar, mul(rot(Y, turn * 0.7), mul(rot(Z, -lat * 0.6), rot(X, flex * 0.6))))
    nflex, nlat, nturn = (_angle(angles, f"neck.{k}") for k in ("flexion", "lateral", "rotation"))
    head = mul(thorax, mul(rot(Y, nturn), mul(rot(Z, -nlat), rot(X, nflex))))
    return pelvis, lumbar, thorax, head


def _side(frame: Mat, side: str) -> Mat:
    return frame if side == "l" else mul(frame, MIRROR_X)


def forward(angles: Mapping[str, float], ground: bool = True, rings: bool = True) -> Body:
    """The figure's points for a set of joint angles; `ground` puts its lowest point at y = 0.

    `rings=False` leaves out the torso's outline (solvers need only the joints).
    """
    pelvis_f, lumbar_f, thorax_f, head_f = _frames(angles)
    pts: dict[str, Vec] = {}
    root: Vec = (0.0, _HIP_NEUTRAL_HEIGHT, 0.0)
    pts["pelvis"] = root
    waist = add(root, apply(lumbar_f, (0.0, sk.LUMBAR, 0.0)))
    pts["waist"] = waist
    neck_base = add(waist, apply(thorax_f, (0.0, sk.THORAX, -0.012)))
    pts["neck_base"] = neck_base
    # The neck bends over its whole length, the head follows: half the flexion at each end.
    # A small nod is the top of the neck alone, the head turning about a point below the ear:
    # bent at the base of the neck as well, a head bent "a little" was pushed forward, chin
    # poking (a blind reviewer). Only a deeper bow bends the whole neck.
    neck_f = _halfway(thorax_f, _lower_neck(thorax_f, angles))
    neck_top = add(neck_base, apply(neck_f, (0.0, sk.NECK, 0.012)))
    pts["neck_top"] = neck_top
    nod_pivot = add(neck_top, apply(neck_f, _NOD_PIVOT))
    head = add(nod_pivot, apply(head_f, sub((0.0, HEAD_RADIUS * 0.8, 0.018), _NOD_PIVOT)))
    pts["head"] = head
    pts["nose"] = add(head, apply(head_f, (0.0, -0.008, HEAD_RADIUS + 0.012)))
    pts["chin"] = add(head, apply(head_f, (0.0, -HEAD_RADIUS * 0.85, HEAD_RADIUS * 0.55)))
    for s in sk.SIDES:
        th = _side(thorax_f, s)
        pv = _side(pelvis_f, s)
        girdle = mul(
            rot(Y, _angle(angles, f"scapula_{s}.retraction")),
            rot(Z, _angle(angles, f"scapula_{s}.elevation")),
        )
        sc = add(waist, apply(th, _SC))
        shoulder = add(sc, apply(th, apply(girdle, _CLAVICLE)))
        upper, lower, palm = _limb(angles, "shoulder", "elbow", s, Z)
        palm = _pronated(angles, s, lower, palm)
        elbow = add(shoulder, apply(th, scale(upper, sk.UPPER_ARM)))
        wrist = add(elbow, apply(th, scale(lower, sk.FOREARM)))
        w = math.radians(_angle(angles, f"wrist_{s}.flexion"))
        flexed = add(scale(lower, math.cos(w)), scale(palm, math.sin(w)))
        # Ulnar deviation turns the hand toward the little finger, across the palm's plane.
        dev = math.radians(_angle(angles, f"wrist_{s}.deviation"))
        ulnar = cross(lower, palm)
        hand_dir = add(scale(flexed, math.cos(dev)), scale(ulnar, math.sin(dev)))
        hand = add(wrist, apply(th, scale(hand_dir, sk.HAND * 0.72)))
        # The thumb's tip: on the radial side of the hand, a little toward the palm.
        radial = sub(scale(flexed, math.sin(dev)), scale(ulnar, math.cos(dev)))
        thumb_dir = add(add(scale(hand_dir, 0.5), scale(radial, 0.75)), scale(palm, 0.3))
        thumb = add(wrist, apply(th, scale(unit(thumb_dir), sk.HAND * 0.45)))
        pts.update({f"sc_{s}": sc, f"shoulder_{s}": shoulder, f"elbow_{s}": elbow})
        pts.update({f"wrist_{s}": wrist, f"hand_{s}": hand, f"thumb_{s}": thumb})

        hip = add(root, apply(pv, _HIP))
        thigh, shank, behind = _limb(angles, "hip", "knee", s, (0.0, 0.0, -1.0))
        knee = add(hip, apply(pv, scale(thigh, sk.THIGH)))
        ankle = add(knee, apply(pv, scale(shank, sk.SHANK)))
        heel_to_toe = scale(behind, -1.0)
        a = math.radians(_angle(angles, f"ankle_{s}.dorsiflexion"))
        foot_dir = sub(scale(heel_to_toe, math.cos(a)), scale(shank, math.sin(a)))
        sole = add(ankle, apply(pv, scale(shank, sk.ANKLE_HEIGHT * 0.9)))
        pts[f"hip_{s}"] = hip
        pts[f"knee_{s}"] = knee
        pts[f"ankle_{s}"] = ankle
        pts[f"heel_{s}"] = sub(sole, apply(pv, scale(foot_dir, 0.035)))
        pts[f"toe_{s}"] = add(sole, apply(pv, scale(foot_dir, sk.FOOT - 0.04)))
    outline = (
        (
            ("chest", tuple(_ring(waist, thorax_f, r) for r in CHEST_RINGS)),
            ("hips", tuple(_ring(root, _halfway(pelvis_f, lumbar_f), r) for r in PELVIS_RINGS)),
        )
        if rings
        else ()
    )
    body = Body(pts, outline, head_f, dict(angles))
    return _grounded(body) if ground else body


# Where the head turns in a nod, above the top of the neck (head-frame units of H), and how much
# of a forward bend the head takes there before the rest of the neck bends too (degrees): 30, so
# that a nod "a little" forward can show the nose clearly down with the ear still over the neck.
_NOD_PIVOT: Vec = (0.0, 0.015, 0.005)
_NOD_DEGREES = 30.0


def _lower_neck(thorax: Mat, angles: Mapping[str, float]) -> Mat:
    """The head's orientation as the lower neck follows it: a forward bend less the nod."""
    nflex, nlat, nturn = (_angle(angles, f"neck.{k}") for k in ("flexion", "lateral", "rotation"))
    bend = nflex - min(max(nflex, 0.0), _NOD_DEGREES)
    return mul(thorax, mul(rot(Y, nturn), mul(rot(Z, -nlat), rot(X, bend))))


def _halfway(a: Mat, b: Mat) -> Mat:
    """An orientation between two frames (good enough for the small neck and pelvis bends)."""
    cols = [unit(add(ca, cb)) for ca, cb in zip(transpose(a), transpose(b), strict=True)]
    x = cols[0]
    y = unit(sub(cols[1], scale(x, dot(cols[1], x))))
    z = cross(x, y)
    return transpose((x, y, z))


def _ring(origin: Vec, frame: Mat, spec: tuple[float, float, float, float]) -> tuple[Vec, ...]:
    height, half_w, half_d, ahead = spec
    out = []
    for k in range(12):
        t = 2 * math.pi * k / 12
        local = (half_w * math.cos(t), height, ahead + half_d * math.sin(t))
        out.append(add(origin, apply(frame, local)))
    return tuple(out)


_SOLE_POINTS = ("heel_l", "heel_r", "toe_l", "toe_r")


def _grounded(body: Body) -> Body:
    """The body moved up or down so its lowest point touches the ground (y = 0)."""
    lows = [p[1] for name, p in body.points.items() if name in _SOLE_POINTS]
    lows += [p[1] - 0.025 for name, p in body.points.items() if name not in _SOLE_POINTS]
    lows += [p[1] for _, rings in body.rings for ring in rings for p in ring]
    lows.append(body.points["head"][1] - HEAD_RADIUS)
    shift = (0.0, -min(lows), 0.0)
    return Body(
        {k: add(v, shift) for k, v in body.points.items()},
        tuple(
            (name, tuple(tuple(add(p, shift) for p in ring) for ring in rings))
            for name, rings in body.rings
        ),
        body.head_frame,
        body.angles,
    )


def _swing_angles(d: Vec, side: str) -> tuple[float, float]:
    """Flexion and abduction that point an arm along d: of the two answers, the one in range."""
    flexion = math.degrees(math.asin(max(-1.0, min(1.0, d[2]))))
    abduction = math.degrees(math.atan2(d[0], -d[1]))
    other = (180.0 - flexion, (abduction + 360.0) % 360.0 - 180.0)

    def excess(pair: tuple[float, float]) -> float:
        f, a = pair
        names = (f"shoulder_{side}.flexion", f"shoulder_{side}.abduction")
        return sum(abs(v - sk.clamp(n, v)) for n, v in zip(names, (f, a), strict=True))

    return min((flexion, abduction), other, key=excess)


def solve_reach(angles: Mapping[str, float], side: str, target: Vec, pole: Vec) -> dict[str, float]:
    """Shoulder and elbow angles that put a wrist on a target.

    `target` is relative to the hip centre and `pole` is the way the elbow points, both in the
    pelvis frame with x pointing out to that side. Angles are clamped to their ranges, so an
    unreachable target leaves the wrist as close as the joints allow.
    """
    out = dict(angles)
    pelvis_f, _lumbar, thorax_f, _head = _frames(angles)
    body = forward(angles, ground=False, rings=False)
    th = _side(thorax_f, side)
    to_local = transpose(th)
    pv = _side(pelvis_f, side)
    world_target = add(body["pelvis"], apply(pv, target))
    shoulder = apply(to_local, sub(body[f"shoulder_{side}"], body["waist"]))
    goal = apply(to_local, sub(world_target, body["waist"]))
    pole_local = apply(to_local, apply(pv, pole))
    u, f = sk.UPPER_ARM, sk.FOREARM
    reach = sub(goal, shoulder)
    length = min(u + f - 1e-4, max(abs(u - f) + 1e-3, norm(reach)))
    axis = unit(reach)
    elbow_inner = math.acos((u * u + f * f - length * length) / (2 * u * f))
    at_shoulder = math.acos((u * u + length * length - f * f) / (2 * u * length))
    side_dir = unit(sub(pole_local, scale(axis, dot(pole_local, axis))), X)
    d = add(scale(axis, math.cos(at_shoulder)), scale(side_dir, math.sin(at_shoulder)))
    flexion, abduction = _swing_angles(d, side)
    wrist = add(shoulder, scale(axis, length))
    elbow = add(shoulder, scale(d, u))
    bend = unit(sub(sub(wrist, elbow), scale(d, dot(sub(wrist, elbow), d))))
    rest_bend = apply(swing(flexion, abduction), Z)
    out[f"shoulder_{side}.flexion"] = round(sk.clamp(f"shoulder_{side}.flexion", flexion), 2)
    out[f"shoulder_{side}.abduction"] = round(sk.clamp(f"shoulder_{side}.abduction", abduction), 2)
    out[f"shoulder_{side}.rotation"] = round(
        sk.clamp(f"shoulder_{side}.rotation", signed_angle(rest_bend, bend, d)), 2
    )
    out[f"elbow_{side}.flexion"] = round(
        sk.clamp(f"elbow_{side}.flexion", 180.0 - math.degrees(elbow_inner)), 2
    )
    return out


def solve_hand(angles: Mapping[str, float], side: str, target: Vec) -> dict[str, float]:
    """Wrist flexion and deviation that point a hand's end at a target (pelvis frame, x outward).

    A coarse search then finer ones over the wrist's two angles, each inside its range. The
    answer is remembered: every library shares the shipped key poses.
    """
    key = (tuple(sorted(angles.items())), side, target)
    return dict(_solve_hand(key))


@functools.lru_cache(maxsize=256)
def _solve_hand(
    key: tuple[tuple[tuple[str, float], ...], str, Vec],
) -> tuple[tuple[str, float], ...]:
    items, side, target = key
    angles = dict(items)
    pelvis_f = _frames(angles)[0]
    base = forward(angles, ground=False, rings=False)
    goal = add(base["pelvis"], apply(_side(pelvis_f, side), target))
    flex, dev = f"wrist_{side}.flexion", f"wrist_{side}.deviation"
    hand = _hand_end(angles, side, base[f"wrist_{side}"])

    def miss(f: float, d: float) -> float:
        return norm(sub(hand(f, d), goal))

    best = (miss(angles[flex], angles[dev]), angles[flex], angles[dev])
    for step, span in ((10.0, None), (2.0, 10.0), (0.5, 2.0)):
        f0, d0 = best[1], best[2]
        flex_j, dev_j = sk.JOINTS[flex], sk.JOINTS[dev]
        fs = _range(flex_j.low, flex_j.high, step, f0, span)
        ds = _range(dev_j.low, dev_j.high, step, d0, span)
        for f in fs:
            for d in ds:
                m = miss(f, d)
                if m < best[0] - 1e-12:
                    best = (m, f, d)
    out = dict(angles)
    out[flex], out[dev] = round(best[1], 2), round(best[2], 2)
    return tuple(sorted(out.items()))


def _hand_end(angles: Mapping[str, float], side: str, wrist: Vec) -> Callable[[float, float], Vec]:
    """Where the hand's end is for given wrist angles, the rest of the pose fixed: `forward`'s own
    arithmetic for the hand alone (the search tries some 600 wrist angles per hand)."""
    th = _side(_frames(angles)[2], side)
    _upper, lower, palm = _limb(angles, "shoulder", "elbow", side, Z)
    palm = _pronated(angles, side, lower, palm)
    ulnar = cross(lower, palm)
    flex, dev = f"wrist_{side}.flexion", f"wrist_{side}.deviation"

    def end(f: float, d: float) -> Vec:
        w = math.radians(sk.clamp(flex, f))
        flexed = add(scale(lower, math.cos(w)), scale(palm, math.sin(w)))
        r = math.radians(sk.clamp(dev, d))
        hand_dir = add(scale(flexed, math.cos(r)), scale(ulnar, math.sin(r)))
        return add(wrist, apply(th, scale(hand_dir, sk.HAND * 0.72)))

    return end


def _range(low: float, high: float, step: float, centre: float, span: float | None) -> list[float]:
    """Trial angles every `step` degrees, over the whole range or `span` either side of centre."""
    a, b = (low, high) if span is None else (max(low, centre - span), min(high, centre + span))
    count = int((b - a) / step)
    return [a + i * step for i in range(count + 1)] + [b]
