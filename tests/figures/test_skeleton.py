"""Key poses are anatomically possible and geometrically sound (geometry, not pixels)."""

from __future__ import annotations

import math

import pytest

from exercise_guide.figures import skeleton as sk
from exercise_guide.figures.kinematics import HEAD_RADIUS, forward, solve_reach
from exercise_guide.figures.poses import PoseBook
from exercise_guide.figures.vec import add, apply, norm, sub

BOOK = PoseBook()
ALL_POSES = BOOK.names()
SEED_POSES = [
    "stand",
    "hands-interlocked-behind",
    "elbows-back-head-forward",
    "arms-relaxed",
    "hands-on-lower-back",
]
SEGMENTS = [
    ("pelvis", "waist"),
    ("waist", "neck_base"),
    ("neck_base", "neck_top"),
    *[
        (f"{a}_{s}", f"{b}_{s}")
        for s in "lr"
        for a, b in (
            ("sc", "shoulder"),
            ("shoulder", "elbow"),
            ("elbow", "wrist"),
            ("wrist", "hand"),
            ("hip", "knee"),
            ("knee", "ankle"),
            ("heel", "toe"),
        )
    ],
]
STANDING = [n for n in ALL_POSES if n.startswith(("stand", "arms", "hands", "elbows", "head"))]


def test_the_seed_content_poses_exist() -> None:
    assert set(SEED_POSES) <= set(ALL_POSES)
    assert len(ALL_POSES) >= 25


@pytest.mark.parametrize("name", ALL_POSES)
def test_every_stored_pose_respects_joint_limits(name: str) -> None:
    angles = BOOK.get(name).angles
    assert set(angles) == set(sk.JOINTS)
    assert sk.within_limits(angles) == []


@pytest.mark.parametrize("name", ALL_POSES)
def test_no_segment_has_zero_length(name: str) -> None:
    body = forward(BOOK.get(name).angles)
    for a, b in SEGMENTS:
        assert norm(sub(body[a], body[b])) > 0.02, (a, b)


@pytest.mark.parametrize("name", ALL_POSES)
def test_the_figure_rests_on_the_ground(name: str) -> None:
    body = forward(BOOK.get(name).angles)
    lowest = min(p[1] for p in body.points.values())
    assert lowest >= -1e-9
    assert body["head"][1] - HEAD_RADIUS >= -1e-9


@pytest.mark.parametrize("name", STANDING)
def test_standing_feet_are_flat_on_the_ground_line(name: str) -> None:
    body = forward(BOOK.get(name).angles)
    for s in "lr":
        assert body[f"toe_{s}"][1] == pytest.approx(0.0, abs=0.008)
        assert body[f"heel_{s}"][1] == pytest.approx(0.0, abs=0.008)


def test_segment_lengths_follow_drillis_and_contini() -> None:
    body = forward(sk.neutral())
    assert norm(sub(body["shoulder_l"], body["elbow_l"])) == pytest.approx(0.186 * 1, abs=1e-9)
    assert norm(sub(body["elbow_l"], body["wrist_l"])) == pytest.approx(0.146, abs=1e-9)
    assert norm(sub(body["hip_l"], body["knee_l"])) == pytest.approx(0.245, abs=1e-9)
    assert body["shoulder_l"][1] == pytest.approx(0.818, abs=0.01)
    assert body["hip_l"][1] == pytest.approx(0.530, abs=0.01)
    assert body["knee_l"][1] == pytest.approx(0.285, abs=0.01)
    assert body["head"][1] + HEAD_RADIUS == pytest.approx(1.0, abs=0.01)


def _frontal_plane(body: object) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    from exercise_guide.figures.vec import cross, unit

    b = body  # type: ignore[assignment]
    across = sub(b["shoulder_l"], b["shoulder_r"])  # type: ignore[index]
    up = sub(b["neck_base"], b["pelvis"])  # type: ignore[index]
    return b["pelvis"], unit(cross(across, up))  # type: ignore[index]


def _ahead(body: object, name: str) -> float:
    from exercise_guide.figures.vec import dot

    origin, normal = _frontal_plane(body)
    return dot(sub(body[name], origin), normal)  # type: ignore[index]


def test_frontal_plane_normal_points_forward() -> None:
    body = forward(sk.neutral())
    assert _frontal_plane(body)[1][2] > 0.99


def test_elbows_back_puts_the_elbows_behind_the_torso() -> None:
    body = forward(BOOK.get("elbows-back-head-forward").angles)
    relaxed = forward(BOOK.get("arms-relaxed").angles)
    for s in "lr":
        # Behind the frontal plane by more than the back's depth, and further back than at rest.
        assert _ahead(body, f"elbow_{s}") < -0.1
        assert _ahead(body, f"elbow_{s}") < _ahead(relaxed, f"elbow_{s}") - 0.1
    # Drawn toward each other: closer together than the shoulders are wide.
    gap = norm(sub(body["elbow_l"], body["elbow_r"]))
    assert gap < norm(sub(body["shoulder_l"], body["shoulder_r"]))
    # The head is bent forward a little: the nose drops and moves ahead of the neck.
    assert 10 <= body.angles["neck.flexion"] <= 35
    assert body["nose"][1] < relaxed["nose"][1] - 0.01


@pytest.mark.parametrize("name", ["hands-interlocked-behind", "elbows-back-head-forward"])
def test_interlocked_hands_are_together_behind_the_pelvis(name: str) -> None:
    body = forward(BOOK.get(name).angles)
    assert norm(sub(body["wrist_l"], body["wrist_r"])) < sk.HAND
    for s in "lr":
        assert _ahead(body, f"wrist_{s}") < -0.09
        assert abs(body[f"wrist_{s}"][1] - body["pelvis"][1]) < 0.1


def test_hands_on_lower_back_points_the_elbows_out() -> None:
    body = forward(BOOK.get("hands-on-lower-back").angles)
    for s, sign in (("l", 1), ("r", -1)):
        assert sign * body[f"elbow_{s}"][0] > sign * body[f"shoulder_{s}"][0] + 0.05
        # The backs of the hands rest on the back: wrists just behind the lumbar surface.
        assert -0.12 < _ahead(body, f"wrist_{s}") < -0.07
        assert body[f"wrist_{s}"][1] > body["pelvis"][1] + 0.04
    assert norm(sub(body["wrist_l"], body["wrist_r"])) < 2 * sk.HAND


@pytest.mark.parametrize("target", [(0.05, 0.0, -0.13), (0.2, 0.3, 0.2), (0.15, 0.1, 0.1)])
def test_ik_puts_the_wrist_on_a_reachable_target(target: tuple[float, float, float]) -> None:
    from exercise_guide.figures.kinematics import _frames, _side

    angles = solve_reach(sk.neutral(), "l", target, (1.0, 0.0, -1.0))
    assert sk.within_limits(angles) == []
    body = forward(angles, ground=False)
    pelvis = _side(_frames(angles)[0], "l")
    goal = add(body["pelvis"], apply(pelvis, target))
    assert norm(sub(body["wrist_l"], goal)) < 0.01


def test_ik_clamps_an_unreachable_target() -> None:
    angles = solve_reach(sk.neutral(), "l", (0.0, 2.0, 0.0), (1.0, 0.0, 0.0))
    assert sk.within_limits(angles) == []
    body = forward(angles)
    assert body["wrist_l"][1] > body["head"][1]  # as far up as the arm goes


@pytest.mark.parametrize("name", [n for n in ALL_POSES if BOOK.specs[n].reach])
def test_stored_hand_targets_are_reached_within_joint_limits(name: str) -> None:
    from exercise_guide.figures.kinematics import _frames, _side

    angles = BOOK.get(name).angles
    body = forward(angles, ground=False)
    for side, reach in BOOK.specs[name].reach.items():
        goal = add(body["pelvis"], apply(_side(_frames(angles)[0], side), reach.wrist))
        assert norm(sub(body[f"wrist_{side}"], goal)) < 0.01, side


def test_a_generic_joint_name_sets_both_sides() -> None:
    assert sk.expand("shoulder.flexion") == ("shoulder_l.flexion", "shoulder_r.flexion")
    assert sk.expand("neck.flexion") == ("neck.flexion",)
    assert sk.expand("shoulder.bogus") == ()


def test_clamping_keeps_angles_in_range() -> None:
    assert sk.clamp("elbow_l.flexion", 400) == 150
    assert sk.clamp("knee_r.flexion", -20) == 0
    assert math.isclose(sk.clamp("neck.flexion", 10), 10)


def test_signs_of_bending_follow_the_names() -> None:
    neutral = forward(sk.neutral())
    for angles, point, axis, sign in (
        ({"spine.lateral": 30}, "neck_base", 0, 1),  # bends toward the figure's left (+x)
        ({"neck.lateral": 30}, "head", 0, 1),
        ({"spine.flexion": 30}, "neck_base", 2, 1),  # forward
        ({"neck.flexion": 30}, "head", 2, 1),
        ({"shoulder_l.abduction": 90}, "wrist_l", 0, 1),
        ({"shoulder_r.abduction": 90}, "wrist_r", 0, -1),
        ({"shoulder_l.flexion": 90}, "wrist_l", 2, 1),
        ({"hip_l.flexion": 60}, "knee_l", 2, 1),
        ({"scapula_l.retraction": 20}, "shoulder_l", 2, -1),
        ({"scapula_l.elevation": 20}, "shoulder_l", 1, 1),
        ({"spine.rotation": 40}, "shoulder_r", 2, 1),  # turning left brings the right side forward
    ):
        body = forward({**sk.neutral(), **angles}, ground=False)
        moved = body[point][axis] - neutral[point][axis]
        assert sign * moved > 0.01, angles
