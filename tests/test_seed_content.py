"""The shipped content holds the seed article's exercises in the article's own words."""

from __future__ import annotations

import re

import pytest

from exercise_guide.content import load_library
from exercise_guide.model import Exercise
from tests.support import CONTENT
from tests.support import SEED_ARTICLE as SEED


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("“", '"').replace("”", '"')).strip().lower()


def _all_text(ex: Exercise) -> str:
    dose = ex.dose
    parts = [ex.title, ex.summary, *(s.text for s in ex.steps), *ex.benefits, *ex.tips]
    parts += [*ex.safety, *ex.cautions]
    parts += [v for v in (dose.reps, dose.sets, dose.hold, dose.duration, dose.frequency) if v]
    return _norm(" ".join(parts))


def _seed_sections() -> dict[str, str]:
    text = SEED.read_text(encoding="utf-8")
    first, more = text.split("More Upper Back Exercises", 1)
    loosener = first.split("Upper Back Loosener\n", 2)[-1]
    paragraphs = re.findall(r"^\d\. (.*?)(?=^\d\. |\Z)", more, re.S | re.M)
    rolling = paragraphs[2].split("Also try Shoulder Rolling.", 1)[1].split("For even greater")[0]
    return {
        "upper-back-loosener": loosener,
        "elbow-flapping": paragraphs[0] + paragraphs[1],
        "shoulder-rolling": rolling,
    }


@pytest.mark.parametrize(
    "exercise_id", ["upper-back-loosener", "elbow-flapping", "shoulder-rolling"]
)
def test_every_clause_of_the_source_is_in_the_exercise(exercise_id: str) -> None:
    library = load_library(CONTENT)
    shipped = _all_text(library.exercises[exercise_id])
    missing = [
        clause
        for raw in re.split(r"[.,;:•\n]+|\bthen\b", _seed_sections()[exercise_id])
        if len((clause := _norm(raw.strip(' "'))).split()) >= 3 and clause not in shipped
    ]
    assert missing == []


def test_loosener_has_the_source_benefits_tips_and_breathing() -> None:
    ex = load_library(CONTENT).exercises["upper-back-loosener"]
    bullets = re.findall(r"•\s*(.+)", SEED.read_text(encoding="utf-8"))
    benefits, tips = bullets[:4], bullets[4:]
    assert [b.strip() for b in benefits] == ex.benefits
    assert all(t.strip() in ex.tips for t in tips)
    assert [s.breath for s in ex.steps][1:] == ["in-nose", "out-mouth"]
    assert ex.dose.reps == "three or four times"
    assert ex.dose.frequency == "several times a day"


def test_routine_and_article_exist_and_every_exercise_has_safety_and_caution() -> None:
    library = load_library(CONTENT)
    routine = library.routines["upper-back-loosening"]
    assert [item.exercise for item in routine.exercises] == [
        "upper-back-loosener",
        "elbow-flapping",
        "shoulder-rolling",
    ]
    assert "health professional" in library.guide.disclaimer
    for ex in library.exercises.values():
        assert ex.safety
        assert any("health professional" in c for c in ex.cautions)
    article = library.articles["why-the-upper-back-gets-tight"]
    assert "Traditional Chinese Medicine" in article.body


def test_lay_search_words_are_keywords() -> None:
    library = load_library(CONTENT)
    words = {k for ex in library.exercises.values() for k in ex.keywords}
    assert {"stiff upper back", "desk", "tension", "wings"} <= words


def test_the_seed_get_help_is_the_source_article_s_own_words() -> None:
    """No advice of the tool's own: any line of the seed's "when to get help" is in the article
    (it sets none now: the article's only such words are already its safety lines and disclaimer)."""
    get_help = load_library(CONTENT).guide.get_help
    source = _norm(SEED.read_text(encoding="utf-8"))
    for line in get_help:
        assert _norm(line.rstrip(".")) in source, line
