"""The body parts a search notice names: those the strings table lists and the guide has no area for."""

from __future__ import annotations

import dataclasses
import re

from exercise_guide.content import Library, load_library
from exercise_guide.pages.search_notice import uncovered_parts, words_of
from exercise_guide.strings import strings
from tests.support import CONTENT

LIBRARY = load_library(CONTENT)
PARTS = strings("en")["body_parts"]


def _names(library: Library) -> list[str]:
    return [p["name"] for p in uncovered_parts(library, PARTS)]


def test_the_seeds_areas_are_covered_and_the_elbow_knee_and_lower_back_are_not() -> None:
    names = _names(LIBRARY)
    assert {"the elbow", "the knee", "the lower back"} <= set(names)
    assert not {"the neck", "the shoulders", "the upper back", "the chest"} & set(names)
    words = {w for p in uncovered_parts(LIBRARY, PARTS) for w in p["words"]}
    assert {"elbow", "elbows", "knee", "lower back"} <= words
    # "back" alone names no part: the guide covers the upper back.
    assert "back" not in words


def test_an_area_covers_the_parts_its_name_says() -> None:
    guide = LIBRARY.guide.model_copy(
        update={"body_areas": {**LIBRARY.guide.body_areas, "chest": "Chest and elbows"}}
    )
    names = _names(dataclasses.replace(LIBRARY, guide=guide))
    assert "the elbow" not in names and "the knee" in names


def test_body_part_words_are_plain_words() -> None:
    # The browser compares them word by word: lowercase letters, single spaces.
    for part_id, part in PARTS.items():
        assert re.fullmatch(r"[a-z0-9-]+", part_id)
        assert part["name"].strip() and part["words"], part_id
        for word in part["words"]:
            assert words_of(word) == word, word


def test_words_of_folds_case_and_punctuation() -> None:
    assert words_of("  Lower-BACK pain!! ") == "lower back pain"
    assert words_of("Genou, cheville") == "genou cheville"
