"""Search in real Chromium: people find exercises by title and by their own words."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from exercise_guide.content import load_library
from tests.browser.conftest import Watched
from tests.browser.helpers import SEARCH_INPUT, search
from tests.site.support import Served
from tests.support import CONTENT

LIBRARY = load_library(CONTENT)


def test_shoulder_lists_shoulder_rolling_first(site: Served, watched: Watched) -> None:
    watched.page.goto(site.url)
    titles = search(watched.page, "shoulder")
    assert titles, "no search results for 'shoulder'"
    assert titles[0] == "Shoulder Rolling", titles


def test_wings_finds_elbow_flapping(site: Served, watched: Watched) -> None:
    watched.page.goto(site.url)
    titles = search(watched.page, "wings")
    assert titles[:1] == ["Elbow Flapping"], titles


def test_stiff_finds_upper_back_loosener(site: Served, watched: Watched) -> None:
    watched.page.goto(site.url)
    titles = search(watched.page, "stiff")
    assert "Upper Back Loosener" in titles[:3], titles


def test_body_area_finds_its_exercises(site: Served, watched: Watched) -> None:
    watched.page.goto(site.url)
    titles = search(watched.page, "chest")
    assert {"Upper Back Loosener", "Elbow Flapping"} <= set(titles), titles


def test_words_of_a_step_find_the_exercise(site: Served, watched: Watched) -> None:
    watched.page.goto(site.url)
    titles = search(watched.page, "interlocked")
    assert titles[:1] == ["Upper Back Loosener"], titles


def test_search_runs_from_an_exercise_page_too(site: Served, watched: Watched) -> None:
    watched.page.goto(site.url + "exercises/elbow-flapping/")
    titles = search(watched.page, "loosener")
    assert "Upper Back Loosener" in titles, titles


# The words people use for what the guide calls posture and desk work (strings: lay_words).
LAY_WORDS = {
    "hunched": "Upper Back Loosener",
    "slouching": "Upper Back Loosener",
    "computer": "Upper Back Loosener",
    "laptop": "Shoulder Rolling",
    "office": "Elbow Flapping",
}


def test_lay_words_find_the_exercises(site: Served, watched: Watched) -> None:
    # Searched, not shown: the exercise page holds the words without printing them.
    watched.page.goto(site.url + "exercises/upper-back-loosener/")
    assert "hunched" not in watched.page.locator("article").inner_text()
    for query, title in LAY_WORDS.items():
        titles = search(watched.page, query)
        assert title in titles, (query, titles)


def test_a_query_that_finds_nothing_offers_the_body_areas(site: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(site.url + "exercises/elbow-flapping/")
    page.locator(SEARCH_INPUT).focus()
    page.locator(SEARCH_INPUT).press_sequentially("xylophone")
    # Wait until the whole query has been searched and found nothing (its first letters may match).
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile("no matching", re.IGNORECASE), timeout=20000
    )
    areas = page.locator(".eg-search-areas")
    expect(areas).to_be_visible()
    assert "body areas" in (areas.text_content() or "")
    page.locator(".eg-search-areas a", has_text="Shoulders").click()
    page.wait_for_url("**/areas/shoulders/")
    # With results, the list of areas steps aside.
    page.locator(SEARCH_INPUT).focus()
    titles = search(page, "shoulder")
    assert titles and not areas.is_visible()


# Queries that name a body part the guide has no exercises for, and the part the notice names.
NOT_COVERED = {
    "elbow pain": "the elbow",
    "tennis elbow": "the elbow",
    "lower back pain": "the lower back",
    "knee pain": "the knee",
}


def test_a_body_part_the_guide_does_not_cover_gets_a_notice_above_the_results(
    site: Served, watched: Watched
) -> None:
    page = watched.page
    page.goto(site.url + "exercises/shoulder-rolling/")
    notice = page.locator(".eg-search-notice__body")
    areas = [LIBRARY.body_area_title(a) for a in LIBRARY.body_areas()]
    for query, part in NOT_COVERED.items():
        titles = search(page, query)
        # The results stay (they share words with the query), under a notice that says so.
        assert titles, query
        expect(notice).to_be_visible()
        text = notice.inner_text()
        assert f"This guide has no exercises for {part}." in text, (query, text)
        assert "only share words with your search" in text
        links = notice.locator("a")
        assert links.all_inner_texts() == areas
        hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
        assert all(
            h.endswith(f"areas/{a}/") for h, a in zip(hrefs, LIBRARY.body_areas(), strict=True)
        ), hrefs
        box, results = notice.bounding_box(), page.locator(".md-search-result__list").bounding_box()
        assert box and results and box["y"] < results["y"], "the notice is above the results"
        # The list of areas shown when nothing is found steps aside for the notice.
        assert not page.locator(".eg-search-areas").is_visible()
    # Parts the guide covers, and "back" alone, get no notice.
    for query in ("shoulder pain", "upper back", "back"):
        search(page, query)
        expect(notice).to_be_hidden()
    # The links lead to the area pages.
    search(page, "knee pain")
    notice.locator("a", has_text="Neck").click()
    page.wait_for_url("**/areas/neck/")


def test_a_misspelt_word_still_finds_the_exercise(site: Served, watched: Watched) -> None:
    watched.page.goto(site.url)
    for query, title in {
        "sholder": "Shoulder Rolling",
        "shouldr rolling": "Shoulder Rolling",
    }.items():
        titles = search(watched.page, query)
        assert titles[:1] == [title], (query, titles)
    # The words as typed still search by their start.
    assert search(watched.page, "shoul")[:1] == ["Shoulder Rolling"]
