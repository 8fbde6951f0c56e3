"""Seed step arrows sit where the text puts the movement, and point the way it goes."""

from __future__ import annotations

import math

from exercise_guide.content import load_library
from exercise_guide.figures import arrows
from exercise_guide.figures.arrow_words import path_points
from exercise_guide.figures.kinematics import HEAD_RADIUS, Body, forward
from exercise_guide.figures.poses import PoseBook
from exercise_guide.figures.project import camera
from exercise_guide.figures.svg import Point
from tests.support import CONTENT

BOOK = PoseBook()
LIBRARY = load_library(CONTENT)
SCALE = 500.0  # screen units per metre, about the size a step figure is drawn at


def _body(name: object) -> Body:
    assert isinstance(name, str)
    return forward(BOOK.get(name).angles)


def _setup(
    exercise: str, index: int, view: str = "side"
) -> tuple[Body, list[arrows.Stroke], object]:
    steps = LIBRARY.exercises[exercise].steps
    step = steps[index]
    body = _body(step.pose)
    ghost = _body(step.start if step.start is not None else steps[index - 1].pose)
    cam = camera(view)

    def to_screen(p: tuple[float, float, float]) -> Point:
        x, y, _ = cam.project(p)
        return (SCALE * x, SCALE * y)

    far = "r" if cam.project(body["shoulder_l"])[2] > cam.project(body["shoulder_r"])[2] else "l"
    words = {"forward": "Forward", "backward": "Backward", "back-and-forth": "Back and forth"}
    return body, arrows.strokes(body, step.motion, to_screen, ghost, far, words), to_screen


def _box(stroke: arrows.Stroke) -> tuple[float, float, float, float]:
    pts = path_points(stroke.path)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def test_shoulder_roll_circles_the_shoulder_clear_of_the_head() -> None:
    for index, direction in ((1, 1.0), (2, -1.0)):
        body, strokes, to_screen = _setup("shoulder-rolling", index)
        assert len(strokes) == 1
        (stroke,) = strokes
        _, hy = to_screen(body["head"])  # type: ignore[operator]
        r = HEAD_RADIUS * SCALE
        x0, y0, x1, y1 = _box(stroke)
        assert y0 > hy + r, "the roll arrow reaches up over the head"
        sx, sy = to_screen(body["shoulder_r"])  # type: ignore[operator]
        assert x0 < sx < x1 and y0 < sy < y1, "the roll arrow does not go round the shoulder"
        # The figure faces screen right: "Forward" in front of the body, "Backward" behind it.
        assert stroke.label_near is not None
        assert direction * (stroke.label_near[0] - sx) > 0.03 * SCALE


def test_upper_back_loosener_elbow_arrow_is_at_the_elbow_and_the_nod_goes_down() -> None:
    body, strokes, to_screen = _setup("upper-back-loosener", 1)
    nod = [s for s in strokes if s.anchor == to_screen(body["head"])]  # type: ignore[operator]
    elbows = [s for s in strokes if s not in nod]
    assert len(nod) == 1 and elbows
    for stroke in elbows:
        x0, y0, x1, y1 = _box(stroke)
        centre = ((x0 + x1) / 2, (y0 + y1) / 2)
        elbow = min(math.dist(centre, to_screen(body[f"elbow_{s}"])) for s in "lr")  # type: ignore[operator]
        hand = min(math.dist(centre, to_screen(body[f"hand_{s}"])) for s in "lr")  # type: ignore[operator]
        assert elbow < 0.5 * hand
    pts = path_points(nod[0].path)
    hx, _ = to_screen(body["head"])  # type: ignore[operator]
    assert pts[-1][1] > pts[0][1] + 0.04 * SCALE, "the head arrow does not point down"
    assert min(p[0] for p in pts) > hx, "the head arrow is not in front of the face"


def test_upper_back_loosener_drop_arrow_points_down_and_the_head_has_no_arrow() -> None:
    body, strokes, to_screen = _setup("upper-back-loosener", 2)
    head = [s for s in strokes if s.anchor == to_screen(body["head"])]  # type: ignore[operator]
    drops = [s for s in strokes if s not in head]
    assert drops
    for stroke in drops:
        pts = path_points(stroke.path)
        dx, dy = pts[-1][0] - pts[-2][0], pts[-1][1] - pts[-2][1]
        assert dy > 0.5 * abs(dx), "the arms' drop ends pointing sideways, not down"
    # "Returning your head to normal position": the bowed start head under the level end head
    # says it. An arrow rising in front of the face read as "look up" (a blind reviewer).
    assert head == [], "a head coming back to upright has an arrow"


def test_elbow_flap_is_one_double_headed_arrow_at_elbow_height() -> None:
    body, strokes, to_screen = _setup("elbow-flapping", 1)
    assert len(strokes) == 1
    (stroke,) = strokes
    assert len(stroke.heads) == 2
    pts = path_points(stroke.path)
    assert math.dist(pts[0], pts[-1]) > 0.2 * SCALE
    ey = min(to_screen(body[f"elbow_{s}"])[1] for s in "lr")  # type: ignore[operator]
    hy = min(to_screen(body[f"hand_{s}"])[1] for s in "lr")  # type: ignore[operator]
    assert all(p[1] < (ey + hy) / 2 for p in pts), "the flap arrow sits at the hands"
    # The figure faces screen right: the arrow is behind the elbow, not over its bend.
    ex = min(to_screen(body[f"elbow_{s}"])[0] for s in "lr")  # type: ignore[operator]
    assert max(p[0] for p in pts) < ex - 0.02 * SCALE, "the flap arrow covers the elbow"


def test_back_views_tell_hands_held_low_from_hands_on_the_lower_back_with_elbows_out() -> None:
    cam = camera("back")

    def heights(name: str) -> tuple[float, float]:
        body = _body(name)
        hip_y = min(-cam.project(body[f"hip_{s}"])[1] for s in "lr")
        hand_y = max(-cam.project(body[f"hand_{s}"])[1] for s in "lr")
        return hand_y, hip_y

    # Flapping: the hands on the lower back, above the hip joints (the text says so).
    hand_y, hip_y = heights("hands-on-lower-back")
    assert hand_y > hip_y + 0.015
    # The loosener's start holds them lower, arms hanging: the two back views differ as their
    # texts do, by a hand's length at least.
    assert heights("hands-interlocked-behind")[0] < hand_y - 0.08
    body = _body("hands-on-lower-back")
    for s, out in (("l", 1.0), ("r", -1.0)):
        elbow_x = -out * cam.project(body[f"elbow_{s}"])[0]
        shoulder_x = -out * cam.project(body[f"shoulder_{s}"])[0]
        assert elbow_x > shoulder_x + 0.07, "elbows do not point out to the sides"
