"""Fitting a view into a picture: the camera plus the scale and offset, and each point seen once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .kinematics import Body
from .project import Camera
from .style import FIGURE_HEIGHT, MAX_SCALE, PAD, WIDTH
from .svg import Point, near_hull
from .vec import Vec

Bounds = tuple[float, float, float, float]  # least x, greatest x, least y, greatest y


def all_points(body: Body) -> Iterable[Vec]:
    """Every point of a figure: joints and the torso's outline rings."""
    yield from body.points.values()
    for _, rings in body.rings:
        for ring in rings:
            yield from ring


class View:
    """A body as one camera sees it, before a picture's scale and offset.

    A key pose is drawn in many figures (the end of one step, the start outline of the next, the
    site's figure and the print one), each time through the same camera: what the camera makes
    of it is worked out once per body and camera (see `view`), not once per figure.
    """

    def __init__(self, body: Body, cam: Camera) -> None:
        self.body = body
        # The camera's projection written out: a body has some 140 points.
        (a, b, c), (d, e, g), (h, i, j) = cam.rows
        self.where: dict[Vec, tuple[float, float, float]] = {
            p: (
                a * p[0] + b * p[1] + c * p[2],
                d * p[0] + e * p[1] + g * p[2],
                h * p[0] + i * p[1] + j * p[2],
            )
            for p in all_points(body)
        }
        self.bounds = _bounds(self.where.values())
        self.cam_project = cam.project
        self._memo: dict[object, Any] = {}

    def bounds_of(self, names: tuple[str, ...]) -> Bounds:
        """Where the named joints and the torso's outline lie (a close-up frames only those)."""
        found = self._memo.get(names)
        if found is None:
            body, where = self.body, self.where
            points = [body[n] for n in names]
            points += [p for _, rings in body.rings for ring in rings for p in ring]
            found = self._memo[names] = _bounds([where[p] for p in points])
        return found

    def remember(self, key: str, make: Callable[[], Any]) -> Any:
        """Something worked out from this view alone (a torso's depth), made once."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def outline(self, key: str, points: Callable[[], Sequence[Vec]]) -> Sequence[Vec]:
        """The points (a torso part's, the hair's) that can be on their outline in this view.

        The first figure takes them all; from the second on, only those on or near their hull
        seen from here (svg.near_hull), found once: a hull of fifty points, three in four of
        them inside, is a figure's costliest step. A body drawn once pays nothing for it.
        """
        every: Sequence[Vec] = self.remember(key, points)
        near = self._memo.get(("outline", key))
        if near is None:
            if not self._memo.pop(("seen once", key), False):
                self._memo[("seen once", key)] = True
                return every
            where, project = self.where, self.cam_project
            screen = [where[p][:2] if p in where else project(p)[:2] for p in every]
            near = self._memo[("outline", key)] = [every[i] for i in near_hull(screen)]
        return near


def view(body: Body, cam: Camera) -> View:
    """The body as the camera sees it (kept with the body)."""
    found = body.views.get(cam)
    if found is None:
        found = body.views[cam] = View(body, cam)
    return found  # type: ignore[return-value]


def _bounds(points: Iterable[tuple[float, ...]]) -> Bounds:
    pts = list(points)
    xs, ys = [q[0] for q in pts], [q[1] for q in pts]
    return min(xs), max(xs), min(ys), max(ys)


class Frame:
    """Camera plus the scale and offset that fit the picture into its box (x, y, width, height)."""

    def __init__(
        self,
        cam: Camera,
        points: Iterable[Vec] = (),
        extra: Iterable[Point] = (),
        box: tuple[float, float, float, float] = (0.0, 0.0, WIDTH, FIGURE_HEIGHT),
        pad: float = PAD,
        max_scale: float = MAX_SCALE,
        middle: bool = False,
        bodies: Sequence[Body] = (),
        names: tuple[str, ...] | None = None,
    ) -> None:
        """Fit `bodies` (each one whole, or with `names` those joints and its torso outline),
        the 3D `points` and the screen points `extra` (before scaling) into the box."""
        self.cam = cam
        seen: dict[Vec, tuple[float, float, float]] = {}
        fitted: list[Bounds] = []
        for body in bodies:
            known = view(body, cam)
            seen.update(known.where)
            fitted.append(known.bounds if names is None else known.bounds_of(names))
        # The camera's projection written out (a point given twice is projected twice, to the
        # same place: cheaper than asking).
        (a, b, c), (d, e, g), (h, i, j) = cam.rows
        more = {
            p: (
                a * p[0] + b * p[1] + c * p[2],
                d * p[0] + e * p[1] + g * p[2],
                h * p[0] + i * p[1] + j * p[2],
            )
            for p in points
        }
        seen.update(more)
        self._seen = seen
        loose = [*more.values(), *extra]
        if loose:
            fitted.append(_bounds(loose))
        low_x, high_x = min(q[0] for q in fitted), max(q[1] for q in fitted)
        low_y, high_y = min(q[2] for q in fitted), max(q[3] for q in fitted)
        bw, bh = high_x - low_x, high_y - low_y
        x0, y0, width, height = box
        room = height - 2 * pad
        self.k = min(max_scale, (width - 2 * pad) / max(bw, 1e-6), room / max(bh, 1e-6))
        self.ox = x0 + width / 2 - self.k * (low_x + high_x) / 2
        # Standing figures share a floor line; a small pose is not floated to the middle
        # (unless asked: a view from above has no floor).
        self.oy = y0 + height - pad - self.k * high_y
        if middle:
            self.oy = y0 + height / 2 - self.k * (low_y + high_y) / 2

    def view(self, body: Body) -> View:
        """The body as this frame's camera sees it."""
        return view(body, self.cam)

    def _project(self, p: Vec) -> tuple[float, float, float]:
        # A figure asks for the same points many times (outline, depth order, marks): once each.
        known = self._seen.get(p)
        if known is None:
            known = self._seen[p] = self.cam.project(p)
        return known

    def __call__(self, p: Vec) -> Point:
        # _project's look-up written out: a figure asks for about a thousand points.
        known = self._seen.get(p)
        if known is None:
            known = self._project(p)
        return (self.ox + self.k * known[0], self.oy + self.k * known[1])

    def depth(self, p: Vec) -> float:
        """How near a point is to the viewer (larger is nearer)."""
        known = self._seen.get(p)
        return (self._project(p) if known is None else known)[2]

    def many(self, points: Iterable[Vec]) -> list[Point]:
        """Where each of many points lands in the picture (a torso's outline: 48 of them)."""
        get, k, ox, oy = self._seen.get, self.k, self.ox, self.oy
        (a, b, c), (d, e, g), _ = self.cam.rows
        out = []
        for p in points:
            known = get(p)
            if known is None:
                # A point the frame was not fitted to (a floor's outline): projected, not kept.
                x, y, z = p
                out.append((ox + k * (a * x + b * y + c * z), oy + k * (d * x + e * y + g * z)))
            else:
                out.append((ox + k * known[0], oy + k * known[1]))
        return out

    def depths(self, points: Iterable[Vec]) -> list[float]:
        """How near each of many points is to the viewer."""
        get = self._seen.get
        return [(self._project(p) if (known := get(p)) is None else known)[2] for p in points]

    def nearer(self, points: Iterable[Vec], depth: float) -> list[Vec]:
        """The points at least `depth` near the viewer."""
        _, _, (h, i, j) = self.cam.rows
        return [p for p in points if h * p[0] + i * p[1] + j * p[2] >= depth]

    def fresh(self, points: Iterable[Vec]) -> list[Point]:
        """Where points asked about once land (a head's hair): projected here, not kept."""
        (a, b, c), (d, e, g), _ = self.cam.rows
        k, ox, oy = self.k, self.ox, self.oy
        return [
            (ox + k * (a * x + b * y + c * z), oy + k * (d * x + e * y + g * z))
            for x, y, z in points
        ]

    @property
    def from_above(self) -> bool:
        """Whether the camera looks straight down on the figure (the view from above)."""
        return self.cam.elevation >= 60.0

    def outline(self) -> float:
        """The width of a body outline at this scale."""
        return max(2.0, 0.013 * self.k)
