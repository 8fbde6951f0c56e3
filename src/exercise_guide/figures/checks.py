"""Pose checks: a key pose's description as tests on the 3D skeleton (wrists behind the back...).

Each check is a named predicate on a posed `Body`. Key poses in poses.yml list the checks their
description implies; the tests run them on every key pose, so a pose that drifts from its words
(a hand leaving the back, a head no longer bent) fails. Distances are in units of body height.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

from .body_axes import UP, axes, back_plane, head_pitch, trunk_tilt
from .hand_checks import (
    both as _both,
)
from .hand_checks import (
    hands_beside_thighs,
    hands_on_back,
    hands_together,
    palms_face_back,
    palms_toward_thighs,
    wrists_at_buttock_height,
    wrists_at_lumbar_height,
    wrists_behind_back,
)
from .kinematics import HEAD_RADIUS, Body
from .vec import add, apply, cross, dot, norm, sub, unit


def _sign(side: str) -> float:
    return 1.0 if side == "l" else -1.0


def upright(b: Body) -> bool:
    """Standing tall: trunk within 12 degrees of vertical, hips at standing height."""
    return trunk_tilt(b) < 12 and b["pelvis"][1] > 0.45


def feet_parallel(b: Body) -> bool:
    """Both feet point straight ahead, a little apart (about hip or shoulder width)."""
    a = axes(b)
    gap = a.out(b["ankle_l"]) - a.out(b["ankle_r"])
    straight = _both(lambda s: dot(unit(sub(b[f"toe_{s}"], b[f"heel_{s}"])), a.forward) > 0.95)
    return 0.12 < gap < 0.3 and straight


def _feet_gap(b: Body) -> float:
    a = axes(b)
    return a.out(b["ankle_l"]) - a.out(b["ankle_r"])


def feet_shoulder_width(b: Body) -> bool:
    """Feet about shoulder width apart (0.85 to 1.2 times the width between the shoulders)."""
    shoulders = norm(sub(b["shoulder_l"], b["shoulder_r"]))
    return 0.85 * shoulders < _feet_gap(b) < 1.2 * shoulders


def feet_waist_width(b: Body) -> bool:
    """Feet about waist width apart: narrower than the shoulders, 0.8 to 1.05 times the waist."""
    waist = dict(b.rings)["hips"][0]
    width = norm(sub(waist[0], waist[6]))
    return 0.8 * width < _feet_gap(b) < 1.05 * width


def arms_hanging(b: Body) -> bool:
    """Arms hanging down, nearly straight (elbows bent less than 35 degrees, close to the body)."""
    a = axes(b)
    return _both(
        lambda s: (
            _bend(b, f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}") < 35
            and _sign(s) * (a.out(b[f"elbow_{s}"]) - a.out(b[f"shoulder_{s}"])) < 0.04
        )
    )


def arms_by_sides(b: Body) -> bool:
    """Wrists below the hips' top, beside the body, neither in front nor behind it."""
    a = axes(b)
    return _both(
        lambda s: (
            a.height(b[f"wrist_{s}"]) < 0.05
            and _sign(s) * a.out(b[f"wrist_{s}"]) > 0.1
            and abs(a.ahead(b[f"wrist_{s}"])) < 0.08
        )
    )


def elbows_out(b: Body) -> bool:
    """Elbows point out to the sides: well outside the shoulders."""
    a = axes(b)
    return _both(lambda s: _sign(s) * (a.out(b[f"elbow_{s}"]) - a.out(b[f"shoulder_{s}"])) > 0.05)


def elbows_back(b: Body) -> bool:
    """Elbows drawn back behind the surface of the back."""
    a, plane = axes(b), back_plane(b)
    return _both(lambda s: a.ahead(b[f"elbow_{s}"]) < plane - 0.04)


def elbows_level_with_body(b: Body) -> bool:
    """Elbows brought forward, level with the back (not drawn back behind it)."""
    a, plane = axes(b), back_plane(b)
    return _both(lambda s: a.ahead(b[f"elbow_{s}"]) > plane - 0.02)


def elbows_behind_shoulders(b: Body) -> bool:
    """Elbows at or behind the shoulders' frontal plane (hands on the back cannot go further)."""
    a = axes(b)
    return _both(lambda s: a.ahead(b[f"elbow_{s}"]) <= a.ahead(b[f"shoulder_{s}"]))


def shoulders_over_trunk(b: Body) -> bool:
    """Shoulders over the trunk's side line, not rounded forward of the neck."""
    a = axes(b)
    return _both(lambda s: a.ahead(b[f"shoulder_{s}"]) - a.ahead(b["neck_base"]) < 0.02)


def head_over_shoulders(b: Body) -> bool:
    """The head bent, not pushed forward: the ear stays over the base of the neck."""
    a = axes(b)
    ear = add(b["head"], apply(b.head_frame, (HEAD_RADIUS * 0.92, -0.008, -0.004)))
    return a.ahead(ear) - a.ahead(b["neck_base"]) < 0.04


def elbows_toward_each_other(b: Body) -> bool:
    """Elbows closer together than the shoulders are wide (as far as a body can)."""
    return norm(sub(b["elbow_l"], b["elbow_r"])) < norm(sub(b["shoulder_l"], b["shoulder_r"]))


def elbows_bent(b: Body) -> bool:
    """Both elbows bent by at least 60 degrees."""
    return _both(lambda s: _bend(b, f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}") > 60)


def arms_straight(b: Body) -> bool:
    """Both elbows nearly straight."""
    return _both(lambda s: _bend(b, f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}") < 20)


def _bend(b: Body, top: str, mid: str, end: str) -> float:
    u, v = unit(sub(b[mid], b[top])), unit(sub(b[end], b[mid]))
    return math.degrees(math.acos(max(-1.0, min(1.0, dot(u, v)))))


def head_level(b: Body) -> bool:
    """Head held level: the face neither bowed nor tipped back by more than 8 degrees."""
    return abs(head_pitch(b)) < 8


def head_bent_forward(b: Body) -> bool:
    """Head bent forward a little (10 to 35 degrees), not dropped onto the chest."""
    return 10 < head_pitch(b) < 35


def head_bowed(b: Body) -> bool:
    """Head bent well forward, chin toward the chest."""
    return head_pitch(b) > 30


def head_tilted_left(b: Body) -> bool:
    """Head tilted toward the left shoulder."""
    return axes(b).out(b["head"]) - axes(b).out(b["neck_base"]) > 0.03


def shoulders_relaxed(b: Body) -> bool:
    """Shoulders down, not lifted toward the ears."""
    return _both(lambda s: b[f"shoulder_{s}"][1] < b["neck_base"][1] - 0.005)


def shoulders_lifted(b: Body) -> bool:
    """Shoulders lifted toward the ears."""
    return _both(lambda s: b[f"shoulder_{s}"][1] > b["neck_base"][1] + 0.012)


def shoulders_forward(b: Body) -> bool:
    """Shoulders rolled forward of the neck."""
    a = axes(b)
    return _both(lambda s: a.ahead(b[f"shoulder_{s}"]) - a.ahead(b["neck_base"]) > 0.03)


def shoulders_back(b: Body) -> bool:
    """Shoulders drawn back behind the neck."""
    a = axes(b)
    return _both(lambda s: a.ahead(b[f"shoulder_{s}"]) - a.ahead(b["neck_base"]) < -0.01)


def arms_forward(b: Body) -> bool:
    """Arms straight out in front at about shoulder height."""
    a = axes(b)
    return _both(
        lambda s: (
            a.ahead(b[f"wrist_{s}"]) > 0.25
            and abs(b[f"wrist_{s}"][1] - b[f"shoulder_{s}"][1]) < 0.08
        )
    )


def arms_out_to_sides(b: Body) -> bool:
    """Arms straight out to the sides at about shoulder height."""
    a = axes(b)
    return _both(
        lambda s: (
            _sign(s) * a.out(b[f"wrist_{s}"]) > 0.4
            and abs(b[f"wrist_{s}"][1] - b[f"shoulder_{s}"][1]) < 0.08
        )
    )


def arms_overhead(b: Body) -> bool:
    """Both wrists above the top of the head."""
    return _both(lambda s: b[f"wrist_{s}"][1] > b["head"][1] + 0.05)


def left_arm_up(b: Body) -> bool:
    """The left wrist above the left shoulder, the right arm down."""
    return b["wrist_l"][1] > b["shoulder_l"][1] + 0.1 and b["wrist_r"][1] < b["hip_r"][1] + 0.1


def right_arm_overhead(b: Body) -> bool:
    """The right wrist above the head."""
    return b["wrist_r"][1] > b["head"][1]


def hands_on_hips(b: Body) -> bool:
    """Wrists at the sides of the hips, elbows out."""
    a = axes(b)
    return _both(
        lambda s: (
            abs(a.height(b[f"wrist_{s}"])) < 0.1 and 0.08 < _sign(s) * a.out(b[f"wrist_{s}"]) < 0.16
        )
    ) and elbows_out(b)


def hands_at_shoulders(b: Body) -> bool:
    """Hands about level with the shoulders, elbows bent."""
    return _both(lambda s: abs(b[f"wrist_{s}"][1] - b[f"shoulder_{s}"][1]) < 0.12) and elbows_bent(
        b
    )


def trunk_bent_left(b: Body) -> bool:
    """Upper body bent sideways to the figure's left."""
    return axes(b).out(b["neck_base"]) > 0.05


def trunk_turned_left(b: Body) -> bool:
    """Shoulders turned toward the figure's left compared with the hips."""
    a = axes(b)
    across = sub(b["shoulder_l"], b["shoulder_r"])
    return dot(across, a.forward) < -0.05


def feet_wide(b: Body) -> bool:
    """Feet wider apart than the hips."""
    return b["ankle_l"][0] - b["ankle_r"][0] > 0.25


def on_toes(b: Body) -> bool:
    """Heels lifted off the floor."""
    return _both(lambda s: b[f"heel_{s}"][1] > 0.03)


def knees_bent(b: Body) -> bool:
    """Both knees bent by at least 60 degrees."""
    return _both(lambda s: _bend(b, f"hip_{s}", f"knee_{s}", f"ankle_{s}") > 60)


def squatting(b: Body) -> bool:
    """Hips lowered to about knee height."""
    return b["pelvis"][1] < max(b["knee_l"][1], b["knee_r"][1]) + 0.12


def left_knee_bent(b: Body) -> bool:
    """The left knee bent by at least 60 degrees (the foot hangs under it)."""
    return _bend(b, "hip_l", "knee_l", "ankle_l") > 60


def right_knee_bent(b: Body) -> bool:
    """The right knee bent by at least 60 degrees."""
    return _bend(b, "hip_r", "knee_r", "ankle_r") > 60


def legs_near_vertical(b: Body) -> bool:
    """Both thighs within 35 degrees of vertical (the bend is at the hips, not the feet)."""
    return _both(
        lambda s: dot(unit(sub(b[f"hip_{s}"], b[f"knee_{s}"])), UP) > math.cos(math.radians(35))
    )


def hands_below_knees(b: Body) -> bool:
    """Both hands reaching down past the knees."""
    return _both(lambda s: b[f"wrist_{s}"][1] < b[f"knee_{s}"][1])


def arms_reach_forward(b: Body) -> bool:
    """Both wrists well in front of the shoulders."""
    return _both(lambda s: b[f"wrist_{s}"][2] - b[f"shoulder_{s}"][2] > 0.2)


def left_arm_beyond_head(b: Body) -> bool:
    """The left arm stretched past the head, along the body (a pillow for the head)."""
    trunk = unit(sub(b["neck_base"], b["pelvis"]))
    return dot(sub(b["wrist_l"], b["pelvis"]), trunk) > dot(sub(b["head"], b["pelvis"]), trunk)


def left_knee_up(b: Body) -> bool:
    """The left knee raised to about hip height."""
    return b["knee_l"][1] > b["hip_l"][1] - 0.06


def lunging(b: Body) -> bool:
    """Left foot forward, right foot back, hips lowered."""
    return b["ankle_l"][2] - b["ankle_r"][2] > 0.35 and b["pelvis"][1] < 0.45


def hinged_forward(b: Body) -> bool:
    """Trunk tilted forward 30 to 75 degrees from the hips, back fairly straight."""
    return 30 < trunk_tilt(b) < 75 and b["neck_base"][2] > b["pelvis"][2]


def folded_forward(b: Body) -> bool:
    """Trunk folded past horizontal, head below the hips."""
    return trunk_tilt(b) > 80 and b["head"][1] < b["pelvis"][1]


def sitting(b: Body) -> bool:
    """Thighs about horizontal, trunk upright."""
    return trunk_tilt(b) < 15 and _both(lambda s: abs(b[f"knee_{s}"][1] - b[f"hip_{s}"][1]) < 0.08)


def lying_face_up(b: Body) -> bool:
    """Trunk horizontal and low, chest facing the ceiling."""
    return 75 < trunk_tilt(b) < 105 and b["pelvis"][1] < 0.2 and axes(b).forward[1] > 0.7


def lying_face_down(b: Body) -> bool:
    """Trunk horizontal and low, chest facing the floor."""
    return 75 < trunk_tilt(b) < 105 and b["pelvis"][1] < 0.2 and axes(b).forward[1] < -0.7


def lying_on_side(b: Body) -> bool:
    """Trunk horizontal and low, hips stacked (one above the other)."""
    return 75 < trunk_tilt(b) < 105 and b["pelvis"][1] < 0.25 and abs(axes(b).left[1]) > 0.8


def left_leg_raised(b: Body) -> bool:
    """The left foot lifted well off the floor."""
    return b["ankle_l"][1] > 0.3


def hips_lifted(b: Body) -> bool:
    """Lying with the hips lifted off the floor."""
    return b["pelvis"][1] > 0.18 and b["head"][1] < 0.15


def on_hands_and_knees(b: Body) -> bool:
    """Trunk about horizontal, facing down, knees and hands on the floor."""
    return (
        75 < trunk_tilt(b) < 105
        and axes(b).forward[1] < -0.7
        and _both(lambda s: b[f"knee_{s}"][1] < 0.08)
        and _both(lambda s: b[f"hand_{s}"][1] < 0.05)
    )


def body_straight_on_hands(b: Body) -> bool:
    """Body in one straight line from head to heels, held up on the hands."""
    line = unit(sub(b["neck_base"], b["ankle_l"]))
    bend = norm(cross(line, unit(sub(b["pelvis"], b["ankle_l"]))))
    return bend < 0.1 and _both(lambda s: b[f"wrist_{s}"][1] < 0.08) and b["pelvis"][1] > 0.15


def kneeling_upright(b: Body) -> bool:
    """Knees on the floor, trunk upright above them."""
    return trunk_tilt(b) < 15 and _both(lambda s: b[f"knee_{s}"][1] < 0.06)


CHECKS: Mapping[str, Callable[[Body], bool]] = {
    f.__name__: f
    for f in (
        upright,
        feet_parallel,
        feet_shoulder_width,
        feet_waist_width,
        arms_hanging,
        arms_by_sides,
        hands_beside_thighs,
        palms_toward_thighs,
        wrists_behind_back,
        hands_on_back,
        hands_together,
        palms_face_back,
        wrists_at_lumbar_height,
        wrists_at_buttock_height,
        elbows_out,
        elbows_back,
        elbows_level_with_body,
        elbows_behind_shoulders,
        shoulders_over_trunk,
        elbows_toward_each_other,
        elbows_bent,
        arms_straight,
        head_level,
        head_bent_forward,
        head_over_shoulders,
        head_bowed,
        head_tilted_left,
        shoulders_relaxed,
        shoulders_lifted,
        shoulders_forward,
        shoulders_back,
        arms_forward,
        arms_out_to_sides,
        arms_overhead,
        left_arm_up,
        right_arm_overhead,
        hands_on_hips,
        hands_at_shoulders,
        trunk_bent_left,
        trunk_turned_left,
        feet_wide,
        on_toes,
        knees_bent,
        squatting,
        left_knee_up,
        left_knee_bent,
        right_knee_bent,
        legs_near_vertical,
        hands_below_knees,
        arms_reach_forward,
        left_arm_beyond_head,
        lunging,
        hinged_forward,
        folded_forward,
        sitting,
        lying_face_up,
        lying_face_down,
        lying_on_side,
        left_leg_raised,
        hips_lifted,
        on_hands_and_knees,
        body_straight_on_hands,
        kneeling_upright,
    )
}


def failed_checks(body: Body, names: Iterable[str]) -> list[str]:
    """The named checks this body fails (an unknown name counts as failed)."""
    return [name for name in names if name not in CHECKS or not CHECKS[name](body)]


def describe(name: str) -> str:
    """A check's meaning in words (its docstring's first line)."""
    doc = CHECKS[name].__doc__ or name
    return doc.strip().splitlines()[0]
