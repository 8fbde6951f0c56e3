"""Tiny 3D vector and rotation helpers (pure Python: a figure has only a few dozen points)."""

from __future__ import annotations

import math

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

X: Vec = (1.0, 0.0, 0.0)  # the figure's left
Y: Vec = (0.0, 1.0, 0.0)  # up
Z: Vec = (0.0, 0.0, 1.0)  # the figure's front
IDENTITY: Mat = (X, Y, Z)
MIRROR_X: Mat = ((-1.0, 0.0, 0.0), Y, Z)


def add(a: Vec, b: Vec) -> Vec:
    """a + b."""
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    """a - b."""
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    """k a."""
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    """a . b."""
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    """a x b."""
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a: Vec) -> float:
    """|a|."""
    return math.sqrt(dot(a, a))


def unit(a: Vec, fallback: Vec = Z) -> Vec:
    """a scaled to length 1 (or the fallback when a is too short to have a direction)."""
    n = norm(a)
    return scale(a, 1.0 / n) if n > 1e-9 else fallback


def rot(axis: Vec, degrees: float) -> Mat:
    """The right-handed rotation about a unit axis (Rodrigues)."""
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    x, y, z = axis
    t = 1.0 - c
    return (
        (t * x * x + c, t * x * y - s * z, t * x * z + s * y),
        (t * x * y + s * z, t * y * y + c, t * y * z - s * x),
        (t * x * z - s * y, t * y * z + s * x, t * z * z + c),
    )


def mul(a: Mat, b: Mat) -> Mat:
    """The matrix product a b."""
    cols = tuple(zip(*b, strict=True))
    return tuple(tuple(dot(row, col) for col in cols) for row in a)  # type: ignore[return-value]


def apply(m: Mat, v: Vec) -> Vec:
    """m v."""
    return (dot(m[0], v), dot(m[1], v), dot(m[2], v))


def transpose(m: Mat) -> Mat:
    """The inverse of a rotation matrix."""
    return tuple(zip(*m, strict=True))  # type: ignore[return-value]


def rotate_about(v: Vec, axis: Vec, degrees: float) -> Vec:
    """v rotated about a unit axis."""
    # apply(rot(axis, degrees), v) written out, the same arithmetic in the same order: arrows
    # turn dozens of points per figure.
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    x, y, z = axis
    t = 1.0 - c
    p, q, r = v
    return (
        (t * x * x + c) * p + (t * x * y - s * z) * q + (t * x * z + s * y) * r,
        (t * x * y + s * z) * p + (t * y * y + c) * q + (t * y * z - s * x) * r,
        (t * x * z - s * y) * p + (t * y * z + s * x) * q + (t * z * z + c) * r,
    )


def signed_angle(a: Vec, b: Vec, axis: Vec) -> float:
    """The angle in degrees that turns a onto b about axis (both taken perpendicular to it)."""
    return math.degrees(math.atan2(dot(cross(a, b), axis), dot(a, b)))
