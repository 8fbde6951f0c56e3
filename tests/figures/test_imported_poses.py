"""Imported exercises: start and finish poses read from each step's words, never contradicting them."""

from __future__ import annotations

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.figures import is_generic, pose_book, render_step, step_pose
from exercise_guide.figures.poses import step_phase
from exercise_guide.model import Exercise, Step
from tests.support import CONTENT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT)


def _exercise(title: str, texts: list[str], position: str = "standing") -> Exercise:
    return Exercise(
        id="imported",
        title=title,
        summary="An imported exercise.",
        body_areas=["shoulders"],
        position=position,  # type: ignore[arg-type]
        steps=[Step(text=t) for t in texts],
        safety=["Stop if it hurts."],  # type: ignore[arg-type]
    )


CASES = [
    (
        "Dumbbell Front Raise",
        "standing",
        [
            "Pick up a dumbbell in each hand and stand straight.",
            "Raise the dumbbells to shoulder height in front of you.",
            "Slowly lower them back to the starting position.",
        ],
        ["stand", "arms-forward", "stand"],
    ),
    (
        "Bodyweight Squat",
        "standing",
        [
            "Stand with your feet shoulder width apart.",
            "Lower yourself by bending your knees until your thighs are parallel to the floor.",
            "Push back up to the starting position.",
        ],
        ["stand", "squat", "stand"],
    ),
    (
        "Barbell Curl",
        "standing",
        ["Stand holding a barbell.", "Curl the weight up.", "Return to the starting position."],
        ["arms-relaxed", "arms-bent", "arms-relaxed"],
    ),
    (
        "Lying Leg Raise",
        "lying",
        ["Lie on your back with your knees bent.", "Lift your legs up.", "Lower them slowly."],
        ["lie-back-knees-bent", "leg-raise", "lie-back-knees-bent"],
    ),
    # The title says standing, the words say lying: the figure follows the words.
    (
        "Standing Calf Raise",
        "standing",
        ["Lie face up on a bench holding the weight.", "Raise your heels."],
        ["lie-back", "calf-raise"],
    ),
]


@pytest.mark.parametrize(("title", "position", "texts", "poses"), CASES)
def test_start_and_finish_follow_the_words(
    library: Library, title: str, position: str, texts: list[str], poses: list[str]
) -> None:
    exercise = _exercise(title, texts, position)
    book = pose_book(library)
    assert [step_pose(book, exercise, i).name for i in range(len(texts))] == poses
    for i in range(len(texts)):
        figure = render_step(library, exercise, i)
        assert not is_generic(book, exercise, i)
        assert "general figure" not in figure.alt
    # Arms moving on a body that stays put: the finish shows where the movement began.
    if poses[1] in ("arms-forward", "arms-bent"):
        assert 'class="start"' in (render_step(library, exercise, 1).svg or "")


def test_words_that_place_nothing_get_a_generic_figure_said_to_be_generic(
    library: Library,
) -> None:
    exercise = _exercise("Mystery Move", ["Do the thing.", "Keep going."])
    book = pose_book(library)
    assert [step_pose(book, exercise, i).name for i in range(2)] == ["stand", "stand"]
    for i in range(2):
        assert is_generic(book, exercise, i)
        assert "general figure" in render_step(library, exercise, i).alt.casefold()


@pytest.mark.parametrize(
    ("text", "index", "down", "phase"),
    [
        ("Return to the starting position.", 2, False, "start"),
        ("Raise your arms.", 1, False, "finish"),
        ("Slowly lower the weight.", 2, False, "start"),
        ("Slowly lower yourself.", 1, True, "finish"),
        ("Grab a bar with an overhand grip.", 0, False, "start"),
        ("Hold for a second.", 1, False, None),
    ],
)
def test_step_phase_reads_the_words(text: str, index: int, down: bool, phase: str | None) -> None:
    assert step_phase(text, index, lowering_finishes=down) == phase
