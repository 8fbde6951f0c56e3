"""Fitting a view into a picture: the camera plus the scale and offset, and each point seen once."""

from __future__ import annotations

from collections.abc import Iterable

from .kinematics import Body
from .project import Camera
from .style import FIGURE_HEIGHT, MAX_SCALE, PAD, WIDTH
from .svg import Point
from .vec import Vec


def all_points(body: Body) -> Iterable[Vec]:
    """Every point of a figure: joints and the torso's outline rings."""
    yield from body.points.values()
    for _, rings in body.rings:
        for ring in rings:
            yield from ring


class Frame:
    """Camera plus the scale and offset that fit the picture into its box (x, y, width, height)."""

    def __init__(
        self,
        cam: Camera,
        points: Iterable[Vec],
        extra: Iterable[Point] = (),
        box: tuple[float, float, float, float] = (0.0, 0.0, WIDTH, FIGURE_HEIGHT),
        pad: float = PAD,
        max_scale: float = MAX_SCALE,
        middle: bool = False,
    ) -> None:
        self.cam = cam
        # The camera's projection written out: a frame projects a few hundred points at once
        # (a point given twice is projected twice, to the same place: cheaper than asking).
        (a, b, c), (d, e, g), (h, i, j) = cam.rows
        seen: dict[Vec, tuple[float, float, float]] = {
            p: (
                a * p[0] + b * p[1] + c * p[2],
                d * p[0] + e * p[1] + g * p[2],
                h * p[0] + i * p[1] + j * p[2],
            )
            for p in points
        }
        self._seen = seen
        extra = list(extra)
        xs = [q[0] for q in seen.values()] + [q[0] for q in extra]
        ys = [q[1] for q in seen.values()] + [q[1] for q in extra]
        bw, bh = max(xs) - min(xs), max(ys) - min(ys)
        x0, y0, width, height = box
        room = height - 2 * pad
        self.k = min(max_scale, (width - 2 * pad) / max(bw, 1e-6), room / max(bh, 1e-6))
        self.ox = x0 + width / 2 - self.k * (min(xs) + max(xs)) / 2
        # Standing figures share a floor line; a small pose is not floated to the middle
        # (unless asked: a view from above has no floor).
        self.oy = y0 + height - pad - self.k * max(ys)
        if middle:
            self.oy = y0 + height / 2 - self.k * (min(ys) + max(ys)) / 2

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

    def nearer_than(self, points: Iterable[Vec], depth: float) -> list[Point]:
        """Where the points at least `depth` near the viewer land, for points asked about once
        (a head's hair cap, some hundred of them): projected here, not kept."""
        (a, b, c), (d, e, g), (h, i, j) = self.cam.rows
        k, ox, oy = self.k, self.ox, self.oy
        out = []
        for x, y, z in points:
            if h * x + i * y + j * z >= depth:
                out.append((ox + k * (a * x + b * y + c * z), oy + k * (d * x + e * y + g * z)))
        return out

    @property
    def from_above(self) -> bool:
        """Whether the camera looks straight down on the figure (the view from above)."""
        return self.cam.elevation >= 60.0

    def outline(self) -> float:
        """The width of a body outline at this scale."""
        return max(2.0, 0.013 * self.k)
