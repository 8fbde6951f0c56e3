"""Lay words: a page is found by the words people use for its keywords, never shown to readers."""

from __future__ import annotations

from exercise_guide.pages.search_words import search_words
from exercise_guide.strings import strings


def test_lay_words_follow_the_guide_words_in_keywords() -> None:
    table = strings("en")["lay_words"]
    words = search_words(["stiff upper back", "Desk", "posture"], table)
    assert words[:3] == ["stiff upper back", "Desk", "posture"]
    assert {"hunched", "computer", "laptop", "office", "stiffness"} <= set(words)


def test_a_guide_word_inside_another_word_brings_no_lay_words() -> None:
    # "desktop" is not "desk": lay words follow whole words only.
    assert search_words(["desktop"], {"desk": ["computer"]}) == ["desktop"]


def test_no_keywords_no_lay_words() -> None:
    assert search_words([], strings("en")["lay_words"]) == []
