"""Named key poses: the package's poses.yml merged with content/poses.yml, resolved to joint angles."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Exercise, KeyPose, PoseChange
from ..yamlsafe import load_package_yaml
from . import skeleton as sk
from .kinematics import Body, forward, solve_hand, solve_reach
from .vec import Vec

POSES_FILE = Path(__file__).with_name("poses.yml")
FALLBACK = "stand"


@dataclass(frozen=True)
class Reach:
    """A hand target: wrist position and the way the elbow points (pelvis frame, x outward)."""

    wrist: Vec
    pole: Vec
    hand: Vec | None = None


@dataclass(frozen=True)
class PoseSpec:
    """A key pose as written: a base pose, joint angles, hand targets and props."""

    name: str
    base: str | None = None
    description: str = ""
    joints: Mapping[str, float] = field(default_factory=dict)
    reach: Mapping[str, Reach] = field(default_factory=dict)
    props: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """Pick `pose` for a step without one when any of `words` is in the exercise's title or tags."""

    words: tuple[str, ...]
    pose: str


@dataclass(frozen=True)
class Resolved:
    """A pose ready to draw: every joint angle, and the props (chair, mat) it rests on."""

    name: str
    angles: Mapping[str, float]
    props: tuple[str, ...]


def _vec(raw: Any) -> Vec:
    x, y, z = (float(v) for v in raw)
    return (x, y, z)


def _spec(name: str, raw: Mapping[str, Any]) -> PoseSpec:
    reach: dict[str, Reach] = {}
    for side, target in (raw.get("reach") or {}).items():
        hand = _vec(target["hand"]) if "hand" in target else None
        r = Reach(_vec(target["wrist"]), _vec(target.get("pole", (1, 0, -1))), hand)
        for s in sk.SIDES if side == "both" else (side,):
            reach[s] = r
    return PoseSpec(
        name=name,
        base=raw.get("base"),
        description=str(raw.get("description", "")),
        joints={str(k): float(v) for k, v in (raw.get("joints") or {}).items()},
        reach=reach,
        props=tuple(raw.get("props", ())),
        checks=tuple(raw.get("checks", ())),
    )


@lru_cache(maxsize=1)
def _poses_yaml() -> Any:
    return load_package_yaml(POSES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def package_data() -> tuple[dict[str, PoseSpec], tuple[Rule, ...], dict[str, str]]:
    """The shipped key poses, keyword rules and per-position fallbacks."""
    data = _poses_yaml()
    specs = {name: _spec(name, raw) for name, raw in data["poses"].items()}
    rules = tuple(Rule(tuple(r["words"]), r["pose"]) for r in data["defaults"]["words"])
    positions = dict(data["defaults"]["position"])
    return specs, rules, positions


@lru_cache(maxsize=1)
def start_poses() -> dict[str, str]:
    """For a default (finish) pose, the pose its movement starts from."""
    return dict(_poses_yaml()["defaults"].get("starts", {}))


# What a step's words say about where it is in the movement (lowercase, whole words).
_RETURN = re.compile(
    r"\b(return|returning|back to (the )?(start|starting|original)|starting position)\b"
)
_MOVE = re.compile(
    r"\b(raise|raising|lift|lifting|press|pressing|curl|curling|squat|squatting|push|pushing|"
    r"pull|pulling|extend|extending|bend|bending|bring|bringing|shrug|shrugging|jump|jumping|"
    r"step|stepping|rise|rising|twist|twisting|tilt|tilting|drop|dropping|lower|lowering|"
    r"descend|descending|sit back)\b"
)
_LOWER = re.compile(r"\b(lower|lowering|descend|descending|drop|dropping|sit back)\b")
_LYING = re.compile(r"\b(lie|lying|lay)\b")


def step_phase(text: str, index: int, lowering_finishes: bool) -> str | None:
    """ "start", "finish" or None (the words do not say) for a step's text.

    "Lower" finishes a movement that goes down (a squat) and returns from one that goes up (a
    raise): `lowering_finishes` says which this is.
    """
    words = text.casefold()
    if _RETURN.search(words):
        return "start"
    move = _MOVE.search(words)
    if move is None:
        return "start" if index == 0 else None
    if _LOWER.fullmatch(move.group(0)) and not lowering_finishes:
        return "start" if index > 0 else None
    return "finish"


def _from_content(name: str, pose: KeyPose) -> PoseSpec:
    return PoseSpec(
        name=name, base=pose.base, description=pose.description or "", joints=dict(pose.joints)
    )


class PoseBook:
    """Every key pose a library can use, resolved lazily and cached."""

    def __init__(self, content_poses: Mapping[str, KeyPose] | None = None) -> None:
        specs, self.rules, self.positions = package_data()
        self.specs = dict(specs)
        for name, pose in (content_poses or {}).items():
            self.specs[name] = _from_content(name, pose)
        self._cache: dict[str, Resolved] = {}
        self._bodies: dict[str, Body] = {}
        # Step pictures drawn from these poses, by what they show (see figures.render_step).
        self.drawings: dict[Hashable, tuple[str, str]] = {}
        # Every step without a pose asks for a default: normalise the rule words once, not per step.
        self._rule_words = _normalised_rules(self.rules)
        # Each exercise's default pose by id (the exercise kept, so an id is never another's):
        # every step of every figure asks for it, 36,000 times for 873 exercises.
        self._defaults: dict[int, tuple[Exercise, str]] = {}

    def remember(self, key: Hashable, drawing: tuple[str, str]) -> None:
        """Keep a drawn picture for steps that show the same (a bounded number of them)."""
        if len(self.drawings) >= 4096:
            self.drawings.clear()
        self.drawings[key] = drawing

    def names(self) -> list[str]:
        """Every pose name, shipped ones first in file order, then content ones."""
        return list(self.specs)

    def unknown_joints(self, joints: Iterable[str]) -> list[str]:
        """The joint names here that no skeleton joint answers to."""
        return [j for j in joints if not sk.expand(j)]

    def get(self, name: str) -> Resolved:
        """A key pose's full set of angles (unknown names give the standing pose)."""
        if name not in self.specs:
            name = FALLBACK
        if name not in self._cache:
            self._cache[name] = self._resolve(name, ())
        return self._cache[name]

    def body(self, pose: Resolved) -> Body:
        """The posed figure (built once per named pose; changed poses are built each time)."""
        if pose.name not in self.specs:
            return forward(pose.angles)
        if pose.name not in self._bodies:
            self._bodies[pose.name] = forward(pose.angles)
        return self._bodies[pose.name]

    def _resolve(self, name: str, seen: tuple[str, ...]) -> Resolved:
        spec = self.specs[name]
        if spec.base and spec.base in self.specs and spec.base not in (*seen, name):
            parent = self._resolve(spec.base, (*seen, name))
            angles, props = dict(parent.angles), parent.props
        else:
            angles, props = sk.neutral(), ()
        angles = apply_joints(angles, spec.joints)
        for side, target in sorted(spec.reach.items()):
            angles = solve_reach(angles, side, target.wrist, target.pole)
            if target.hand is None:
                continue
            if side == "r" and spec.reach.get("l") == target and _symmetric(angles):
                # The same target on a mirror-image arm: the left wrist's answer holds.
                for angle in ("flexion", "deviation"):
                    angles[f"wrist_r.{angle}"] = angles[f"wrist_l.{angle}"]
                continue
            angles = solve_hand(angles, side, target.hand)
        return Resolved(name, angles, spec.props or props)

    def for_step(self, pose: str | PoseChange | None, exercise: Exercise) -> Resolved:
        """The pose a step shows: its named pose, a changed pose, or a default for the exercise."""
        if pose is None:
            return self.get(self.default_for(exercise))
        if isinstance(pose, str):
            return self.get(pose)
        base = self.get(pose.base)
        return Resolved(f"{base.name}*", apply_joints(dict(base.angles), pose.joints), base.props)

    def default_for(self, exercise: Exercise) -> str:
        """A sensible generic key pose for an exercise whose steps name none."""
        known = self._defaults.get(id(exercise))
        if known is not None and known[0] is exercise:
            return known[1]
        if len(self._defaults) >= 4096:
            self._defaults.clear()
        pose = _pick_pose(exercise, self._rule_words, self.positions)
        self._defaults[id(exercise)] = (exercise, pose)
        return pose

    def inferred(self, exercise: Exercise, index: int) -> str | None:
        """The pose a step without one shows, read from its words; None when they do not say.

        The exercise's default pose is the finish of its movement; steps that set up or return
        show its start, steps that raise, lower, press, curl... show its finish. Words about
        lying down never get a standing figure.
        """
        finish = self.default_for(exercise)
        start = start_poses().get(finish)
        text = exercise.steps[index].text
        lying = _LYING.search(text.casefold()) is not None
        if lying and self.body(self.get(finish))["pelvis"][1] > 0.3:
            return self.positions.get("lying", FALLBACK)
        if start is None or start not in self.specs:
            return None
        goes_down = (
            self.body(self.get(finish))["pelvis"][1]
            < self.body(self.get(start))["pelvis"][1] - 0.05
        )
        if len(exercise.steps) < 2:
            return None  # one step names no start and no finish: the exercise's own pose
        phase = step_phase(text, index, lowering_finishes=goes_down)
        return {"start": start, "finish": finish}.get(phase or "")


def _symmetric(angles: Mapping[str, float]) -> bool:
    """Whether the arms are mirror images (their wrists apart) and the trunk is square."""
    arms = ("scapula", "shoulder", "elbow")
    same = all(
        abs(value - angles[name.replace("_l.", "_r.")]) < 1e-6
        for name, value in angles.items()
        if "_l." in name and name.startswith(arms)
    )
    square = all(
        abs(angles[f"{part}.{k}"]) < 1e-6
        for part in ("spine", "body")
        for k in ("lateral", "rotation", "roll", "yaw")
        if f"{part}.{k}" in angles
    )
    return same and square


def apply_joints(angles: dict[str, float], joints: Mapping[str, float]) -> dict[str, float]:
    """Angles with some joints set (generic names set both sides), each clamped to its range."""
    for key, value in joints.items():
        for name in sk.expand(key):
            angles[name] = sk.clamp(name, value)
    return angles


def _words(text: str) -> str:
    # Singular, lowercase, space-separated: "Leg Curls" matches the rule word "leg curl".
    words = re.sub(r"[^a-z0-9]+", " ", text.casefold()).split()
    return " " + " ".join(w[:-1] if len(w) > 2 and w.endswith("s") else w for w in words) + " "


def _normalised_rules(rules: Iterable[Rule]) -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple((tuple(_words(w) for w in rule.words), rule.pose) for rule in rules)


def _pick_pose(
    exercise: Exercise,
    rules: tuple[tuple[tuple[str, ...], str], ...],
    positions: Mapping[str, str],
) -> str:
    for text in (exercise.title, " ".join((*exercise.tags, *exercise.keywords))):
        haystack = _words(text)
        for words, pose in rules:
            if any(w in haystack for w in words):
                return pose
    return positions.get(exercise.position, FALLBACK)
