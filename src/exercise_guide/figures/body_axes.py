"""The body's own frame for pose checks: pelvis axes, the back's surface, trunk tilt, head pitch,
the way a palm faces."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .kinematics import Body
from .vec import Vec, cross, dot, sub, unit

UP: Vec = (0.0, 1.0, 0.0)


@dataclass(frozen=True)
class Axes:
    """The body's own directions at the pelvis: out to its left, up the trunk, and forward."""

    left: Vec
    up: Vec
    forward: Vec
    origin: Vec

    def ahead(self, p: Vec) -> float:
        """How far a point is in front of the hip centre (negative: behind)."""
        return dot(sub(p, self.origin), self.forward)

    def out(self, p: Vec) -> float:
        """How far a point is to the figure's left of the hip centre."""
        return dot(sub(p, self.origin), self.left)

    def height(self, p: Vec) -> float:
        """How far a point is above the hip centre, along the lower trunk."""
        return dot(sub(p, self.origin), self.up)


def axes(body: Body) -> Axes:
    """The pelvis frame of a posed body, from its points."""
    left = unit(sub(body["hip_l"], body["hip_r"]))
    up = unit(sub(body["waist"], body["pelvis"]))
    forward = unit(cross(left, up))
    return Axes(left, unit(cross(forward, left)), forward, body["pelvis"])


def back_plane(body: Body) -> float:
    """Where the surface of the lower back is, as `Axes.ahead` (the rear of the lumbar rings)."""
    a = axes(body)
    rings = dict(body.rings)
    lumbar = (rings["chest"][-1], rings["hips"][0], rings["hips"][1])
    return min(a.ahead(p) for ring in lumbar for p in ring)


def trunk_tilt(body: Body) -> float:
    """Degrees between the trunk (hips to neck) and the vertical."""
    trunk = unit(sub(body["neck_base"], body["pelvis"]))
    return math.degrees(math.acos(max(-1.0, min(1.0, dot(trunk, UP)))))


def head_pitch(body: Body) -> float:
    """Degrees the face points below the trunk's forward direction (bowed +, tipped back -)."""
    frame = body.head_frame
    face = (frame[0][2], frame[1][2], frame[2][2])
    trunk = unit(sub(body["neck_base"], body["pelvis"]))
    return math.degrees(math.asin(max(-1.0, min(1.0, -dot(face, trunk)))))


def palm(body: Body, side: str) -> Vec:
    """The way a hand's palm faces (a unit vector), from its wrist, fingers and thumb."""
    # The thumb lies on the hand's radial side, a little toward the palm: across the hand, the
    # two make the palm's normal (mirrored on the right, whose thumb is on the other side).
    normal = unit(
        cross(
            sub(body[f"hand_{side}"], body[f"wrist_{side}"]),
            sub(body[f"thumb_{side}"], body[f"wrist_{side}"]),
        )
    )
    return normal if side == "l" else (-normal[0], -normal[1], -normal[2])
