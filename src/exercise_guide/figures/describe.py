"""Words for what a figure shows: its view, the position and the movement (alt text, not step text).

A screen reader reads a step's text next to its figure, so the figure's alt text says what the
picture shows instead of repeating the step: "Seen from the side. Hands interlocked behind, elbows
drawn back… Arrows show the elbows moving backward."
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Motion
from .poses import PoseBook, Resolved


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def pose_words(book: PoseBook, pose: Resolved) -> str:
    """A key pose's description (a changed pose is described by the pose it changes)."""
    name = pose.name.rstrip("*")
    spec = book.specs.get(name)
    if spec is not None and spec.description:
        return spec.description.rstrip(".")
    return name.replace("-", " ").capitalize()


def view_words(words: Mapping[str, Any], view: str) -> str:
    """ "Seen from behind" and the like, from the strings table."""
    return str(words["figure"]["views"].get(view, view))


def motion_words(words: Mapping[str, Any], motion: Motion) -> str:
    """One movement as words: "the elbows moving backward", "the left shoulder circling forward"."""
    table = words["figure"]
    joint = motion.joint
    side = joint[-1] if joint.endswith(("_l", "_r")) else None
    base = joint[:-2] if side else joint
    part = str(table["parts"].get(base, base.replace("_", " ")))
    if side is not None:
        part = str(table["one_side"][side]).format(part=table["singular"].get(part, part))
    direction = str(table["directions"].get(motion.direction, motion.direction))
    phrase = table["circling"] if motion.kind == "circle" else table["moving"]
    return str(phrase).format(part=part, direction=direction)


def _joined(words: Mapping[str, Any], items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {words['figure']['and']} {items[-1]}"


def step_alt(
    words: Mapping[str, Any],
    *,
    view: str,
    pose: str,
    generic: bool,
    ghost: bool,
    motions: Sequence[Motion],
) -> str:
    """A step figure's alt text: the view, the position, the dashed start outline and the arrows."""
    table = words["figure"]
    position = str(table["generic"]).format(pose=_lower_first(pose)) if generic else pose
    parts = [f"{view_words(words, view)}.", f"{position}."]
    if ghost:
        parts.append(str(table["ghost"]))
    if motions:
        moves = _joined(words, [motion_words(words, m) for m in motions])
        parts.append(str(table["arrows"]).format(moves=moves))
    return " ".join(parts)


def animation_label(
    words: Mapping[str, Any],
    *,
    view: str,
    steps: Sequence[tuple[str, Sequence[Motion], str | None, str | None]],
    returns: bool,
) -> str:
    """The animation's accessible name: its view, then each step's position, movement, breath, hold.

    `steps` holds (pose words, motions, breath words, hold) per step.
    """
    table = words["animation"]
    parts = [
        str(table["label"]).format(view=_lower_first(view_words(words, view)), total=len(steps))
    ]
    for n, (pose, motions, breath, hold) in enumerate(steps, start=1):
        what = [pose]
        if motions:
            what.append(_joined(words, [motion_words(words, m) for m in motions]))
        if breath:
            what.append(_lower_first(breath))
        if hold:
            what.append(str(table["held"]).format(hold=hold))
        parts.append(str(table["step"]).format(n=n, what="; ".join(what)))
    if returns:
        parts.append(str(table["back"]))
    return " ".join(parts)
