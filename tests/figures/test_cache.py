"""The figure cache: the same figures as drawing afresh, keyed by everything that shapes them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.figures import render_step
from exercise_guide.figures.cache import FigureCache
from exercise_guide.model import Media
from tests.support import CONTENT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT)


def _fresh(library: Library, exercise_id: str, breath: bool = True) -> list[object]:
    exercise = library.exercises[exercise_id]
    return [render_step(library, exercise, i, breath=breath) for i in range(len(exercise.steps))]


def test_cached_figures_are_the_figures_drawn_afresh(library: Library, tmp_path: Path) -> None:
    first = FigureCache(tmp_path)
    for exercise in library.exercises.values():
        assert first.render_steps(library, exercise) == _fresh(library, exercise.id)
    steps = sum(len(e.steps) for e in library.exercises.values())
    assert (first.stats.drawn, first.stats.cached) == (steps, 0)

    second = FigureCache(tmp_path)
    for exercise in library.exercises.values():
        assert second.render_steps(library, exercise) == _fresh(library, exercise.id)
        no_breath = second.render_steps(library, exercise, breath=False)
        assert no_breath == _fresh(library, exercise.id, breath=False)
    assert second.stats.cached == steps and second.stats.drawn == steps  # breath=False drawn


def test_the_key_covers_what_shapes_a_figure(library: Library, tmp_path: Path) -> None:
    cache = FigureCache(tmp_path)
    exercise = next(iter(library.exercises.values()))
    key = cache.key(library, exercise, breath=True)
    assert cache.key(library, exercise, breath=True) == key
    assert cache.key(library, exercise, breath=False) != key
    branding = library.guide.branding.model_copy(update={"accent_color": "#123456"})
    guide = library.guide.model_copy(update={"branding": branding})
    assert cache.key(dataclasses.replace(library, guide=guide), exercise, breath=True) != key
    changed = exercise.model_copy(update={"title": exercise.title + " again"})
    assert cache.key(library, changed, breath=True) != key


def test_authored_media_is_looked_up_not_stored(library: Library, tmp_path: Path) -> None:
    exercise = next(iter(library.exercises.values()))
    media = Media(file="photo.jpg", licence="CC0", attribution="Me")
    steps = [exercise.steps[0].model_copy(update={"illustration": media}), *exercise.steps[1:]]
    mixed = exercise.model_copy(update={"steps": steps})
    cache = FigureCache(tmp_path)
    first = cache.render_steps(library, mixed)
    assert first[0].media == library.media_path("photo.jpg") and first[0].svg is None
    stored = json.loads(cache._path(cache.key(library, mixed, breath=True)).read_text())
    assert stored[0] is None and all(isinstance(s, dict) for s in stored[1:])

    again = FigureCache(tmp_path)
    assert again.render_steps(library, mixed) == first
    assert again.stats.drawn == 0 and again.stats.cached == len(steps) - 1


@pytest.mark.parametrize(
    "damage",
    [b"", b"[", b"{}", b"[null, null, null]", b'[{"alt": "x", "svg": 3}]', b"\xff\xfe"],
)
def test_a_damaged_entry_is_drawn_again(library: Library, tmp_path: Path, damage: bytes) -> None:
    exercise = next(iter(library.exercises.values()))
    cache = FigureCache(tmp_path)
    cache.render_steps(library, exercise)
    path = cache._path(cache.key(library, exercise, breath=True))
    path.write_bytes(damage)
    again = FigureCache(tmp_path)
    assert again.render_steps(library, exercise) == _fresh(library, exercise.id)
    assert again.stats.drawn == len(exercise.steps) and again.stats.cached == 0
