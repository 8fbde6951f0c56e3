"""An exercise's movement in time: its key poses in order, interpolated in joint space, with holds.

The animation on the site plays this timeline. It is built from the same key poses as the step
figures: each step's pose is reached by a smooth joint-space move from the one before, held where
the step says to hold, and a rolling or flapping step repeats its cycle around its pose. Every
angle stays inside its joint's range (skeleton.clamp).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Motion
from . import skeleton as sk
from .kinematics import solve_reach
from .poses import PoseBook, Resolved

# Timing, in seconds. Slow and calm: the seed asks for every movement "slowly and gently".
START = 1.5  # the first step's position before anything moves
MOVE = 2.0  # from one key pose to the next
PAUSE = 0.8  # at a key pose the step does not ask to hold
HOLD = 3.0  # "hold for several seconds" and other holds without a number
MAX_HOLD = 5.0  # a loop stays short enough to watch: longer holds are shown as this
CYCLE = 1.6  # one roll or flap
CYCLES = 3  # cycles shown per rolling or flapping step

# Frames per move (6 a second) and per cycle; holds are one frame however long they last.
# A coarser level draws every 2nd, 3rd or 6th of them: the same poses, so drawings are shared.
FRAMES = 12
LEVELS = (1, 2, 3, 6)


@dataclass(frozen=True)
class Shot:
    """One pose on screen for a time, under the cue of the step it belongs to."""

    angles: Mapping[str, float]
    seconds: float
    step: int  # 0-based index of the step whose cue shows
    holding: bool = False


@dataclass(frozen=True)
class Beat:
    """A key pose of the timeline: the step it belongs to, its angles and the step's motions."""

    step: int
    pose: Resolved
    motions: Sequence[Motion]
    hold: str | None
    start: Resolved | None = None  # where the step's movement starts, when not the pose before


def hold_seconds(hold: str) -> float:
    """How long the animation holds a step's free-text hold ("several seconds", "5 s", "1 minute")."""
    match = re.search(r"(\d+(?:\.\d+)?)", hold)
    if match is None:
        return HOLD
    value = float(match.group(1))
    if re.search(r"min", hold, re.IGNORECASE):
        value *= 60
    return max(1.0, min(MAX_HOLD, value))


def _ease(t: float) -> float:
    # Slow in, slow out: a body starts and stops a movement gently.
    return t * t * (3.0 - 2.0 * t)


def blend(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    """The pose a fraction t of the way from a to b in joint space, every angle within its range."""
    return {
        name: sk.clamp(
            name, a.get(name, j.neutral) + (b.get(name, j.neutral) - a.get(name, j.neutral)) * t
        )
        for name, j in sk.JOINTS.items()
    }


def _sides(joint: str) -> tuple[str, ...]:
    """The sides a motion's joint names: `shoulder` both, `shoulder_l` the left only."""
    if joint.endswith(("_l", "_r")):
        return (joint[-1],)
    return sk.SIDES


def _part(joint: str) -> str:
    return joint[:-2] if joint.endswith(("_l", "_r")) else joint


Oscillator = Callable[[dict[str, float], float], dict[str, float]]


# Shoulder flexion per degree of scapula retraction that keeps a hanging hand beside the thigh
# (the roll poses in poses.yml: 6 degrees for 22).
_HANG = 6 / 22


def _shoulder_circle(motion: Motion) -> Oscillator:
    """Shoulders rolled round (scapula elevation and retraction) like the rim of a wheel.

    A forward roll is a wheel rolling forward: back, up, forward over the top, then down.
    """
    sign = 1.0 if motion.direction == "forward" else -1.0
    sides = _sides(motion.joint)

    def at(angles: dict[str, float], phase: float) -> dict[str, float]:
        out = dict(angles)
        for s in sides:
            # Forward: retraction rises first (back), falls over the top (forward).
            back = sign * 18 * math.sin(phase)
            out[f"scapula_{s}.retraction"] = angles[f"scapula_{s}.retraction"] + back
            # The arm keeps hanging beside the thigh: only the shoulder rolls (as the key poses).
            out[f"shoulder_{s}.flexion"] = angles[f"shoulder_{s}.flexion"] + back * _HANG
            out[f"scapula_{s}.elevation"] = (
                angles[f"scapula_{s}.elevation"] + 26 * (1 - math.cos(phase)) / 2
            )
        return out

    return at


def _head_circle(motion: Motion) -> Oscillator:
    """The head rolled round: bending forward, to one side, back a little, to the other side."""
    sign = 1.0 if motion.direction != "backward" else -1.0

    def at(angles: dict[str, float], phase: float) -> dict[str, float]:
        out = dict(angles)
        out["neck.flexion"] = angles["neck.flexion"] + 20 * math.cos(phase) + 5
        out["neck.lateral"] = angles["neck.lateral"] + sign * 25 * math.sin(phase)
        return out

    return at


def _elbow_flap(
    motion: Motion, pose_reach: Mapping[str, tuple[Sequence[float], Sequence[float]]]
) -> Oscillator:
    """Elbows swung backwards and forwards like wings; hands on the body stay where they are."""
    sides = _sides(motion.joint)

    def at(angles: dict[str, float], phase: float) -> dict[str, float]:
        out = dict(angles)
        swing = math.sin(phase)
        for s in sides:
            out[f"scapula_{s}.retraction"] = angles[f"scapula_{s}.retraction"] + 18 * swing
            target = pose_reach.get(s)
            if target is None:
                out[f"shoulder_{s}.flexion"] = angles[f"shoulder_{s}.flexion"] - 15 * swing
                continue
            wrist, pole = target
            # The elbow swings about the line from shoulder to hand: turn the way it points. With
            # the hands on the back, elbows go far back but only a little forward.
            moved = (pole[0], pole[1], pole[2] - (0.9 if swing > 0 else 0.3) * swing)
            out = _reach(out, s, (wrist[0], wrist[1], wrist[2]), moved)
        return {name: sk.clamp(name, value) for name, value in out.items()}

    return at


_REACHED: dict[tuple[object, ...], dict[str, float]] = {}


def _reach(
    angles: dict[str, float], side: str, wrist: tuple[float, float, float], pole: Sequence[float]
) -> dict[str, float]:
    """solve_reach, remembered: many exercises flap from the same pose through the same phases."""
    key = (tuple(angles.items()), side, wrist, tuple(pole))
    if key not in _REACHED:
        if len(_REACHED) > 4096:
            _REACHED.clear()
        _REACHED[key] = solve_reach(angles, side, wrist, (pole[0], pole[1], pole[2]))
    return dict(_REACHED[key])


def _oscillator(
    motion: Motion, reach: Mapping[str, tuple[Sequence[float], Sequence[float]]]
) -> Oscillator | None:
    part = _part(motion.joint)
    if motion.kind == "circle" and part == "shoulder":
        return _shoulder_circle(motion)
    if motion.kind == "circle" and part in ("head", "neck"):
        return _head_circle(motion)
    if motion.kind == "flap" and part in ("elbow", "shoulder"):
        return _elbow_flap(motion, reach)
    return None


def _circled(motions: Sequence[Motion]) -> tuple[str, ...]:
    """The joint angles a rolling motion moves round (they circle about their resting value)."""
    out: list[str] = []
    for m in motions:
        part = _part(m.joint)
        if m.kind == "circle" and part == "shoulder":
            out += [
                f"scapula_{s}.{a}" for s in _sides(m.joint) for a in ("elevation", "retraction")
            ]
        elif m.kind == "circle" and part in ("head", "neck"):
            out += ["neck.flexion", "neck.lateral"]
    return tuple(out)


def _back_and_forth(motions: Sequence[Motion]) -> bool:
    return any(m.kind == "flap" or m.direction == "back-and-forth" for m in motions)


def _clamped(angles: Mapping[str, float]) -> dict[str, float]:
    return {name: sk.clamp(name, value) for name, value in angles.items()}


def shots(book: PoseBook, steps: Sequence[Beat], level: int = 1) -> list[Shot]:
    """The whole loop as a list of shots: start, each step's move, cycles and hold, back to start.

    `level` (one of LEVELS) keeps every level-th frame of a move or cycle, for long exercises.
    """
    out: list[Shot] = []
    first = _clamped(steps[0].pose.angles)

    def move(a: Mapping[str, float], b: Mapping[str, float], step: int) -> None:
        if _same(a, b):
            return
        frames = max(2, FRAMES // level)
        for k in range(1, frames + 1):
            out.append(Shot(blend(a, b, _ease(k / frames)), MOVE / frames, step))

    out.append(Shot(first, START, 0))
    current: Mapping[str, float] = first
    for beat in steps:
        target = _clamped(beat.pose.angles)
        circled = _circled(beat.motions)
        if circled:
            # A rolling step's pose is one point on the roll (its top): the roll circles around
            # the resting position (its start, or where the figure is), not around that point.
            rest = _clamped(beat.start.angles) if beat.start is not None else current
            for name in circled:
                if name.endswith(".retraction"):
                    # Undo the arm's hang with it (see _HANG): the roll puts it back as it goes.
                    arm = name.replace("scapula", "shoulder").replace("retraction", "flexion")
                    target[arm] -= (target[name] - rest[name]) * _HANG
            target.update({name: rest[name] for name in circled})
        if beat.start is not None and not circled:
            start = _clamped(beat.start.angles)
            move(current, start, beat.step)
            current = start
        move(current, target, beat.step)
        current = target
        reach = {
            side: (r.wrist, r.pole)
            for side, r in (
                book.specs[beat.pose.name].reach.items() if beat.pose.name in book.specs else ()
            )
        }
        cycles = [o for o in (_oscillator(m, reach) for m in beat.motions) if o is not None]
        if beat.start is not None and _back_and_forth(beat.motions):
            # A step drawn from a start pose to an end pose that goes back and forth: repeat it.
            start = _clamped(beat.start.angles)
            half = max(2, FRAMES // 2 // level)
            for _ in range(CYCLES - 1):
                for a, b in ((target, start), (start, target)):
                    for k in range(1, half + 1):
                        out.append(Shot(blend(a, b, _ease(k / half)), CYCLE / 2 / half, beat.step))
        elif cycles:
            frames = max(4, FRAMES // level)
            # Every cycle passes the same poses: work each out once (hands on the body need IK).
            ring = []
            for k in range(1, frames + 1):
                pose = dict(target)
                for cycle in cycles:
                    pose = cycle(pose, 2 * math.pi * (k / frames))
                ring.append(Shot(_clamped(pose), CYCLE / frames, beat.step))
            out.extend(ring * CYCLES)
        if beat.step == 0 and not beat.motions and not beat.hold:
            continue  # the opening shot already shows the first step's position
        if beat.hold:
            out.append(Shot(target, hold_seconds(beat.hold), beat.step, holding=True))
        else:
            out.append(Shot(target, PAUSE, beat.step))
    # Back to the start for the next repetition, under the first step's cue.
    move(current, first, 0)
    return _merged(out)


def _same(a: Mapping[str, float], b: Mapping[str, float], tolerance: float = 0.05) -> bool:
    return all(abs(a.get(n, 0.0) - b.get(n, 0.0)) <= tolerance for n in sk.JOINTS)


def _merged(shots_: list[Shot]) -> list[Shot]:
    """Consecutive shots of the same pose under the same cue become one longer shot."""
    out: list[Shot] = []
    for shot in shots_:
        last = out[-1] if out else None
        if (
            last is not None
            and last.step == shot.step
            and last.holding == shot.holding
            and _same(last.angles, shot.angles)
        ):
            out[-1] = Shot(last.angles, last.seconds + shot.seconds, last.step, last.holding)
        else:
            out.append(shot)
    return out


def still(steps: Sequence[Beat]) -> bool:
    """Whether the steps show no movement at all: one pose throughout and nothing that cycles.

    Cheap, so an exercise drawn with one generic pose costs next to nothing.
    """
    first = steps[0].pose.angles
    poses = [b.pose for b in steps] + [b.start for b in steps if b.start is not None]
    if any(not _same(first, p.angles) for p in poses):
        return False
    return all(_oscillator(m, {}) is None for b in steps for m in b.motions)


def moves(shots_: Sequence[Shot]) -> bool:
    """Whether the loop shows any movement at all (a single pose is no animation)."""
    return any(not _same(shots_[0].angles, s.angles) for s in shots_[1:])
