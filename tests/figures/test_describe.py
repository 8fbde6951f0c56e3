"""Alt text describes the picture (view, position, movement) instead of repeating the step text."""

from __future__ import annotations

import re

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.figures import pose_book, render_step
from exercise_guide.model import Exercise, Media, Step
from tests.support import CONTENT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def _longest_shared_run(a: str, b: str) -> int:
    """The longest run of consecutive words the two texts share."""
    x, y = _words(a), _words(b)
    best = 0
    for i in range(len(x)):
        for j in range(len(y)):
            k = 0
            while i + k < len(x) and j + k < len(y) and x[i + k] == y[j + k]:
                k += 1
            best = max(best, k)
    return best


def test_no_seed_figure_alt_repeats_its_step(library: Library) -> None:
    for exercise in library.exercises.values():
        for i, step in enumerate(exercise.steps):
            alt = render_step(library, exercise, i).alt
            # A screen reader reads the step text next to the figure: the alt must not say it again.
            assert _longest_shared_run(alt, step.text) < 6, (exercise.id, i, alt)
            assert step.text[:30] not in alt


def test_seed_alt_texts_say_view_position_and_movement(library: Library) -> None:
    loosener = library.exercises["upper-back-loosener"]
    first, second, third = (render_step(library, loosener, i).alt for i in range(3))
    described = pose_book(library).specs
    # The view in words, then the key pose as poses.yml describes it.
    assert first == f"Seen from behind. {described['hands-interlocked-behind'].description}."
    assert second.startswith(
        f"Seen from the side. {described['elbows-back-head-forward'].description}."
    )
    assert (
        "Arrows show the elbows moving backward, the elbows moving inward and the head moving "
        "forward." in second
    )
    assert "A dashed outline shows the starting position." in second
    assert "the hands moving down" in third
    rolling = library.exercises["shoulder-rolling"]
    assert "the shoulders circling forward" in render_step(library, rolling, 1).alt
    assert "the shoulders circling backward" in render_step(library, rolling, 2).alt
    flapping = library.exercises["elbow-flapping"]
    assert "the elbows moving backwards and forwards" in render_step(library, flapping, 1).alt


def test_a_generic_figure_says_it_is_generic(library: Library) -> None:
    exercise = Exercise(
        id="imported",
        title="Dumbbell Press",
        summary="An imported exercise.",
        body_areas=["shoulders"],
        steps=[Step(text="Press the weights up.")],
        safety=["Stop if you feel any pain."],
    )
    alt = render_step(library, exercise, 0).alt
    assert "A general figure, not specific to this step" in alt
    assert "Press the weights" not in alt


def test_an_authored_image_keeps_its_own_alt(library: Library) -> None:
    exercise = library.exercises["shoulder-rolling"]
    media = Media(file="x.png", licence="CC0", attribution="Someone", alt="A drawing of a roll")
    steps = [exercise.steps[0].model_copy(update={"illustration": media})]
    changed = exercise.model_copy(update={"steps": steps})
    assert render_step(library, changed, 0).alt == "A drawing of a roll"
    bare = media.model_copy(update={"alt": None})
    steps = [exercise.steps[0].model_copy(update={"illustration": bare})]
    assert render_step(library, exercise.model_copy(update={"steps": steps}), 0).alt == (
        "Illustration for step 1"
    )
