"""What a camera makes of a body is kept with the body (frame.View): figures drawn from kept views
are the same bytes as figures drawn from none, and a frame fitted to bodies is the frame fitted to
their points."""

from __future__ import annotations

import random

from exercise_guide.content import load_library
from exercise_guide.figures import pose_book, render_step
from exercise_guide.figures.draw import UPPER_BODY_VIEWS, Scene, film, render
from exercise_guide.figures.frame import Frame, all_points
from exercise_guide.figures.head import _cap_at
from exercise_guide.figures.kinematics import Body, forward
from exercise_guide.figures.poses import PoseBook
from exercise_guide.figures.project import VIEW_YAW, camera
from exercise_guide.figures.svg import hull, near_hull
from tests.support import CONTENT

_UPPER = ("head", "neck_base", "shoulder_l", "wrist_r")


def test_a_frame_fitted_to_bodies_is_the_frame_fitted_to_their_points() -> None:
    book = PoseBook()
    bodies = [book.body(book.get(name)) for name in book.names()]
    for body, ghost in zip(bodies, bodies[1:] + bodies[:1], strict=True):
        for view in VIEW_YAW:
            for mirror in (False, True):
                cam = camera(view, mirror)
                whole = Frame(cam, [*all_points(body), *all_points(ghost)])
                kept = Frame(cam, bodies=[body, ghost])
                assert (kept.k, kept.ox, kept.oy) == (whole.k, whole.ox, whole.oy)
                rings = [p for _, rs in body.rings for ring in rs for p in ring]
                upper = Frame(cam, [body[n] for n in _UPPER] + rings, middle=True)
                named = Frame(cam, bodies=[body], names=_UPPER, middle=True)
                assert (named.k, named.ox, named.oy) == (upper.k, upper.ox, upper.oy)
                for name in ("head", "wrist_l", "toe_r"):
                    assert kept(body[name]) == whole(body[name])
                    assert kept.depth(ghost[name]) == whole.depth(ghost[name])


def test_figures_drawn_from_kept_views_match_figures_drawn_afresh() -> None:
    """Each key pose in every view, mirrored and not, over a start outline: drawn from bodies
    whose views were kept from drawing all the others first, and from new bodies."""
    book = PoseBook()
    bodies = [book.body(book.get(name)) for name in book.names()]
    ghost = bodies[0]
    views = [(view, mirror) for view in VIEW_YAW for mirror in (True, False)]

    def draw(body: Body, start: Body, view: str, mirror: bool) -> str:
        return render(Scene(body=body, view=view, title="t", mirror=mirror, ghost=start))

    for body in bodies:
        for view, mirror in views:
            draw(body, ghost, view, mirror)
    assert all(len(body.views) == len(views) for body in bodies)
    for body in bodies:
        for view, mirror in reversed(views):
            fresh = draw(forward(body.angles), forward(ghost.angles), view, mirror)
            assert draw(body, ghost, view, mirror) == fresh, (body.angles, view, mirror)


def test_seed_steps_drawn_from_kept_views_match_steps_drawn_afresh() -> None:
    library = load_library(CONTENT)
    book = pose_book(library)
    steps = [(ex, i) for ex in library.exercises.values() for i in range(len(ex.steps))]

    def draw(keep: bool) -> list[str]:
        out = []
        for exercise, i in steps:
            for breath in (True, False):
                book.drawings.clear()
                if not keep:
                    for body in book._bodies.values():
                        body.views.clear()
                out.append(render_step(library, exercise, i, breath=breath).svg or "")
        return out

    afresh = draw(keep=False)
    assert draw(keep=True) == afresh
    assert draw(keep=True) == afresh
    assert any(body.views for body in book._bodies.values())


def test_an_animations_frames_are_the_same_from_kept_views() -> None:
    book = PoseBook()
    bodies = [book.body(book.get(name)) for name in book.names()[:5]]
    for view in ("side", "front", *UPPER_BODY_VIEWS):
        fresh = film([forward(b.angles) for b in bodies], view)
        for body in bodies:
            draw = render(Scene(body=body, view=view, title="t"))
            assert draw
        assert film(bodies, view) == fresh
        assert film(bodies, view, mirror=True) == film(
            [forward(b.angles) for b in bodies], view, mirror=True
        )


def test_a_hull_of_the_points_near_it_is_the_hull_of_them_all() -> None:
    """svg.near_hull drops only points well inside: hulls of every key pose's torso parts and
    hair in every view, and of points on a coarse grid (many in a line along the hull's edges),
    each moved and scaled many ways, are the same with the points it keeps as with them all."""
    rng = random.Random(5)
    sets: list[list[tuple[float, float]]] = []
    book = PoseBook()
    for name in book.names():
        body = book.body(book.get(name))
        for view in VIEW_YAW:
            for mirror in (False, True):
                cam = camera(view, mirror)
                frame = Frame(cam, bodies=[body])
                hair = frame.nearer(
                    _cap_at(body["head"], body.head_frame), frame.depth(body["head"]) - 0.02
                )
                parts = [[p for ring in rings for p in ring] for _, rings in body.rings]
                for points in [*parts, hair]:
                    sets.append([cam.project(p)[:2] for p in points])
    for _ in range(300):
        sets.append([(rng.randint(0, 6) / 7, rng.randint(0, 4) / 3) for _ in range(40)])
    for points in sets:
        kept = [points[i] for i in near_hull(points)]
        assert len(kept) < len(points) or len(points) < 8
        for _ in range(5):
            k, ox, oy = rng.uniform(20, 900), rng.uniform(-200, 400), rng.uniform(-200, 400)
            moved = [(ox + k * x, oy + k * y) for x, y in points]
            assert hull([(ox + k * x, oy + k * y) for x, y in kept]) == hull(moved)
