"""Pose checks about the hands: where they are (on the back, beside the thighs) and which way
the palms face. Registered with the others in checks.py."""

from __future__ import annotations

from collections.abc import Callable

from .body_axes import axes, back_plane, palm
from .kinematics import Body
from .vec import dot, norm, sub, unit


def both(test: Callable[[str], bool]) -> bool:
    """A test that holds on the left side and on the right."""
    return test("l") and test("r")


_both = both


def palms_face_back(b: Body) -> bool:
    """Backs of the hands against the back: palms face backward, away from it, thumbs up."""
    # Palm to palm behind the back (a plain clasp) the palms face each other, not backward:
    # a blind reviewer could not tell the two apart in the picture, so the pose must differ.
    a = axes(b)
    return _both(
        lambda s: (
            dot(palm(b, s), a.forward) < -0.8
            and dot(unit(sub(b[f"thumb_{s}"], b[f"wrist_{s}"])), a.up) > 0.5
        )
    )


def hands_beside_thighs(b: Body) -> bool:
    """Hands hanging beside the thighs: each wrist within 0.02 fore and aft of its hip joint."""
    # 0.02 is the middle half of the thigh's depth: a hand further off reads as held in front
    # of the thigh or behind the hip, not hanging at the side.
    a = axes(b)
    return _both(lambda s: abs(a.ahead(b[f"wrist_{s}"]) - a.ahead(b[f"hip_{s}"])) < 0.02)


def palms_toward_thighs(b: Body) -> bool:
    """Hands hanging relaxed, palms toward the thighs: the thumbs point forward, not out."""
    a = axes(b)
    return _both(
        lambda s: (
            a.ahead(b[f"thumb_{s}"]) - a.ahead(b[f"wrist_{s}"])
            > abs(a.out(b[f"thumb_{s}"]) - a.out(b[f"wrist_{s}"]))
        )
    )


def wrists_behind_back(b: Body) -> bool:
    """Both hands, wrists and fingers, behind the surface of the lower back (none inside it)."""
    a, plane = axes(b), back_plane(b)
    return _both(lambda s: max(a.ahead(b[f"wrist_{s}"]), a.ahead(b[f"hand_{s}"])) < plane)


def hands_on_back(b: Body) -> bool:
    """Both hands resting on the back: within a wrist's thickness behind its surface."""
    a, plane = axes(b), back_plane(b)
    return _both(lambda s: plane - 0.055 < a.ahead(b[f"wrist_{s}"]) < plane + 0.005)


def hands_together(b: Body) -> bool:
    """The hands meet (fingers interlocked): hand ends close, wrists at most two hands apart."""
    return (
        norm(sub(b["hand_l"], b["hand_r"])) < 0.04 and norm(sub(b["wrist_l"], b["wrist_r"])) < 0.16
    )


def wrists_at_lumbar_height(b: Body) -> bool:
    """Wrists at the height of the lower back: above the hip joints, below the waist's top."""
    a = axes(b)
    top = a.height(b["waist"]) + 0.03
    return _both(lambda s: 0.04 < a.height(b[f"wrist_{s}"]) < top)


def wrists_at_buttock_height(b: Body) -> bool:
    """Wrists hanging at the buttocks: about the level of the hip joints."""
    a = axes(b)
    return _both(lambda s: -0.1 < a.height(b[f"wrist_{s}"]) < 0.04)
