"""An exercise's default pose is worked out once per pose book (PoseBook.default_for), and an
exercise changed since (a new model) is answered for itself."""

from __future__ import annotations

from typing import Any

import pytest

from exercise_guide.content import load_library
from exercise_guide.figures import poses
from exercise_guide.figures.poses import PoseBook
from tests.support import CONTENT


def test_each_exercise_default_is_picked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every step of every exercise asks for the default; the rule words are read once each."""
    library = load_library(CONTENT)
    picked: list[str] = []
    real = poses._pick_pose

    def counting(exercise: Any, rules: Any, positions: Any) -> str:
        picked.append(exercise.id)
        return real(exercise, rules, positions)

    monkeypatch.setattr(poses, "_pick_pose", counting)
    book = PoseBook(library.poses)
    for exercise in library.exercises.values():
        for index in range(len(exercise.steps)):
            book.inferred(exercise, index)
            book.default_for(exercise)
    assert sorted(picked) == sorted(library.exercises)


def test_a_changed_exercise_gets_its_own_default() -> None:
    """A copy with other words is a new exercise to the memo, even after the first was asked."""
    library = load_library(CONTENT)
    book = PoseBook(library.poses)
    exercise = next(iter(library.exercises.values()))
    first = book.default_for(exercise)
    lying = exercise.model_copy(update={"title": "Lying leg raise", "tags": [], "keywords": []})
    sitting = exercise.model_copy(update={"title": "Seated row", "tags": [], "keywords": []})
    assert book.default_for(lying) == PoseBook(library.poses).default_for(lying)
    assert book.default_for(sitting) == PoseBook(library.poses).default_for(sitting)
    assert book.default_for(lying) != book.default_for(sitting)
    assert book.default_for(exercise) == first
