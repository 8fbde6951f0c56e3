"""A scene → SVG: the main view fitted into the picture, the start outline, arrows, an inset view,
the view in words and the breath cue. The body itself is drawn by body.py."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from ..model import Motion
from . import arrows
from . import skeleton as sk
from .body import body_layers, body_svg, far_side, floor_svg, head_depth, moved_parts
from .cue import breath_svg
from .frame import Frame
from .hands import clasped
from .head import head_svg
from .kinematics import HEAD_RADIUS, Body
from .project import camera
from .style import (
    BREATH_BAND,
    FAR,
    FAR_PLAIN,
    FIGURE_HEIGHT,
    FONT,
    GHOST,
    GHOST_OUTLINE,
    INK,
    INSET,
    MAX_SCALE,
    PAD,
    VIEW_BAND,
    WIDTH,
    Style,
)
from .svg import Point, num
from .vec import Vec, add


@dataclass(frozen=True)
class Scene:
    """Everything one figure shows."""

    body: Body
    view: str
    title: str
    accent: str = "#c0392b"
    mirror: bool = False
    ghost: Body | None = None
    motions: Sequence[Motion] = ()
    props: tuple[str, ...] = ()
    breath_kind: str | None = None
    breath_words: str | None = None
    # Where the figure is seen from, in words ("Seen from behind"), printed above it.
    view_words: str | None = None
    # A small second view of the same moment, and its words, for what the main view cannot show.
    inset_view: str | None = None
    inset_words: str | None = None
    # The word each movement direction prints beside its arrow ("forward").
    direction_words: Mapping[str, str] = field(default_factory=dict)


def _short(text: str, limit: int = 1000) -> str:
    """Alt text for the <title>: long imported steps are cut at a word, keeping figures small."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _layout(scene: Scene) -> tuple[float, tuple[float, float, float, float], float]:
    """The top band's height, the main figure's box, and the whole picture's height."""
    top = VIEW_BAND if scene.view_words else 0.0
    height = top + FIGURE_HEIGHT
    if scene.inset_view and scene.view in UPPER_BODY_VIEWS:
        # A view from above is wide and short: beside an inset it shrank to half its size (the
        # head's radius 15, not 27). It keeps the picture's width, below the inset, which
        # sits in the corner over the space beside the head.
        below = _inset_box(scene, top)[1] + CORNER_INSET * 0.75
        box = (0.0, below, WIDTH, top + FIGURE_HEIGHT - below)
    else:
        width = WIDTH - (INSET + PAD / 2 if scene.inset_view else 0.0)
        box = (0.0, top, width, FIGURE_HEIGHT)
    if scene.breath_kind and scene.breath_words:
        height += BREATH_BAND
    return top, box, height


# The side of an inset in the corner over a view from above (smaller: the main view comes first).
CORNER_INSET = 80.0


def _inset_box(scene: Scene, top: float) -> tuple[float, float, float]:
    """Where an inset's box is: its left, its top and its side."""
    if scene.view in UPPER_BODY_VIEWS:
        # Its words, wider than the box, stay inside the picture.
        return WIDTH - CORNER_INSET - PAD, top + 4.0, CORNER_INSET
    return WIDTH - INSET - PAD / 2, top + 28.0, INSET


# Views that show the upper body alone, framed larger.
UPPER_BODY_VIEWS = ("above",)

_UPPER = (
    "head",
    "nose",
    "neck_base",
    "waist",
    "pelvis",
    *(f"{j}_{s}" for j in ("shoulder", "elbow", "wrist", "hand", "thumb", "hip") for s in sk.SIDES),
)


def _view_svg(
    scene: Scene,
    view: str,
    box: tuple[float, float, float, float],
    pad: float,
    close_up: bool = False,
    motions: Sequence[Motion] | None = None,
    focus: Sequence[Vec] = (),
) -> tuple[str, str]:
    """One view of the scene fitted into a box: (figure and start outline, arrows).

    A close-up shows the upper body alone, larger: what an inset is for. With `focus` it is
    framed on those points alone (the hands), the rest of the body running out of the box.
    """
    cam = camera(view, scene.mirror)
    bodies = [scene.body] + ([scene.ghost] if scene.ghost is not None else [])
    # Seen from above the legs are under the trunk and the feet poke out in front: what the
    # view is for (the arms, the shoulders, the head) is framed as in a close-up, at full size.
    upper = close_up or view in UPPER_BODY_VIEWS
    points = [add(scene.body["head"], (0.0, HEAD_RADIUS, 0.0))]
    points += [add(scene.body["head"], (0.0, 0.0, s * HEAD_RADIUS)) for s in (-1.0, 1.0)]
    recorded: list[Point] = []

    def record(p: Vec) -> Point:
        x, y, _ = cam.project(p)
        recorded.append((x, y))
        return (x, y)

    far = far_side(scene.body, cam)
    words = scene.direction_words
    motions = scene.motions if motions is None else motions
    arrows.strokes(scene.body, motions, record, scene.ghost, far, words)
    frame = (
        Frame(cam, focus, (), box, pad, MAX_SCALE * _HANDS_ZOOM, middle=True)
        if focus
        else Frame(
            cam,
            points,
            recorded,
            box,
            pad,
            MAX_SCALE * (2.0 if upper else 1.0),
            middle=view in UPPER_BODY_VIEWS,
            bodies=bodies,
            names=_UPPER if upper else None,
        )
    )
    size = 0.85 if close_up else 1.0
    parts = [] if upper else [floor_svg(scene.body, frame, scene.props)]
    legs = not upper
    # Seen from the side, hands clasped behind the back, the far arm shows as a second grey arm
    # just above and behind the near one: beside the dashed start arm, a blind reviewer read it
    # as the start, lifted. An inset shows both arms, so the main view draws the near one only.
    far_arm = close_up or scene.inset_view is None or far is None or not clasped(scene.body)
    far_style = FAR_PLAIN if close_up else FAR
    if scene.ghost is not None:
        # Parts that moved only a little would just blur the outline: the arrows say it.
        moved = moved_parts(scene.body, scene.ghost, tolerance=0.05)
        # A head bent "a little" moves less than an arm, and its start is the point of the
        # step ("returning your head to normal position"): a smaller move is drawn.
        if arrows.start_head_drawn(scene.body, scene.ghost):
            moved |= {"head"}
        if close_up:
            # An inset is about the arms: a second start outline of the head only clutters it.
            moved &= {"arm_l", "arm_r", "hands"}
        parts.append(
            _start_and_end(scene.body, scene.ghost, frame, moved, legs, far_arm, far_style)
        )
    else:
        end = body_svg(scene.body, frame, False, None, legs, far_arm, far_style)
        parts.append(f'<g class="end">{end}</g>')
    strokes = arrows.strokes(scene.body, motions, frame, scene.ghost, far, words, size)
    return "".join(parts), arrows.render(
        strokes,
        scene.accent,
        # Words may use the picture's whole width (an inset is among the places they avoid).
        box if close_up else (0.0, box[1], WIDTH, box[3]),
        size,
        _trunk_boxes(scene, frame) if any(s.label for s in strokes) else (),
    )


def _start_and_end(
    body: Body,
    ghost: Body,
    f: Frame,
    moved: set[str],
    legs: bool,
    far_arm: bool = True,
    far_style: Style = FAR,
) -> str:
    """The start position's moved parts and the end position in one depth order.

    A start arm beside the trunk is in front of it, as the end arm is: drawn under the whole
    end figure it would be hidden. Where both are at one depth the end position is drawn last.
    """
    # Seen from the side, the two start arms lie almost one over the other: their dashes fill
    # each other's gaps and the pair read as a solid arm (a blind reviewer saw three arms), so
    # the start position shows its near arm only.
    ghost_far_arm = far_arm and far_side(body, f) is None
    head_alone = "head" in moved and "trunk" not in moved
    parts = moved - {"head"} if head_alone else moved
    end = body_layers(body, f, False, None, legs, far_arm, far_style)
    layers = [(d, "end", svg) for d, svg in end]
    if f.from_above:
        # Seen from above the start arms are at the end arms' height: drawn under them, only
        # the upper arm showed, not the forearm and hand going back to the lower back (a blind
        # reviewer). Unfilled over the end position, the whole start arm shows.
        top = max(d for d, _, _ in layers) + 0.01
        start = body_layers(ghost, f, True, parts, legs, ghost_far_arm, ghost_style=GHOST_OUTLINE)
        layers += [(top + d * 1e-3, "start", svg) for d, svg in start]
    else:
        start = body_layers(ghost, f, True, parts, legs, ghost_far_arm)
        layers += [(d - 0.03, "start", svg) for d, svg in start]
    if head_alone:
        # A head that only bent: its start is drawn just under the end head, so that what shows
        # of it is the bowed head's edge and its nose, dashed, below the level face. A whole
        # dashed outline over the end head cluttered the face, and with it the end head looked
        # tipped up (a blind reviewer).
        layers.append((head_depth(body, f) - 0.001, "start", head_svg(ghost, f, GHOST)))
    layers.sort(key=lambda layer: layer[0])
    out = []
    for cls, group in itertools.groupby(layers, key=lambda layer: layer[1]):
        out.append(f'<g class="{cls}">{"".join(svg for _, _, svg in group)}</g>')
    return "".join(out)


def _trunk_boxes(scene: Scene, f: Frame) -> list[tuple[float, float, float, float]]:
    """Where the body is on screen (trunk, head, limbs): direction words are kept off it."""
    out = []
    body = scene.body
    for _, rings in body.rings:
        pts = f.many(p for ring in rings for p in ring)
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    hx, hy = f(body["head"])
    r = HEAD_RADIUS * f.k
    out.append((hx - r, hy - r, hx + r, hy + r))
    half = 0.03 * f.k
    for side in sk.SIDES:
        chain = ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "toe")
        for a, b in itertools.pairwise(chain):
            if (a, b) == ("hand", "hip"):
                continue
            (ax, ay), (bx, by) = f(body[f"{a}_{side}"]), f(body[f"{b}_{side}"])
            out.append(
                (min(ax, bx) - half, min(ay, by) - half, max(ax, bx) + half, max(ay, by) + half)
            )
    if scene.inset_view:
        x, y, size = _inset_box(scene, VIEW_BAND if scene.view_words else 0.0)
        lines = len(_inset_lines(scene.inset_words or ""))
        out.append((x, y, x + size, y + size + 5 + 13 * lines))
    return out


def _unseen(scene: Scene) -> Sequence[Motion]:
    """The movements the main view cannot show (all of them when it shows every one)."""
    cam = camera(scene.view, scene.mirror)
    frame = Frame(cam, bodies=[scene.body])
    far = far_side(scene.body, cam)
    hidden = [
        m
        for m in scene.motions
        if not arrows.strokes(scene.body, [m], frame, scene.ghost, far)
        and not arrows.shown_by_start(scene.body, m, scene.ghost)
    ]
    return hidden or scene.motions


# The hands close up (inset "hands"): at most this many times a whole figure's scale.
_HANDS_ZOOM = 6.0
# Round the hands, how much of the back the close-up shows (units of H): out past the wrists
# and down to the hips, so that the hands are seen lying on it.
_HANDS_AROUND = ((0.05, 0.0, 0.0), (-0.05, 0.0, 0.0), (0.0, 0.02, 0.0), (0.0, -0.1, 0.0))


def _hands_focus(body: Body) -> list[Vec]:
    """The points a close-up of the hands is framed on: the hands, and some of the back round them."""
    names = [f"{j}_{s}" for j in ("wrist", "hand", "thumb") for s in sk.SIDES]
    return [add(body[n], d) for n in names for d in _HANDS_AROUND]


def _inset_svg(scene: Scene, view: str, top: float) -> str:
    """The small second view: a framed close-up at the right with its view in words under it."""
    x, y, side = _inset_box(scene, top)
    motions = _unseen(scene)
    if scene.view in UPPER_BODY_VIEWS:
        # Over a view from above the inset shows where the hands are; the main view shows the
        # movement. Its start outline and arrows, a third of the size, were a blur and a blob.
        scene, motions = dataclasses.replace(scene, ghost=None), ()
    if view == "hands":
        # The hands close up, seen from behind, with what they lie on: the body round them is
        # cut off at the box (an <svg> clips what it holds to its own box).
        scene = dataclasses.replace(scene, ghost=None)
        figure, _ = _view_svg(
            scene, "back", (x, y, side, side), 4.0, True, (), _hands_focus(scene.body)
        )
        box = f'x="{num(x)}" y="{num(y)}" width="{num(side)}" height="{num(side)}"'
        figure = f'<svg {box} viewBox="{num(x)} {num(y)} {num(side)} {num(side)}">{figure}</svg>'
        # Its frame drawn again over it, the square corners outside the round ones whited out:
        # the body runs to the box's edge.
        a, e = num(side - 12), num(side)
        corners = (
            f"M{num(x)} {num(y)}h{e}v{e}h-{e}Z"
            f"M{num(x + 6)} {num(y)}h{a}a6 6 0 0 1 6 6v{a}a6 6 0 0 1-6 6h-{a}"
            f"a6 6 0 0 1-6-6v-{a}a6 6 0 0 1 6-6Z"
        )
        marks = (
            f'<path d="{corners}" fill="#fff" fill-rule="evenodd" stroke="none"/>'
            f'<rect {box} rx="6" fill="none" stroke="{INK}" stroke-width="1.2"/>'
        )
    else:
        figure, marks = _view_svg(
            scene, view, (x, y, side, side), 7.0, close_up=True, motions=motions
        )
    label = ""
    if scene.inset_words:
        lines = _inset_lines(scene.inset_words)
        cx = num(x + side / 2)
        # Two lines are one <text>: print reads a figure's words element by element, and two
        # elements were listed as two ("Seen at an angle · from behind").
        body = (
            escape(lines[0])
            if len(lines) == 1
            else "".join(
                f'<tspan x="{cx}" y="{num(y + side + 14 + 13 * i)}">{escape(line)}</tspan>'
                for i, line in enumerate(lines)
            )
        )
        label = (
            f'<text x="{cx}" y="{num(y + side + 14)}" text-anchor="middle" font-size="11.5" '
            f'font-weight="bold" fill="{INK}" stroke="none">{body}</text>'
        )
    return (
        f'<g class="inset"><rect x="{num(x)}" y="{num(y)}" width="{num(side)}" '
        f'height="{num(side)}" rx="6" fill="#fff" stroke="{INK}" stroke-width="1.2"/>'
        f"{figure}{marks}{label}</g>"
    )


# About how many characters of the inset's bold words fit under its box on one line.
_INSET_LINE = 17


def _inset_lines(words: str) -> list[str]:
    """The inset's words on one line, or two when one would run past its box into the figure
    ("Seen at an angle from behind" reached over the main view's elbow)."""
    if len(words) <= _INSET_LINE or " " not in words:
        return [words]
    gaps = [i for i, c in enumerate(words) if c == " "]
    cut = min(gaps, key=lambda i: abs(i - len(words) / 2))
    return [words[:cut], words[cut + 1 :]]


def render(scene: Scene) -> str:
    """The SVG text of a figure (deterministic: the same scene always gives the same bytes)."""
    before, after = render_around_title(scene)
    return before + title_text(scene.title) + after


def title_text(title: str) -> str:
    """A figure's alt text as its <title> holds it."""
    return escape(_short(title))


def render_around_title(scene: Scene) -> tuple[str, str]:
    """A figure's SVG text before its title's text and after it (the title is the alt text,
    which differs between steps whose pictures are the same)."""
    top, box, height = _layout(scene)
    figure, marks = _view_svg(scene, scene.view, box, PAD)
    parts = [figure, marks]
    # The main view's words come first: print lists a figure's words in the order drawn.
    if scene.view_words:
        parts.insert(
            0,
            f'<text class="view" x="{num(PAD)}" y="{num(top - 6)}" font-size="14" '
            f'font-weight="bold" fill="{INK}" stroke="none">{escape(scene.view_words)}</text>',
        )
    if scene.inset_view:
        parts.append(_inset_svg(scene, scene.inset_view, top))
    if scene.breath_kind and scene.breath_words:
        parts.append(
            breath_svg(scene.breath_kind, scene.breath_words, top + FIGURE_HEIGHT, scene.accent)
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(WIDTH)} {num(height)}" '
        f'width="{num(WIDTH)}" height="{num(height)}" role="img"><title>',
        "</title>"
        f'<g fill="none" stroke-linecap="round" stroke-linejoin="round" font-family="{FONT}">'
        + "".join(parts)
        + "</g></svg>",
    )


def film(
    bodies: Sequence[Body], view: str, mirror: bool = False, props: tuple[str, ...] = ()
) -> tuple[str, list[str]]:
    """Many poses of one figure in one framing (for animation): the floor, and each body's line art."""
    cam = camera(view, mirror)
    # Seen from above, framed as the step figure is: the upper body alone, larger, no floor.
    upper = view in UPPER_BODY_VIEWS
    points: list[Vec] = []
    if upper:
        # From above the head's front and back are the figure's edge.
        points += [add(b["head"], (0.0, 0.0, s * HEAD_RADIUS)) for b in bodies for s in (-1, 1)]
    points += [add(b["head"], (0.0, HEAD_RADIUS, 0.0)) for b in bodies]
    frame = Frame(
        cam,
        points,
        max_scale=MAX_SCALE * (2.0 if upper else 1.0),
        middle=upper,
        bodies=bodies,
        names=_UPPER if upper else None,
    )
    floor = "" if upper else floor_svg(bodies[0], frame, props)
    return floor, [body_svg(b, frame, ghost=False, legs=not upper) for b in bodies]


def landmark_screen(body: Body, view: str, mirror: bool = False) -> Callable[[str], Point]:
    """Where a named point of a body lands in a view's picture (for tests and tools)."""
    cam = camera(view, mirror)
    frame = Frame(cam, bodies=[body])
    return lambda name: frame(body[name])


__all__ = ["Scene", "film", "landmark_screen", "moved_parts", "render"]
