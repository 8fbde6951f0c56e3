"""Movement arrows in 3D (arcs about the parent joint, circles for rolling), with direction words.

Arrows are a supplement to the start and end positions: thick, with a black edge around the
accent colour and a white halo, so they survive a 1-bit photocopy; the head sits at the end of
the travel.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from ..model import Motion
from .arrow_words import HEAD_SIZE, LABEL_SIZE, Box, Stroke, place_label
from .body_axes import head_pitch
from .kinematics import HEAD_RADIUS, Body
from .project import DIRECTIONS
from .skeleton import MOTION_JOINTS
from .style import INK, photocopy_safe
from .svg import Point, num, polyline, pt
from .vec import Vec, add, cross, dot, norm, rotate_about, scale, sub, unit

# A joint swings about the one above it: the elbow about the shoulder, the head about the neck.
PARENT = {
    "head": "neck_base",
    "neck_base": "pelvis",
    "pelvis": "pelvis",
    **{
        f"{j}_{s}": p
        for s in ("l", "r")
        for j, p in (
            ("elbow", f"shoulder_{s}"),
            ("wrist", f"shoulder_{s}"),
            ("hand", f"elbow_{s}"),
            ("shoulder", f"sc_{s}"),
            ("knee", f"hip_{s}"),
            ("ankle", f"hip_{s}"),
            ("foot", f"knee_{s}"),
            ("hip", "pelvis"),
        )
    },
}
_ELBOW = {f"{j}_{s}": f"elbow_{s}" for s in ("l", "r") for j in ("hand", "wrist")}
# Where an arrow for a named joint is anchored.
ANCHOR = {"hand_l": "hand_l", "hand_r": "hand_r", "foot_l": "toe_l", "foot_r": "toe_r"}

ARC_DEGREES = 38.0
# A roll circles the shoulder joint itself, small and a little low, so it stays clear of the head.
ROLL_RADIUS = 0.052
ROLL_DROP = 0.047
# Nearly a whole turn, ending level with the joint and heading down: a half circle read as
# "up and over", and three quarters ending with the head pointing forward (or back) read as
# "push the shoulder forward" (blind reviewers). Degrees from the top of the circle.
ROLL_SPAN = 320.0
ROLL_END = 90.0
# Where direction is the point of the step, its arrow carries a word ("forward").
WORDED_KINDS = ("circle", "flap")


def _direction(motion: Motion, landmark: str) -> Vec:
    v = DIRECTIONS[motion.direction]
    # "out" and "in" are relative to the side of the body the joint is on.
    if motion.direction in ("out", "in") and landmark.endswith("_r"):
        v = scale(v, -1.0)
    return v


def arrowhead(tip: Point, before: Point, size: float = HEAD_SIZE) -> str:
    """A filled triangle at `tip`, pointing away from `before`."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    base = (tip[0] - ux * size, tip[1] - uy * size)
    half = size * 0.55
    left = (base[0] - uy * half, base[1] + ux * half)
    right = (base[0] + uy * half, base[1] - ux * half)
    return "M" + pt(tip) + "L" + pt(left) + "L" + pt(right) + "Z"


def _arc(centre: Vec, start: Vec, axis: Vec, a0: float, a1: float, steps: int = 9) -> list[Vec]:
    r = sub(start, centre)
    return [
        add(centre, rotate_about(r, axis, a0 + (a1 - a0) * i / steps)) for i in range(steps + 1)
    ]


def strokes(
    body: Body,
    motions: Sequence[Motion],
    to_screen: Callable[[Vec], Point],
    ghost: Body | None = None,
    far: str | None = None,
    words: Mapping[str, str] | None = None,
    size: float = 1.0,
) -> list[Stroke]:
    """The arrows for a step's motions; a pair that would overlap on screen is drawn once.

    With a ghost (the previous step's pose) an arrow runs from where the joint was to where it
    is; on a pair of joints seen from the side, only the near one gets an arrow.
    """
    out: list[Stroke] = []
    for motion in motions:
        drawn: list[Stroke] = []
        landmarks = MOTION_JOINTS.get(motion.joint, ())
        if far and len(landmarks) == 2:
            landmarks = tuple(lm for lm in landmarks if not lm.endswith("_" + far))
        for landmark in landmarks:
            name = ANCHOR.get(landmark, landmark)
            stroke = None
            if name == "head" and shown_by_start(body, motion, ghost):
                continue
            if name == "head" and motion.kind == "arc" and motion.direction in NOD:
                clear = NOD_CLEAR_GHOST if _head_moved(body, ghost) else NOD_CLEAR
                stroke = _nod(body, motion, to_screen, size, clear)
                if stroke is None:
                    continue
            elif ghost is not None and motion.kind == "flap":
                stroke = _flap_between(body, ghost, name, to_screen, size)
            elif motion.kind == "line" and name.startswith("elbow"):
                # An elbow pushed back or forward: the arrow starts at the elbow and points the
                # way to push it. From the start position it would run along the upper arm and
                # read as the hands' movement.
                stroke = _stroke(body, motion, name, to_screen, size, push=True)
            elif ghost is not None and motion.kind in ("arc", "line"):
                agreement = _agreement(body, ghost, name, motion)
                # A hand carried by the whole arm (its elbow moved too) does not turn about
                # the elbow: an arc about it would cross the other arm's.
                whole_arm = (
                    name in _ELBOW and norm(sub(body[_ELBOW[name]], ghost[_ELBOW[name]])) > 0.04
                )
                if agreement > (0.6 if motion.kind == "arc" else 0.4) and not whole_arm:
                    stroke = _from_ghost(body, ghost, name, motion.kind, to_screen, size)
                elif agreement > 0.2 and motion.kind == "arc":
                    # Arms dropping from behind the back to the sides go more forward than
                    # down: a straight arrow along that path still points down, as it should,
                    # ending just behind the hanging hand so that it does not cover the arm.
                    stroke = _from_ghost(body, ghost, name, "line", to_screen, size, behind=0.05)
            if stroke is None:
                stroke = _stroke(body, motion, name, to_screen, size)
            if stroke is None:
                continue
            # Seen from the side both shoulders are at one place: one circle says it.
            if any(math.dist(stroke.anchor, d.anchor) < 14 * size for d in drawn):
                continue
            # Two motions of one joint from one start (back and in) are one arrow from it.
            if any(stroke.path == d.path for d in out):
                continue
            drawn.append(stroke)
        label = motion.label
        if label is None and motion.kind in WORDED_KINDS and words:
            label = words.get(motion.direction)
        if drawn and label:
            first = drawn[0]
            drawn[0] = Stroke(
                first.path, first.heads, first.anchor, label, first.label_at, first.label_near
            )
        out.extend(drawn)
    return out


# A nod is drawn in front of the face: down for a bow, up for a tip back.
# "Up" is a bowed head coming back up to upright: an arc rising from before the bowed chin
# that ends pointing up, just below eye level. Ending above the eyes it read as tipping the
# head back, ending at eye level pointing forward as "push the head forward" (blind reviewers).
# How far behind the back end of an elbow's beat its side-on arrow ends: clear of the elbow.
FLAP_CLEAR = 0.045
# How far outside the elbows (body heights) a wing beat's arc runs about the shoulder.
FLAP_OUT = 0.03
# "A little forward" is a short arc (a long one over-stated the bow, a reviewer found). It
# runs round the front of the head, from forehead level forward and down to below the nose:
# from the face down toward the throat it read as "tuck the chin in" (a blind reviewer).
NOD = {"forward": (-30.0, 35.0), "backward": (75.0, -25.0), "up": (65.0, 12.0)}
# How far in front of the face a nod's arc runs; further when the head moved, so that the arc
# covers neither the start head's face nor the bowed nose.
NOD_CLEAR = 0.045
NOD_CLEAR_GHOST = 0.075
# How far (body heights) the head must move for the start position to show it.
HEAD_MOVED = 0.03


def _head_moved(body: Body, ghost: Body | None) -> bool:
    """The head moved from the start position (its nod's arc keeps clear of either face)."""
    return ghost is not None and math.dist(body["nose"], ghost["nose"]) > HEAD_MOVED


def start_head_drawn(body: Body, ghost: Body | None) -> bool:
    """The start position's head is drawn: it moved, and it is the bowed one.

    A head coming back up needs its bowed start ("returning your head to normal position"); a
    head bowing is told by its own nose and the arrow. A level start head drawn over a bowed
    end head put a second, level nose over the face, and at print size the bow read as the
    head tipped back (a blind reviewer).
    """
    if ghost is None or not _head_moved(body, ghost):
        return False
    return head_pitch(ghost) > head_pitch(body)


def shown_by_start(body: Body, motion: Motion, ghost: Body | None) -> bool:
    """A head back to upright from a bow: the bowed start head under the level end head says it.

    Every arrow tried read as a move of its own: rising in front of the face, "look up"; ending
    above the eyes, "tip the head back"; ending level, pointing forward, "push the head
    forward" (blind reviewers).
    """
    return motion.joint == "head" and motion.direction == "up" and start_head_drawn(body, ghost)


def _nod(
    body: Body,
    motion: Motion,
    to_screen: Callable[[Vec], Point],
    size: float,
    clear: float = NOD_CLEAR,
) -> Stroke | None:
    """A head bent forward or back: an arc before the face, its head where the chin goes."""
    centre = body["head"]
    start = add(centre, (0.0, 0.0, HEAD_RADIUS + clear))
    # About the left-right axis a positive turn takes the forward point down.
    a0, a1 = NOD[motion.direction]
    arc = _arc(centre, start, (1.0, 0.0, 0.0), a0, a1)
    pts = [to_screen(v) for v in arc]
    # Seen from the front or back the nod is end-on (forward foreshortened to nothing): the
    # side view shows it.
    c = to_screen(centre)
    ahead = math.dist(c, to_screen(add(centre, (0.0, 0.0, HEAD_RADIUS))))
    if ahead < 0.3 * math.dist(c, to_screen(add(centre, (0.0, HEAD_RADIUS, 0.0)))):
        return None
    return Stroke(
        polyline(pts),
        (arrowhead(pts[-1], pts[-2], HEAD_SIZE * size),),
        to_screen(centre),
        label_at=pts[-1],
    )


def _flap_between(
    body: Body, ghost: Body, landmark: str, to_screen: Callable[[Vec], Point], size: float
) -> Stroke | None:
    """A wing beat between the two drawn ends: an arc about the vertical through the parent."""
    parent = PARENT.get(landmark, "pelvis")
    p, q = ghost[landmark], body[landmark]
    centre = body[parent]
    a = (p[0] - centre[0], 0.0, p[2] - centre[2])
    b = (q[0] - centre[0], 0.0, q[2] - centre[2])
    if min(norm(a), norm(b)) < 0.03 or norm(sub(a, b)) < 0.03:
        return None
    total = math.degrees(math.acos(max(-1.0, min(1.0, dot(unit(a), unit(b))))))
    axis = (0.0, 1.0 if cross(a, b)[1] >= 0 else -1.0, 0.0)
    # Just above the elbow, so that it reads as the elbow's beat, not the hands'; each head
    # ends beside the elbow it points to: reaching past the start elbow, the forward heads
    # pointed at nothing (a blind reviewer).
    hub = (centre[0], max(p[1], q[1]) + 0.025, centre[2])
    start = add(hub, scale(unit(a), norm(a) + FLAP_OUT))
    arc = _arc(hub, start, axis, 0.0, total, 12)
    pts = [to_screen(v) for v in arc]
    origin = to_screen(hub)
    k = max(
        math.dist(origin, to_screen(add(hub, e))) for e in ((0.1, 0, 0), (0, 0.1, 0), (0, 0, 0.1))
    )
    if math.dist(pts[0], pts[-1]) < 0.8 * k * norm(sub(arc[0], arc[-1])) / 0.1:
        # Seen edge-on (from the side) the beat is a line forward and back just behind the
        # elbow, at its height: drawn through the elbow it hid the bend and the arm read as
        # straight (a blind reviewer saw it so). Its length still says how far the beat goes.
        ends = sorted((p, q), key=lambda v: v[2])
        back = ends[0][2] - FLAP_CLEAR
        length = ends[1][2] - ends[0][2] + 0.12
        pts = [to_screen((q[0], q[1], back - length)), to_screen((q[0], q[1], back))]
    if math.dist(pts[0], pts[-1]) < 8 * size:
        return None
    heads = (
        arrowhead(pts[-1], pts[-2], HEAD_SIZE * size),
        arrowhead(pts[0], pts[1], HEAD_SIZE * size),
    )
    return Stroke(polyline(pts), heads, to_screen(q), label_at=pts[-1])


def _agreement(body: Body, ghost: Body, landmark: str, motion: Motion) -> float:
    """How far a joint's move from the start position goes the way the motion says (-1..1)."""
    move = sub(body[landmark], ghost[landmark])
    if norm(move) < 1e-9:
        return -1.0
    return dot(unit(move), _direction(motion, landmark))


def _from_ghost(
    body: Body,
    ghost: Body,
    landmark: str,
    kind: str,
    to_screen: Callable[[Vec], Point],
    size: float,
    behind: float = 0.0,
) -> Stroke | None:
    """An arrow from the joint's place in the previous step to its place now (`behind`: that
    far behind it, clear of the limb)."""
    p, q = ghost[landmark], body[landmark]
    if norm(sub(p, q)) < 0.04:
        return None
    q = add(q, (0.0, 0.0, -behind))
    centre = body[PARENT.get(landmark, "pelvis")]
    a, b = sub(p, centre), sub(q, centre)
    axis = cross(a, b)
    if kind == "line" or norm(axis) < 1e-6 or min(norm(a), norm(b)) < 0.03:
        # A short move still gets an arrow long enough to read, ending just past the joint.
        step = sub(q, p)
        length = max(norm(step), 0.11)
        start = sub(q, scale(unit(step), length - 0.015))
        pts = [to_screen(start), to_screen(add(q, scale(unit(step), 0.015)))]
    else:
        total = math.degrees(math.acos(max(-1.0, min(1.0, dot(unit(a), unit(b))))))
        margin = HEAD_RADIUS + 0.035 if landmark == "head" else 0.06
        start3 = add(centre, scale(a, (norm(a) + margin) / norm(a)))
        arc = _arc(centre, start3, unit(axis), total * 0.12, total * 0.92)
        pts = [to_screen(v) for v in arc]
    if math.dist(pts[0], pts[-1]) < 10:
        return None
    return Stroke(
        polyline(pts),
        (arrowhead(pts[-1], pts[-2], HEAD_SIZE * size),),
        to_screen(q),
        label_at=pts[-1],
    )


def _stroke(
    body: Body,
    motion: Motion,
    landmark: str,
    to_screen: Callable[[Vec], Point],
    size: float,
    push: bool = False,
) -> Stroke | None:
    p = body[landmark]
    centre = body[PARENT.get(landmark, "pelvis")]
    move = _direction(motion, landmark)
    anchor = to_screen(p)
    if motion.kind == "circle":
        # A roll seen edge-on: forward goes up behind the joint, over the top, down in front;
        # backward the other way. The head sits at the end of that travel.
        if motion.direction in ("up", "down", "back-and-forth"):
            move = DIRECTIONS["forward"]
        up = (0.0, 1.0, 0.0)
        axis = unit(cross(up, move), (1.0, 0.0, 0.0))
        hub = add(p, (0.0, -ROLL_DROP, 0.0))
        start = add(hub, scale(up, ROLL_RADIUS))
        pts = _arc(hub, start, axis, ROLL_END - ROLL_SPAN, ROLL_END, steps=24)
        screen = [to_screen(q) for q in pts]
        return Stroke(
            polyline(screen),
            (arrowhead(screen[-1], screen[-3], HEAD_SIZE * size),),
            anchor,
            label_at=screen[12],
            label_near=to_screen(add(hub, scale(move, ROLL_RADIUS + 0.05))),
        )
    arm = sub(p, centre)
    reach = norm(arm)
    if motion.kind == "line" or reach < 0.03:
        # Toward the midline, an arrow ends at the joint (two of them would cross otherwise).
        near, far_end = (
            (-0.16, -0.045) if motion.direction == "in" else (0.035, 0.16) if push else (0.06, 0.19)
        )
        start = add(p, scale(move, near))
        end = add(p, scale(move, far_end))
        a, b = to_screen(start), to_screen(end)
        if math.dist(a, b) < 8:
            return None
        return Stroke(polyline([a, b]), (arrowhead(b, a, HEAD_SIZE * size),), anchor, label_at=b)
    axis = cross(arm, move)
    if norm(axis) < 1e-6:
        return None
    axis = unit(axis)
    margin = HEAD_RADIUS + 0.035 if landmark == "head" else 0.06
    start = add(centre, scale(arm, (reach + margin) / reach))
    if motion.kind == "flap" or motion.direction == "back-and-forth":
        if abs(move[1]) < 1e-9:
            # A wing beat forward and back swings about the vertical through the parent joint.
            axis = (0.0, 1.0, 0.0) if cross(arm, move)[1] >= 0 else (0.0, -1.0, 0.0)
            flat = (arm[0], 0.0, arm[2])
            if norm(flat) < 0.03:
                return None
            start = add(p, scale(unit(flat), 0.05))
            centre = (centre[0], start[1], centre[2])
        pts = _arc(centre, start, axis, -28.0, 28.0)
        screen = [to_screen(q) for q in pts]
        if math.dist(screen[0], screen[-1]) < 10:
            return None
        heads = (
            arrowhead(screen[-1], screen[-2], HEAD_SIZE * size),
            arrowhead(screen[0], screen[1], HEAD_SIZE * size),
        )
        return Stroke(polyline(screen), heads, anchor, label_at=screen[-1])
    pts = _arc(centre, start, axis, 4.0, 4.0 + ARC_DEGREES)
    screen = [to_screen(q) for q in pts]
    if math.dist(screen[0], screen[-1]) < 10:
        return None
    return Stroke(
        polyline(screen),
        (arrowhead(screen[-1], screen[-2], HEAD_SIZE * size),),
        anchor,
        label_at=screen[-1],
    )


def render(
    items: Sequence[Stroke],
    colour: str,
    box: tuple[float, float, float, float],
    size: float = 1.0,
    avoid: Sequence[Box] = (),
) -> str:
    """SVG for arrows: a white halo, a black edge and an accent core; words in black, bold."""
    if not items:
        return ""
    paths = "".join(f'<path d="{s.path}"/>' for s in items)
    heads = "".join(h for s in items for h in s.heads)
    colour = photocopy_safe(colour)
    out = (
        f'<g class="arrows"><g stroke="#fff" stroke-width="{num(11 * size)}">{paths}'
        f'<path d="{heads}" stroke-width="{num(5 * size)}"/></g>'
        f'<g stroke="{INK}" stroke-width="{num(7 * size)}">{paths}</g>'
        f'<g stroke="{colour}" stroke-width="{num(3.4 * size)}">{paths}</g>'
        f'<path d="{heads}" fill="{colour}" stroke="{INK}" stroke-width="{num(1.6 * size)}"/>'
    )
    labels = [place_label(s, box, avoid) for s in items if s.label and size >= 1.0]
    if labels:
        texts = "".join(labels)
        out += (
            f'<g font-size="{num(LABEL_SIZE)}" font-weight="bold" text-anchor="middle">'
            f'<g stroke="#fff" stroke-width="4.5" fill="#fff">{texts}</g>'
            f'<g fill="{INK}" stroke="none">{texts}</g></g>'
        )
    return out + "</g>"
