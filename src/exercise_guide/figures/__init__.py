"""Step illustrations generated from pose data: the one entry point every output uses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content import Library
from ..errors import Problem
from ..model import Exercise, PoseChange
from ..strings import strings

# The drawing code is imported where a figure is drawn or checked: a build with nothing changed
# draws none, and importing (and, without bytecode files, compiling) it was a twentieth of it.
if TYPE_CHECKING:
    from .kinematics import Body
    from .poses import PoseBook, Resolved


@dataclass(frozen=True)
class StepFigure:
    """A step's figure: generated SVG text, or an authored image file, plus its alt text."""

    alt: str
    svg: str | None = None
    media: Path | None = None
    pose: str | None = None
    view: str | None = None


_BOOKS: dict[int, tuple[Library, PoseBook]] = {}


def pose_book(library: Library) -> PoseBook:
    """The key poses of a library (shipped ones plus content/poses.yml), built once per library."""
    from .poses import PoseBook

    cached = _BOOKS.get(id(library))
    if cached is None or cached[0] is not library:
        if len(_BOOKS) > 8:
            _BOOKS.clear()
        cached = (library, PoseBook(library.poses))
        _BOOKS[id(library)] = cached
    return cached[1]


def default_pose_for(library: Library, exercise: Exercise) -> str:
    """The generic key pose drawn for steps of this exercise that name no pose."""
    return pose_book(library).default_for(exercise)


def step_pose(book: PoseBook, exercise: Exercise, index: int) -> Resolved:
    """The key pose step `index` shows (a step without a pose keeps the previous step's)."""
    # A step without a pose keeps the previous step's pose: the figure continues the movement.
    for step in reversed(exercise.steps[: index + 1]):
        if step.pose is not None:
            return book.for_step(step.pose, exercise)
    # No step so far names one (imported exercises): the words may say start or finish.
    for i in range(index, -1, -1):
        name = book.inferred(exercise, i)
        if name is not None:
            return book.get(name)
    return book.for_step(None, exercise)


def is_generic(book: PoseBook, exercise: Exercise, index: int) -> bool:
    """Whether a step's figure is the exercise's generic pose (nothing in its words placed it)."""
    named = any(s.pose is not None for s in exercise.steps[: index + 1])
    return not named and all(book.inferred(exercise, i) is None for i in range(index + 1))


def breath_words_for(library: Library) -> dict[str, str]:
    """The words a figure prints for each breath kind, in the guide's language."""
    table = strings(library.guide.language).get("breath", {})
    if not isinstance(table, dict):
        return {}
    return {str(kind): str(words) for kind, words in table.items() if words}


def direction_labels(words: Mapping[str, Any]) -> dict[str, str]:
    """The word printed beside an arrow for each direction ("Forward"), from the strings table."""
    table = words["figure"]["directions"]
    return {str(k): str(v)[:1].upper() + str(v)[1:] for k, v in table.items()}


def _breath_words(library: Library, breath: str | None) -> str | None:
    if breath is None:
        return None
    return breath_words_for(library).get(breath)


def render_step(
    library: Library, exercise: Exercise, index: int, *, breath: bool = True
) -> StepFigure:
    """The figure for step `index` (0-based) of an exercise.

    `breath=False` leaves out the breath cue, for layouts that print it beside the figure.
    """
    from .describe import pose_words, step_alt, view_words
    from .draw import Scene, render_around_title, title_text
    from .project import choose_view

    step = exercise.steps[index]
    words = strings(library.guide.language)
    if step.illustration is not None:
        # An authored image says what it shows in its own alt; a screen reader has the step text.
        alt = step.illustration.alt or str(words["figure"]["illustration"]).format(n=index + 1)
        return StepFigure(alt=alt, media=library.media_path(step.illustration.file))
    book = pose_book(library)
    resolved = step_pose(book, exercise, index)
    body = book.body(resolved)
    previous: Body | None = None
    # The movement starts where the step says, or else where the previous step ended.
    before = (
        book.for_step(step.start, exercise)
        if step.start is not None
        else step_pose(book, exercise, index - 1)
        if index > 0
        else None
    )
    if before is not None and before.angles != resolved.angles:
        previous = book.body(before)
    # Without a previous step, the view shows how the pose differs from plain standing.
    reference = previous if previous is not None else book.body(book.get("stand"))
    view = step.view or choose_view(body, step.motion, reference)
    # A roll ends where it starts: its start outline adds nothing, and the dashed arm just
    # behind the rolled one read as a second arm (a blind reviewer). The arrow says it.
    rolls = bool(step.motion) and all(m.kind == "circle" for m in step.motion)
    ghost = (
        previous if previous is not None and not rolls and _ghost_helps(body, previous) else None
    )
    # The alt text describes the picture; the step's own words are printed right beside it.
    alt = step_alt(
        words,
        view=view,
        pose=pose_words(book, resolved),
        generic=is_generic(book, exercise, index),
        ghost=ghost is not None,
        motions=step.motion,
    )
    # Steps of many exercises show the same picture (an imported library's steps share a few
    # dozen generic poses): each is drawn once per pose book, and only its alt text differs.
    key = (
        _pose_key(book, resolved),
        _pose_key(book, before) if ghost is not None and before is not None else None,
        view,
        step.mirror,
        tuple((m.kind, m.joint, m.direction, m.label) for m in step.motion),
        library.guide.branding.accent_color,
        step.breath if breath else None,
        step.inset,
        library.guide.language,
    )
    drawn = book.drawings.get(key)
    if drawn is not None:
        return StepFigure(
            alt=alt, svg=drawn[0] + title_text(alt) + drawn[1], pose=resolved.name, view=view
        )
    scene = Scene(
        body=body,
        view=view,
        title=alt,
        accent=library.guide.branding.accent_color,
        mirror=step.mirror,
        ghost=ghost,
        motions=step.motion,
        props=resolved.props,
        breath_kind=step.breath if breath else None,
        breath_words=_breath_words(library, step.breath) if breath else None,
        view_words=view_words(words, view),
        inset_view=step.inset,
        inset_words=_inset_words(words, step.inset, body),
        direction_words=direction_labels(words),
    )
    drawn = render_around_title(scene)
    book.remember(key, drawn)
    return StepFigure(
        alt=alt, svg=drawn[0] + title_text(alt) + drawn[1], pose=resolved.name, view=view
    )


def _inset_words(words: Mapping[str, Any], inset: str | None, body: Body) -> str | None:
    """The words under an inset: its view, or for the hands close up what it shows of them."""
    from .describe import view_words
    from .hand_checks import palms_face_back

    if inset is None:
        return None
    if inset == "hands" and palms_face_back(body):
        # Which way a hand faces is hard to draw at this size: the source's words say it.
        return str(words["figure"]["hands_on_back"])
    return view_words(words, inset)


def _pose_key(book: PoseBook, pose: Resolved) -> object:
    """What identifies a pose's picture: a key pose by name (its book resolves it once), a
    changed one by its angles."""
    if pose.name in book.specs:
        return pose.name
    return (pose.name, tuple(sorted(pose.angles.items())), pose.props)


def _ghost_helps(body: Body, previous: Body) -> bool:
    """A ghost is drawn when the figure moved but stayed on its feet (a lying ghost would clutter)."""
    moved = max(
        sum((a - b) ** 2 for a, b in zip(body[n], previous[n], strict=True)) ** 0.5
        for n in ("wrist_l", "wrist_r", "elbow_l", "elbow_r", "head", "knee_l", "knee_r")
    )
    same_base = abs(body["pelvis"][1] - previous["pelvis"][1]) < 0.1
    return moved > 0.05 and same_base


def check_library(library: Library) -> list[Problem]:
    """Every problem that would stop a figure of this library from being drawn."""
    from .skeleton import MOTION_JOINTS

    book = pose_book(library)
    problems: list[Problem] = []
    if library.poses:
        source = library.source("poses", "poses")
        for pose_name, key_pose in library.poses.items():
            if key_pose.base is not None and key_pose.base not in book.specs:
                problems.append(
                    source.problem(f"{pose_name}.base", _unknown_pose(book, key_pose.base))
                )
            for joint in book.unknown_joints(key_pose.joints):
                problems.append(
                    source.problem(f"{pose_name}.joints.{joint}", _unknown_joint(joint))
                )
    for ex in library.exercises.values():
        source = library.source("exercise", ex.id)
        for i, step in enumerate(ex.steps):
            for key, pose in (("pose", step.pose), ("start", step.start)):
                name = pose.base if isinstance(pose, PoseChange) else pose
                field = f"steps[{i}].{key}" + (".base" if isinstance(pose, PoseChange) else "")
                if name is not None and name not in book.specs:
                    problems.append(source.problem(field, _unknown_pose(book, name)))
                if isinstance(pose, PoseChange):
                    for joint in book.unknown_joints(pose.joints):
                        problems.append(
                            source.problem(
                                f"steps[{i}].{key}.joints.{joint}", _unknown_joint(joint)
                            )
                        )
            for j, motion in enumerate(step.motion):
                if motion.joint not in MOTION_JOINTS:
                    known = ", ".join(sorted(k for k in MOTION_JOINTS if "_" not in k))
                    problems.append(
                        source.problem(
                            f"steps[{i}].motion[{j}].joint",
                            f"no joint '{motion.joint}': use one of {known} (add _l or _r for "
                            "one side)",
                        )
                    )
    return problems


def _unknown_pose(book: PoseBook, name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, book.names(), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no key pose '{name}'{hint}; see `exercise-guide figures --list`"


def _unknown_joint(name: str) -> str:
    import difflib

    from .skeleton import JOINTS

    names = [*JOINTS, *{n.replace("_l.", ".") for n in JOINTS if "_l." in n}]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no joint angle '{name}'{hint}"
