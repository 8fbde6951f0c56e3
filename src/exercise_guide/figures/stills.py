"""An exercise's animation as still pictures, for review (docs/figures/animation-frames.png).

Each still is the animation's own SVG with one drawn frame and one step cue kept and the CSS that
plays them taken out, so the sheet shows exactly what the page plays, whatever renders it.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from ..content import Library
from ..model import Exercise
from . import pose_book
from .animate import beats_of, frame_key, render_animation, schedule
from .timeline import Shot, shots

_SVG = "http://www.w3.org/2000/svg"
# A still about every this many seconds of a step's stretch of the loop, at most MAX_PER_RUN.
EVERY = 1.2
MAX_PER_RUN = 4


@dataclass(frozen=True)
class _Run:
    """A stretch of the loop under one step cue (its step, and whether it holds)."""

    cue: tuple[int, bool]
    start: float
    end: float
    shots: list[tuple[float, Shot]]


def _runs(timeline: Sequence[Shot]) -> list[_Run]:
    out: list[_Run] = []
    t = 0.0
    for shot in timeline:
        cue = (shot.step, shot.holding)
        if out and out[-1].cue == cue:
            last = out[-1]
            out[-1] = _Run(cue, last.start, t + shot.seconds, [*last.shots, (t, shot)])
        else:
            out.append(_Run(cue, t, t + shot.seconds, [(t, shot)]))
        t += shot.seconds
    return out


def moments(timeline: Sequence[Shot]) -> list[Shot]:
    """The shots a review sheet shows: each step's stretch sampled about every EVERY seconds
    (a move's middle and end, a hold once, a flapping step's beats)."""
    out = []
    for run in _runs(timeline):
        length = run.end - run.start
        n = max(1, min(MAX_PER_RUN, len(run.shots), round(length / EVERY)))
        for i in range(n):
            at = run.start + length * (i + 1) / n
            out.append(next(s for t, s in reversed(run.shots) if t < at))
    return out


def stills(library: Library, exercise: Exercise) -> list[str]:
    """The exercise's animation at its key moments, each as a still SVG (none without one)."""
    animation = render_animation(library, exercise)
    if animation is None:
        return []
    timeline = shots(pose_book(library), beats_of(library, exercise), animation.level)
    plan = schedule(timeline)
    frames = {frame_key(pose): i for i, pose in enumerate(plan.poses)}
    cues = {cue: i for i, cue in enumerate(sorted(plan.cue_spans))}
    ET.register_namespace("", _SVG)
    out: list[str] = []
    for shot in moments(timeline):
        keep = {f"f{frames[frame_key(shot.angles)]}", f"c{cues[(shot.step, shot.holding)]}"}
        root = ET.fromstring(animation.svg)
        shared = {el.get("id"): el for el in root.iter() if el.get("id") and el is not root}
        for parent in list(root.iter()):
            children = []
            for child in parent:
                classes = (child.get("class") or "").split()
                if child.tag in (f"{{{_SVG}}}style", f"{{{_SVG}}}defs") or (
                    classes[:1] in (["f"], ["c"]) and classes[1] not in keep
                ):
                    continue
                if child.tag == f"{{{_SVG}}}use":
                    # A shared part drawn in place: a sheet may hold many stills, and not
                    # every renderer follows <use>.
                    child = copy.deepcopy(shared[(child.get("href") or "#")[1:]])
                    del child.attrib["id"]
                children.append(child)
            parent[:] = children
        root.set("id", f"{animation.id}s{len(out)}")
        out.append(ET.tostring(root, encoding="unicode"))
    return out
