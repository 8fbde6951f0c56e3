"""The booklet's plan: sections by body area, each exercise printed once, in the guide's order."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from exercise_guide.content import Library
from exercise_guide.pdf.book import page_map, plan_book
from tests.pdf.conftest import with_exercise


def _printed(library: Library) -> dict[str, list[str]]:
    return {area.id: [e.id for e in area.printed] for area in plan_book(library).areas}


def test_seed_sections_follow_the_routine_that_is_the_articles_order(shipped: Library) -> None:
    assert _printed(shipped) == {
        "upper-back": ["upper-back-loosener", "elbow-flapping"],
        "shoulders": ["shoulder-rolling"],
        "neck": [],
        "chest": [],
    }
    plan = plan_book(shipped)
    # Listed, not printed again, in its other areas.
    elsewhere = {area.id: [e.id for e in area.elsewhere] for area in plan.areas}
    assert elsewhere["shoulders"] == ["upper-back-loosener", "elbow-flapping"]
    assert elsewhere["upper-back"] == ["shoulder-rolling"]


def test_an_authors_order_comes_first_then_routine_order_then_title(shipped: Library) -> None:
    ordered = with_exercise(shipped, "elbow-flapping", order=1)
    assert _printed(ordered)["upper-back"] == ["elbow-flapping", "upper-back-loosener"]
    # Without routines, the title decides.
    no_routines = dataclasses.replace(shipped, routines=MappingProxyType({}))
    assert _printed(no_routines)["upper-back"] == ["elbow-flapping", "upper-back-loosener"]
    both = with_exercise(no_routines, "upper-back-loosener", order=5)
    both = with_exercise(both, "elbow-flapping", order=7)
    assert _printed(both)["upper-back"] == ["upper-back-loosener", "elbow-flapping"]


def test_pages_follow_from_the_lengths_of_the_front_matter_and_openings(shipped: Library) -> None:
    plan = plan_book(shipped)
    pages = page_map(plan, 5, (2, 1, 1, 1))
    assert pages.area == {"upper-back": 6, "shoulders": 10, "neck": 12, "chest": 13}
    assert pages.exercise == {"upper-back-loosener": 8, "elbow-flapping": 9, "shoulder-rolling": 11}
    assert pages.index == 14
