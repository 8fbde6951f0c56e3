"""Hostile content in real Chromium: HTML and script in YAML show as text and never run."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Watched
from tests.browser.helpers import search
from tests.site.support import EVIL, EVIL_LINK, Served

HOSTILE_PAGES = [
    "exercises/hostile/",
    "areas/upper-back/",
    "tags/",
    "",
]


def _settle(w: Watched) -> None:
    # Give any injected handler (onerror, inline script, lazy image) time to fire.
    w.page.mouse.wheel(0, 20000)
    w.page.wait_for_timeout(500)
    w.page.wait_for_load_state("networkidle")


def test_script_in_title_and_steps_shows_as_text_and_never_runs(
    hostile_site: Served, watched: Watched
) -> None:
    page = watched.page
    page.goto(hostile_site.url + "exercises/hostile/", wait_until="networkidle")
    _settle(watched)
    assert watched.dialogs == []
    assert page.locator("article h1").inner_text() == f"Evil {EVIL} title"
    article = page.locator("article").inner_text()
    assert f"Step one {EVIL} then {EVIL_LINK} and gently now." in article
    assert "<img src=x onerror=alert(1)>" in article
    assert "# not a heading <img src=x onerror=alert(2)> `code` ![i](x.png)" in article
    assert '<iframe src="javascript:alert(3)"></iframe>' in article
    assert page.title().startswith(f"Evil {EVIL} title")
    # Nothing content wrote became an element: no script, iframe, javascript: link or handler.
    assert page.locator("article script, article iframe").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("[onerror]").count() == 0
    assert page.locator("article em").all_inner_texts() == ["gently"]
    assert watched.page_errors == []


def test_imported_exercise_warns_it_is_not_reviewed(hostile_site: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(hostile_site.url + "exercises/hostile/", wait_until="networkidle")
    warning = page.locator(".admonition.warning").first
    assert warning.is_visible()
    assert "Imported, not yet reviewed by a clinician" in warning.inner_text()
    page.goto(hostile_site.url + "exercises/shoulder-rolling/", wait_until="networkidle")
    assert "not yet reviewed" not in page.locator("article").inner_text()


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_pages_listing_hostile_content_run_nothing(
    hostile_site: Served, watched: Watched, path: str
) -> None:
    watched.page.goto(hostile_site.url + path, wait_until="networkidle")
    _settle(watched)
    assert watched.dialogs == []
    assert watched.page_errors == []
    assert (
        watched.page.locator("script:not([src])").evaluate_all(
            "els => els.filter(e => e.textContent.includes('alert')).length"
        )
        == 0
    )


def test_search_results_show_hostile_text_without_running_it(
    hostile_site: Served, watched: Watched
) -> None:
    page = watched.page
    page.goto(hostile_site.url, wait_until="networkidle")
    # `search` fails when nothing is found, so the checks below always look at real results.
    # (The index splits words on spaces and hyphens only, so "alert" alone finds nothing: the
    # hostile words are reached through the exercise's keyword.)
    titles = search(page, "hostile")
    assert titles[0] == f"Evil {EVIL} title", titles
    _settle(watched)
    results = page.locator(".md-search-result")
    assert f"Evil {EVIL} title" in results.inner_text()
    assert watched.dialogs == []
    assert results.locator("script, iframe, [onerror], [onclick]").count() == 0
    assert watched.page_errors == []
