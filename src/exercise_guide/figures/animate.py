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
import xml.etree.ElementTree as ET
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
from .project import VIEWS, choose_view
from .style import BREATH_BAND, FIGURE_HEIGHT, FONT, INK, PAD, WIDTH
from .svg import num
from .timeline import FPS, Beat, Shot, moves, shots

# A page carries its animation inline: it must stay small however many steps an exercise has.
MAX_BYTES = 60_000
# Tried in turn until the SVG fits MAX_BYTES: fewer frames per second of movement.
FRAME_RATES = (FPS, FPS * 2 / 3, FPS / 2, FPS / 3)
LABEL_BAND = 24.0


@dataclass(frozen=True)
class Animation:
    """An exercise's animation: the SVG text, its accessible name, its length and frame count."""

    svg: str
    label: str
    seconds: float
    frames: int
    id: str  # the SVG element's id, for the play/pause button's aria-controls


def animation_view(library: Library, exercise: Exercise, beats: Sequence[Beat]) -> str:
    """One view for the whole loop: the one the moving steps are drawn in most, else the best one."""
    views: list[str] = [
        step.view
        for i, step in enumerate(exercise.steps)
        if step.view
        and (step.motion or (i > 0 and beats[i].pose.angles != beats[i - 1].pose.angles))
    ]
    if views:
        counts = Counter(views)
        return max(VIEWS, key=lambda v: (counts[v], -VIEWS.index(v)))
    book = pose_book(library)
    first = book.body(beats[0].pose)
    furthest = max(beats, key=lambda b: _distance(book.body(b.pose), first))
    return choose_view(book.body(furthest.pose), [m for b in beats for m in b.motions], first)


def _distance(a: Body, b: Body) -> float:
    return sum(sum((x - y) ** 2 for x, y in zip(a[n], b[n], strict=True)) for n in a.points)


def render_animation(library: Library, exercise: Exercise) -> Animation | None:
    """The exercise's movement as an animated SVG, or None when its steps show no movement."""
    book = pose_book(library)
    beats = [
        Beat(i, step_pose(book, exercise, i), step.motion, step.hold)
        for i, step in enumerate(exercise.steps)
    ]
    view = animation_view(library, exercise, beats)
    label = _label(library, exercise, beats, view)
    for fps in FRAME_RATES:
        timeline = shots(book, beats, fps)
        if not moves(timeline):
            return None
        svg, frames = _svg(library, exercise, timeline, view, beats[0].pose.props, label)
        if len(svg.encode("utf-8")) <= MAX_BYTES:
            return Animation(
                svg, label, sum(s.seconds for s in timeline), frames, _prefix(exercise)
            )
    return None


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


def _key(angles: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    # Poses a tenth of a degree apart draw the same picture: draw them once.
    return tuple(sorted((k, round(v, 1)) for k, v in angles.items()))


def _layers(svg: str) -> list[str]:
    """The top-level elements of a drawn body, back to front."""
    root = ET.fromstring(f"<g>{svg}</g>")
    return [ET.tostring(child, encoding="unicode") for child in root]


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


def _svg(
    library: Library,
    exercise: Exercise,
    timeline: Sequence[Shot],
    view: str,
    props: tuple[str, ...],
    label: str,
) -> tuple[str, int]:
    words = strings(library.guide.language)
    accent = library.guide.branding.accent_color
    prefix = _prefix(exercise)
    total = sum(s.seconds for s in timeline)

    # Each distinct pose is drawn once; a frame may show at several times of the loop.
    keys: dict[tuple[tuple[str, float], ...], int] = {}
    spans: list[list[tuple[float, float]]] = []
    cue_spans: dict[tuple[int, bool], list[tuple[float, float]]] = {}
    poses: list[dict[str, float]] = []
    at = 0.0
    for shot in timeline:
        key = _key(shot.angles)
        if key not in keys:
            keys[key] = len(poses)
            poses.append(dict(shot.angles))
            spans.append([])
        spans[keys[key]].append((at, at + shot.seconds))
        cue_spans.setdefault((shot.step, shot.holding), []).append((at, at + shot.seconds))
        at += shot.seconds

    floor, bodies = film([forward(p) for p in poses], view, props=props)
    layered = [_layers(b) for b in bodies]
    shared = Counter(layer for layers in layered for layer in set(layers))
    ids: dict[str, str] = {}
    defs: list[str] = []
    for layers in layered:
        for layer in layers:
            if shared[layer] > 1 and layer not in ids:
                ids[layer] = f"{prefix}-{len(ids)}"
                # The element itself carries the id: `<path id="…" d="…"/>`.
                tag_end = len(layer.split(" ", 1)[0].split(">", 1)[0])
                defs.append(f'{layer[:tag_end]} id="{ids[layer]}"{layer[tag_end:]}')

    css = [
        f".{prefix} .f,.{prefix} .c{{visibility:hidden;animation:{num(total)}s step-end infinite}}",
        f".{prefix} .s{{visibility:visible}}",
        f".{prefix}.eg-paused .f,.{prefix}.eg-paused .c{{animation-play-state:paused}}",
        "@media (prefers-reduced-motion:reduce){"
        f".{prefix}:not(.eg-play) .f,.{prefix}:not(.eg-play) .c{{animation:none}}}}",
    ]
    frames: list[str] = []
    for index, (layers, times) in enumerate(zip(layered, spans, strict=True)):
        name = f"{prefix}f{index}"
        css.append(f".{prefix} .f{index}{{animation-name:{name}}}")
        css.append(_keyframes(name, times, total))
        still = " s" if index == 0 else ""
        inner = "".join(
            f'<use href="#{ids[layer]}"/>' if layer in ids else layer for layer in layers
        )
        frames.append(f'<g class="f f{index}{still}">{inner}</g>')

    cues: list[str] = []
    breath_table = breath_words_for(library)
    for index, ((step, holding), times) in enumerate(sorted(cue_spans.items())):
        name = f"{prefix}c{index}"
        css.append(f".{prefix} .c{index}{{animation-name:{name}}}")
        css.append(_keyframes(name, times, total))
        text = str(words["animation"]["step_of"]).format(n=step + 1, total=len(exercise.steps))
        if holding:
            text += f" · {words['hold']}"
        kind = exercise.steps[step].breath
        breath = (
            breath_svg(kind, breath_table[kind], LABEL_BAND + FIGURE_HEIGHT, accent)
            if kind and kind in breath_table
            else ""
        )
        still = " s" if (step, holding) == (0, False) else ""
        cues.append(
            f'<g class="c c{index}{still}"><text x="{num(PAD)}" y="17" font-size="14" '
            f'font-weight="bold" fill="{INK}" stroke="none">{escape(text)}</text>{breath}</g>'
        )

    height = LABEL_BAND + FIGURE_HEIGHT + BREATH_BAND
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(WIDTH)} {num(height)}" '
        f'width="{num(WIDTH)}" height="{num(height)}" role="img" class="eg-animation {prefix}" id="{prefix}">'
        f"<title>{escape(label)}</title>"
        f"<style>{''.join(css)}</style>"
        f"<defs>{''.join(defs)}</defs>"
        f'<g fill="none" stroke-linecap="round" stroke-linejoin="round" font-family="{FONT}">'
        f'<g transform="translate(0 {num(LABEL_BAND)})">{floor}{"".join(frames)}</g>'
        f"{''.join(cues)}</g></svg>"
    )
    return svg, len(poses)
