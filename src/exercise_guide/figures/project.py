"""Views of the figure: orthographic projection, and choosing the view that shows the motion."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Motion
from .kinematics import Body
from .vec import Vec, norm, sub

# Camera yaw about the vertical: 0 looks at the figure's front; 90 stands at its right side so it
# faces the viewer's right. A slight downward look (ELEVATION) shows feet and floor in depth.
VIEW_YAW = {
    "front": 0.0,
    "three-quarter": 45.0,
    "side": 90.0,
    "three-quarter-back": 135.0,
    "back": 180.0,
    "above": 180.0,
}
# Views that look down more steeply than the usual slight downward look.
VIEW_ELEVATION = {"above": 90.0}
VIEWS = ("front", "side", "three-quarter", "back")  # the views chosen among automatically
ELEVATION = 8.0

DIRECTIONS: dict[str, Vec] = {
    "forward": (0.0, 0.0, 1.0),
    "backward": (0.0, 0.0, -1.0),
    "back-and-forth": (0.0, 0.0, 1.0),
    "up": (0.0, 1.0, 0.0),
    "down": (0.0, -1.0, 0.0),
    "left": (1.0, 0.0, 0.0),
    "right": (-1.0, 0.0, 0.0),
    "out": (1.0, 0.0, 0.0),  # outward on the left side; mirrored on the right
    "in": (-1.0, 0.0, 0.0),
}


@dataclass(frozen=True)
class Camera:
    """An orthographic camera: screen x to the right, screen y down, depth toward the viewer."""

    yaw: float
    mirror: bool = False
    elevation: float = ELEVATION
    # The projection's rows (screen x, screen y, depth), worked out from the fields above.
    rows: tuple[Vec, Vec, Vec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The projection is linear: work its coefficients out once, not for every point.
        a, e = math.radians(self.yaw), math.radians(self.elevation)
        ca, sa, ce, se = math.cos(a), math.sin(a), math.cos(e), math.sin(e)
        flip = -1.0 if self.mirror else 1.0
        rows = (
            (flip * ca, 0.0, flip * sa),
            (-sa * se, -ce, ca * se),  # screen y points down
            (-sa * ce, se, ca * ce),
        )
        object.__setattr__(self, "rows", rows)

    def project(self, p: Vec) -> tuple[float, float, float]:
        """(screen x, screen y, depth) of a point, before scaling to the picture."""
        (a, b, c), (d, e, f), (g, h, i) = self.rows
        x, y, z = p
        return (a * x + b * y + c * z, d * x + e * y + f * z, g * x + h * y + i * z)

    def direction(self, v: Vec) -> tuple[float, float]:
        """A 3D direction as seen on screen (not normalised: short when it points at the viewer)."""
        sx, sy, _ = self.project(v)
        ox, oy, _ = self.project((0.0, 0.0, 0.0))
        return (sx - ox, sy - oy)


def camera(view: str, mirror: bool = False) -> Camera:
    """The camera for a named view."""
    return Camera(VIEW_YAW[view], mirror, VIEW_ELEVATION.get(view, ELEVATION))


def _visible(cam: Camera, v: Vec) -> float:
    dx, dy = cam.direction(v)
    return math.hypot(dx, dy) / max(norm(v), 1e-9)


def choose_view(body: Body, motions: Sequence[Motion], reference: Body | None) -> str:
    """The view that shows a step best: motion across the picture, limbs clear of the trunk."""
    moves: list[Vec] = [DIRECTIONS[m.direction] for m in motions if m.kind != "circle"]
    # Rolling is seen best edge-on to its axis: a forward roll circles about the left-right axis.
    moves += [(0.0, 1.0, 0.0) for m in motions if m.kind == "circle"]
    moves += [
        (0.0, 0.0, 1.0)
        for m in motions
        if m.kind == "circle" and m.direction in ("forward", "backward")
    ]
    if reference is not None:
        for name in (
            "elbow_l",
            "elbow_r",
            "wrist_l",
            "wrist_r",
            "knee_l",
            "knee_r",
            "ankle_l",
            "ankle_r",
            "head",
        ):
            delta = sub(body[name], reference[name])
            if norm(delta) > 0.04:
                moves.append(delta)
    trunk = sub(body["neck_base"], body["pelvis"])
    best, best_score = "front", -1.0
    for view in VIEWS:
        cam = camera(view)
        # A trunk pointing at the viewer (lying, seen from the feet) hides the whole figure.
        score = 2.0 * _visible(cam, trunk)
        # Up and down shows in every view; what decides is whether the sideways and the
        # forward-backward parts of a movement lie across the picture or along the line of sight.
        score += sum(
            _visible(cam, (v[0], 0.0, v[2])) * math.hypot(v[0], v[2]) / norm(v)
            for v in moves
            if norm(v) > 1e-9
        )
        # Hands behind the back are hidden from the front.
        if view == "front" and _hands_behind(body):
            score -= 1.0
        if view == "back" and not _hands_behind(body):
            score -= 0.5
        if score > best_score + 1e-6:
            best, best_score = view, score
    return best


def _hands_behind(body: Body) -> bool:
    back = min(body["pelvis"][2], body["neck_base"][2]) - 0.06
    return body["wrist_l"][2] < back and body["wrist_r"][2] < back
