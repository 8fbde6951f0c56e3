"""Every key pose's description, as checks on the 3D skeleton: they pass, and they can fail."""

from __future__ import annotations

import pytest

from exercise_guide.content import load_library
from exercise_guide.figures import skeleton as sk
from exercise_guide.figures.checks import CHECKS, describe, failed_checks
from exercise_guide.figures.kinematics import forward
from exercise_guide.figures.poses import PoseBook, apply_joints
from tests.support import CONTENT

BOOK = PoseBook()
ALL_POSES = BOOK.names()


def _failures(name: str, changes: dict[str, float] | None = None) -> list[str]:
    angles = dict(BOOK.get(name).angles)
    if changes:
        angles = apply_joints(angles, changes)
    return failed_checks(forward(angles), BOOK.specs[name].checks)


@pytest.mark.parametrize("name", ALL_POSES)
def test_every_key_pose_is_described_by_checks_it_passes(name: str) -> None:
    checks = BOOK.specs[name].checks
    assert checks, f"{name} has no checks"
    assert set(checks) <= set(CHECKS)
    assert _failures(name) == [], [describe(c) for c in _failures(name)]


def test_every_pose_a_seed_step_shows_is_checked_in_detail() -> None:
    library = load_library(CONTENT)
    for exercise in library.exercises.values():
        for step in exercise.steps:
            for pose in (step.pose, step.start):
                if isinstance(pose, str):
                    assert len(BOOK.specs[pose].checks) >= 4, pose


# What the source's words ask for, and a joint change that breaks each of them.
BREAKS = [
    ("hands-interlocked-behind", {"shoulder.abduction": 30}, "hands_together"),
    ("hands-interlocked-behind", {"shoulder.flexion": 20}, "wrists_behind_back"),
    ("hands-interlocked-behind", {"neck.flexion": 30}, "head_level"),
    ("elbows-back-head-forward", {"neck.flexion": 0}, "head_bent_forward"),
    ("elbows-back-head-forward", {"neck.flexion": 50}, "head_bent_forward"),
    ("elbows-back-head-forward", {"elbow.flexion": 20}, "hands_on_back"),
    ("elbows-back-head-forward", {"shoulder.flexion": 0}, "elbows_back"),
    ("elbows-back-head-forward", {"shoulder.abduction": 40}, "elbows_toward_each_other"),
    ("elbows-back-head-forward", {"scapula.retraction": -10}, "shoulders_back"),
    ("hands-on-lower-back", {"shoulder.abduction": -10}, "elbows_out"),
    ("hands-on-lower-back", {"elbow.flexion": 150}, "hands_together"),
    ("hands-on-lower-back", {"shoulder.flexion": -10}, "hands_on_back"),
    # "Backs of your hands on your lower back": palms out. Unturned, the palms faced up.
    ("hands-on-lower-back", {"forearm.pronation": 0}, "palms_face_back"),
    # Feet "about shoulder width apart" (the loosener) and "about waist-width apart" (flapping).
    ("hands-interlocked-behind", {"hip.abduction": 0}, "feet_shoulder_width"),
    ("hands-interlocked-behind", {"hip.abduction": 12}, "feet_shoulder_width"),
    ("hands-on-lower-back", {"hip.abduction": 4.5}, "feet_waist_width"),
    # The loosener's start: arms hanging, hands held low behind (not bent up onto the back).
    ("hands-interlocked-behind", {"elbow.flexion": 60}, "arms_hanging"),
    ("hands-interlocked-behind", {"shoulder.abduction": 25}, "arms_hanging"),
    ("hands-interlocked-behind", {"shoulder.flexion": -60}, "wrists_at_buttock_height"),
    # Elbows towards each other, head bent forward: the end of the loosener's breath in.
    ("elbows-back-head-forward", {"neck.flexion": -10}, "head_bent_forward"),
    ("arms-relaxed", {"shoulder_l.flexion": 45}, "arms_by_sides"),
    # Arms "hanging by your sides": relaxed, palms toward the thighs (not turned forward).
    ("arms-relaxed", {"shoulder.rotation": 0}, "palms_toward_thighs"),
    ("arms-relaxed", {"scapula.elevation": 30}, "shoulders_relaxed"),
    # The flap's forward end, backs of the hands on the lower back: the elbows come level with
    # the back, no further than the shoulders, and the shoulders are not rounded forward (the
    # old pose, protracted 18 degrees, drew the start elbows level with the face).
    ("elbows-flapped-forward", {"scapula.retraction": -18}, "shoulders_over_trunk"),
    ("elbows-flapped-forward", {"shoulder.flexion": 40}, "elbows_behind_shoulders"),
    # Shoulder rolls keep the arms "hanging by your sides": the rolled shoulder carried the
    # whole arm, and a blind reviewer read the backward roll's hand at the back of the hip as
    # "hold your arms back" (the forward roll's hung in front of the thigh).
    ("shoulders-rolled-back", {"shoulder.flexion": 0}, "hands_beside_thighs"),
    ("shoulders-rolled-forward", {"shoulder.flexion": 0}, "hands_beside_thighs"),
    ("arms-relaxed", {"shoulder.flexion": -8}, "hands_beside_thighs"),
]


@pytest.mark.parametrize("name", ["hands-on-lower-back", "elbows-flapped-back"])
def test_hands_on_the_lower_back_keep_the_elbows_behind_the_shoulders(name: str) -> None:
    assert failed_checks(forward(BOOK.get(name).angles), ["elbows_behind_shoulders"]) == []


@pytest.mark.parametrize(("name", "changes", "check"), BREAKS)
def test_changing_a_joint_makes_the_pose_fail_its_words(
    name: str, changes: dict[str, float], check: str
) -> None:
    assert check in BOOK.specs[name].checks
    assert check in _failures(name, changes)


def _own_joints(name: str) -> list[tuple[str, float, float]]:
    """The joints a pose changes from its base (by 15 degrees or more): name, value, base value.

    A change made on both sides alike is named once, without its side, and undone on both.
    """
    spec = BOOK.specs[name]
    base = BOOK.get(spec.base).angles if spec.base else sk.neutral()
    mine = BOOK.get(name).angles
    out = []
    for joint in sorted(mine):
        if abs(mine[joint] - base[joint]) < 15:
            continue
        if "_r." in joint and abs(mine[joint] - mine[joint.replace("_r.", "_l.")]) < 1:
            continue
        if "_l." in joint and abs(mine[joint] - mine[joint.replace("_l.", "_r.")]) < 1:
            joint = joint.replace("_l.", ".")
        key = joint if joint in mine else joint.replace(".", "_l.", 1)
        out.append((joint, mine[key], base[key]))
    return out


@pytest.mark.parametrize("name", [n for n in ALL_POSES if _own_joints(n)])
def test_undoing_the_joint_a_pose_changes_most_fails_one_of_its_checks(name: str) -> None:
    # The biggest change a key pose makes to its base is what its words are about: putting
    # that joint back where the base pose had it must break one of the pose's checks.
    joint, _value, before = max(_own_joints(name), key=lambda j: abs(j[1] - j[2]))
    assert _failures(name, {joint: before}), f"{name}: {joint} back to {before} breaks no check"


@pytest.mark.parametrize("degrees", [10.0, 22.0])
def test_bending_the_head_a_little_turns_it_without_pushing_it_forward(degrees: float) -> None:
    # Bent at the base of the neck as well, a head bent "a little" was pushed forward, chin
    # poking (a blind reviewer saw the start head behind the end head): the ear stays put.
    bent = forward(apply_joints(dict(BOOK.get("stand").angles), {"neck.flexion": degrees}))
    assert failed_checks(bent, ["head_over_shoulders", "head_bent_forward"]) == []
    assert bent["chin"][1] < forward(BOOK.get("stand").angles)["chin"][1] - 0.005


def test_a_deep_bow_still_bends_the_whole_neck() -> None:
    bowed = forward(BOOK.get("head-bowed").angles)
    assert failed_checks(bowed, ["head_over_shoulders"]) == ["head_over_shoulders"]
