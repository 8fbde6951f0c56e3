"""An exercise's movement as one self-contained animated SVG: drawn frames shown in turn by CSS.

Each distinct pose of the timeline is drawn once, as the step figures draw it, in one framing; CSS
keyframes show each frame for its share of the loop (a flip-book, so it plays the same in every
browser, with no script). Parts of the figure that are the same in several frames (the legs, often
the head and trunk) are drawn once and reused, which keeps the file small. The breath cue and the
step number under the figure change with the step being shown.

The SVG plays by itself; a class on it pauses it (`eg-paused`), and it stays still when the reader
asks for reduced motion unless a class says they chose to play it (`eg-play`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from ..content import Library
from ..model import Exercise
from ..strings import strings
from . import breath_words_for, pose_book, step_pose
from .cue import breath_svg
from .describe import animation_label, pose_words
from .draw import film
from .kinematics import Body, forward
from .project import choose_view
from .skeleton import JOINTS
from .style import BREATH_BAND, FIGURE_HEIGHT, FONT, INK, PAD, WIDTH
from .svg import num
from .timeline import LEVELS, Beat, Shot, moves, shots, still

# A page carries its animation inline: it must stay small however many steps an exercise has.
MAX_BYTES = 60_000
LABEL_BAND = 24.0


@dataclass(frozen=True)
class Animation:
    """An exercise's animation: the SVG text, its accessible name, its length and frame count."""

    svg: str
    label: str
    seconds: float
    frames: int
    id: str  # the SVG element's id, for the play/pause button's aria-controls
    level: int = 1  # the timeline level drawn (timeline.LEVELS): every level-th frame of a move


def animation_view(library: Library, exercise: Exercise, beats: Sequence[Beat]) -> str:
    """One view for the whole loop: the moving steps' own view, or where the movement shows best.

    A still step may be drawn from behind to show the hands, so only the steps that move have a
    say. When they declare one view, the author chose it for the movement (Elbow Flapping's wing
    beat is in the horizontal plane: seen from the side it read as "push the arms straight back",
    so its flapping step is drawn from above). Otherwise the view is chosen from the movement.
    """
    declared = {
        step.view
        for beat, step in zip(beats, exercise.steps, strict=True)
        if (beat.motions or beat.start is not None) and step.view is not None
    }
    if len(declared) == 1:
        return str(declared.pop())
    book = pose_book(library)
    first = book.body(beats[0].pose)
    furthest = max(beats, key=lambda b: _distance(book.body(b.pose), first))
    return choose_view(book.body(furthest.pose), [m for b in beats for m in b.motions], first)


def _distance(a: Body, b: Body) -> float:
    return sum(sum((x - y) ** 2 for x, y in zip(a[n], b[n], strict=True)) for n in a.points)


def beats_of(library: Library, exercise: Exercise) -> list[Beat]:
    """Each step's key pose (and start pose), motions and hold: what the timeline is made of."""
    book = pose_book(library)
    return [
        Beat(
            i,
            step_pose(book, exercise, i),
            step.motion,
            step.hold,
            book.for_step(step.start, exercise) if step.start is not None else None,
        )
        for i, step in enumerate(exercise.steps)
    ]


def render_animation(library: Library, exercise: Exercise) -> Animation | None:
    """The exercise's movement as an animated SVG, or None when its steps show no movement."""
    book = pose_book(library)
    beats = beats_of(library, exercise)
    if still(beats):
        return None
    view = animation_view(library, exercise, beats)
    label = _label(library, exercise, beats, view)
    timeline = shots(book, beats, LEVELS[0])
    if not moves(timeline):
        return None
    props = beats[0].pose.props
    seen = list(timeline)
    floor, drawn = _drawings(seen, view, props)
    for level in LEVELS:
        if level != LEVELS[0]:
            # A coarser level shows a subset of the finest level's poses: already drawn.
            timeline = shots(book, beats, level)
            if any(frame_key(shot.angles) not in drawn for shot in timeline):
                seen += timeline
                floor, drawn = _drawings(seen, view, props)
        svg, frames = _svg(library, exercise, timeline, floor, drawn, label)
        if len(svg.encode("utf-8")) < MAX_BYTES:
            seconds = sum(s.seconds for s in timeline)
            return Animation(svg, label, seconds, frames, _prefix(exercise), level)
    return None


PoseKey = tuple[float, ...]
# Exercises that move through the same poses (variants, imported ones sharing inferred poses)
# share their drawings: a few recent pose sequences are kept, per process.
_DRAWN: dict[
    tuple[str, tuple[str, ...], tuple[PoseKey, ...]], tuple[str, dict[PoseKey, list[str]]]
] = {}


def _drawings(
    timeline: Sequence[Shot], view: str, props: tuple[str, ...]
) -> tuple[str, dict[PoseKey, list[str]]]:
    """The floor and each distinct pose's drawing (as layers), in one framing for all of them."""
    keys = list(dict.fromkeys(frame_key(shot.angles) for shot in timeline))
    memo = (view, props, tuple(keys))
    if memo not in _DRAWN:
        poses = {frame_key(shot.angles): shot.angles for shot in timeline}
        floor, bodies = film([forward(poses[k]) for k in keys], view, props=props)
        if len(_DRAWN) >= 16:
            _DRAWN.pop(next(iter(_DRAWN)))
        _DRAWN[memo] = (floor, {k: _layers(b) for k, b in zip(keys, bodies, strict=True)})
    return _DRAWN[memo]


def _label(library: Library, exercise: Exercise, beats: Sequence[Beat], view: str) -> str:
    book = pose_book(library)
    breath = breath_words_for(library)
    steps = [
        (
            pose_words(book, beat.pose),
            beat.motions,
            breath.get(step.breath) if step.breath else None,
            step.hold,
        )
        for beat, step in zip(beats, exercise.steps, strict=True)
    ]
    returns = beats[-1].pose.angles != beats[0].pose.angles
    return animation_label(strings(library.guide.language), view=view, steps=steps, returns=returns)


def frame_key(angles: Mapping[str, float]) -> PoseKey:
    """What identifies a pose's drawing in an animation (its angles, to a tenth of a degree)."""
    # Poses a tenth of a degree apart draw the same picture: draw them once.
    return tuple(round(angles.get(name, joint.neutral), 1) for name, joint in JOINTS.items())


_DECIMAL = re.compile(r"-?\d+\.\d+")


def _whole(match: re.Match[str]) -> str:
    return str(round(float(match.group())))


_TAG = re.compile(r"<(/?)[a-z]+[^>]*?(/?)>")


def _layers(svg: str) -> list[str]:
    """The top-level elements of a drawn body, back to front, in whole pixels.

    Whole pixels (half a pixel off at most) make the file a third smaller, and more parts of the
    figure come out the same in several frames, so they are drawn once and reused.
    """
    svg = _DECIMAL.sub(_whole, svg)
    out, depth, start = [], 0, 0
    for tag in _TAG.finditer(svg):
        closing, empty = tag.group(1), tag.group(2)
        if not closing and not empty:
            depth += 1
            continue
        if closing:
            depth -= 1
        if depth == 0:
            out.append(svg[start : tag.end()])
            start = tag.end()
    return out


def _keyframes(name: str, spans: Sequence[tuple[float, float]], total: float) -> str:
    """Visible during each (start, end) span of the loop, hidden otherwise (held, not faded)."""
    stops: dict[str, str] = {"0": "hidden"}
    for start, end in spans:
        stops[_pct(start / total)] = "visible"
        end_at = _pct(end / total)
        if end_at != "100" and stops.get(end_at) != "visible":
            stops[end_at] = "hidden"
    body = "".join(f"{at}%{{visibility:{value}}}" for at, value in stops.items())
    return f"@keyframes {name}{{{body}}}"


def _pct(fraction: float) -> str:
    text = f"{fraction * 100:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def _prefix(exercise: Exercise) -> str:
    # Class, id and keyframe names are global in a page: make them this exercise's own.
    return "a" + hashlib.sha256(exercise.id.encode()).hexdigest()[:6]


@dataclass
class Schedule:
    """When each drawn pose and each step cue shows, in seconds from the start of the loop."""

    poses: list[dict[str, float]]
    pose_spans: list[list[tuple[float, float]]]
    cue_spans: dict[tuple[int, bool], list[tuple[float, float]]]
    total: float


def schedule(timeline: Sequence[Shot]) -> Schedule:
    """Each distinct pose once, with every span of the loop it shows in (a pose may recur)."""
    keys: dict[PoseKey, int] = {}
    out = Schedule([], [], {}, 0.0)
    for shot in timeline:
        key = frame_key(shot.angles)
        if key not in keys:
            keys[key] = len(out.poses)
            out.poses.append(dict(shot.angles))
            out.pose_spans.append([])
        span = (out.total, out.total + shot.seconds)
        out.pose_spans[keys[key]].append(span)
        out.cue_spans.setdefault((shot.step, shot.holding), []).append(span)
        out.total += shot.seconds
    return out


class _Shared:
    """Pieces drawn once in <defs> and shown wherever they recur with <use>."""

    def __init__(self, prefix: str, pieces: Sequence[Sequence[str]]) -> None:
        counts = Counter(piece for group in pieces for piece in set(group))
        self.ids: dict[str, str] = {}
        self.defs: list[str] = []
        for group in pieces:
            for piece in group:
                if counts[piece] > 1 and piece not in self.ids:
                    self.ids[piece] = f"{prefix}-{len(self.ids)}"
                    # The element itself carries the id: `<path id="…" d="…"/>`.
                    tag_end = len(piece.split(" ", 1)[0].split(">", 1)[0])
                    self.defs.append(f'{piece[:tag_end]} id="{self.ids[piece]}"{piece[tag_end:]}')

    def show(self, piece: str) -> str:
        """The piece itself, or a <use> of its one drawing."""
        return f'<use href="#{self.ids[piece]}"/>' if piece in self.ids else piece


def _svg(
    library: Library,
    exercise: Exercise,
    timeline: Sequence[Shot],
    floor: str,
    drawn: Mapping[PoseKey, list[str]],
    label: str,
) -> tuple[str, int]:
    prefix = _prefix(exercise)
    plan = schedule(timeline)
    frames = [drawn[frame_key(p)] for p in plan.poses]
    cues = {key: _cue(library, exercise, *key) for key in sorted(plan.cue_spans)}
    shared = _Shared(prefix, [*frames, *cues.values()])

    css = [
        f".{prefix} .f,.{prefix} .c{{visibility:hidden;animation:{num(plan.total)}s step-end "
        "infinite}",
        f".{prefix} .s{{visibility:visible}}",
        f".{prefix}.eg-paused .f,.{prefix}.eg-paused .c{{animation-play-state:paused}}",
        "@media (prefers-reduced-motion:reduce){"
        f".{prefix}:not(.eg-play) .f,.{prefix}:not(.eg-play) .c{{animation:none}}}}",
    ]
    groups: list[str] = []
    # The first frame and the first step's cue are what a still animation shows.
    timed = [("f", layers, spans) for layers, spans in zip(frames, plan.pose_spans, strict=True)]
    timed += [("c", cues[key], plan.cue_spans[key]) for key in cues]
    counters = Counter[str]()
    for kind, pieces, spans in timed:
        index = counters[kind]
        counters[kind] += 1
        name = f"{prefix}{kind}{index}"
        css.append(f".{prefix} .{kind}{index}{{animation-name:{name}}}")
        css.append(_keyframes(name, spans, plan.total))
        still = " s" if index == 0 else ""
        inner = "".join(shared.show(piece) for piece in pieces)
        groups.append(f'<g class="{kind} {kind}{index}{still}">{inner}</g>')
    figure = "".join(g for g in groups if g.startswith('<g class="f '))
    captions = "".join(g for g in groups if g.startswith('<g class="c '))

    height = LABEL_BAND + FIGURE_HEIGHT + BREATH_BAND
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(WIDTH)} {num(height)}" '
        f'width="{num(WIDTH)}" height="{num(height)}" role="img" '
        f'class="eg-animation {prefix}" id="{prefix}">'
        f"<title>{escape(label)}</title>"
        f"<style>{''.join(css)}</style>"
        f"<defs>{''.join(shared.defs)}</defs>"
        f'<g fill="none" stroke-linecap="round" stroke-linejoin="round" font-family="{FONT}">'
        f'<g transform="translate(0 {num(LABEL_BAND)})">{floor}{figure}</g>'
        f"{captions}</g></svg>"
    )
    return svg, len(plan.poses)


def _cue(library: Library, exercise: Exercise, step: int, holding: bool) -> list[str]:
    """What shows over and under the figure during a step: its number (and Hold), its breath cue."""
    words = strings(library.guide.language)
    text = str(words["animation"]["step_of"]).format(n=step + 1, total=len(exercise.steps))
    if holding:
        text += f" · {words['hold']}"
    pieces = [
        f'<text x="{num(PAD)}" y="17" font-size="14" font-weight="bold" fill="{INK}" '
        f'stroke="none">{escape(text)}</text>'
    ]
    kind = exercise.steps[step].breath
    breath = breath_words_for(library)
    if kind and kind in breath:
        accent = library.guide.branding.accent_color
        pieces.append(
            f"<g>{breath_svg(kind, breath[kind], LABEL_BAND + FIGURE_HEIGHT, accent)}</g>"
        )
    return pieces
