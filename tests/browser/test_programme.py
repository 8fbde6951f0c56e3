"""The programme builder in real Chromium: add buttons, the page, the link, bad links, Clear."""

from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from exercise_guide.content import load_library
from tests.browser.conftest import Watched
from tests.browser.programme_flow import (
    CHOSEN,
    NEW_DOSES,
    PROGRAMME,
    add_from_pages,
    build_programme,
    open_programme,
    press,
    programme_on_page,
)
from tests.site.support import Served
from tests.support import CONTENT

LIBRARY = load_library(CONTENT)


def _count(w: Watched) -> str:
    return w.page.locator(".eg-programme-count").inner_text()


def test_add_button_toggles_and_the_header_counts_the_chosen(
    site: Served, watched: Watched
) -> None:
    page = watched.page
    page.goto(site.url + "exercises/elbow-flapping/", wait_until="networkidle")
    assert _count(watched) == "0"
    press(page, "Add to programme")
    expect(page.get_by_role("button", name="Remove from programme")).to_be_visible()
    assert _count(watched) == "1"
    expect(page.get_by_role("status").filter(has_text="was added")).to_have_count(1)
    # The count is in the header of every page, and links to the programme page.
    page.goto(site.url + "exercises/shoulder-rolling/", wait_until="networkidle")
    assert _count(watched) == "1"
    press(page, "Add to programme")
    assert _count(watched) == "2"
    press(page, "Remove from programme")
    expect(page.get_by_role("button", name="Add to programme")).to_be_visible()
    assert _count(watched) == "1"
    link = page.get_by_role("link", name="Programme 1 exercises chosen")
    assert link.get_attribute("href") == site.url + PROGRAMME
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + PROGRAMME + "**")
    expect(page.locator(".eg-editor")).to_be_visible()
    assert [i for i, _ in programme_on_page(page)] == ["elbow-flapping"]
    assert page.title() == f"Programme - {LIBRARY.guide.title}"
    assert watched.console_errors == [] and watched.page_errors == []


def test_programme_page_prefills_doses_and_reorders_by_keyboard(
    site: Served, watched: Watched
) -> None:
    page = watched.page
    add_from_pages(page, site, CHOSEN)
    open_programme(page, site.url + PROGRAMME)
    shown = programme_on_page(page)
    assert [i for i, _ in shown] == CHOSEN
    for exercise_id, fields in shown:
        own = LIBRARY.exercises[exercise_id].dose
        assert fields == {
            part: getattr(own, part) or ""
            for part in ("reps", "sets", "hold", "duration", "frequency")
        }
    # Every field has a label (its accessible name) and the page says what is remembered.
    for name in ("Patient", "Clinician", "Date", "Note to the patient", "Weeks in the log"):
        expect(page.get_by_label(name, exact=True)).to_have_count(1)
    assert "local storage" in page.locator(".eg-privacy").inner_text()
    press(page, "Move up: Shoulder Rolling")
    assert [i for i, _ in programme_on_page(page)] == [
        "upper-back-loosener",
        "shoulder-rolling",
        "elbow-flapping",
    ]
    # Focus stays on the moved exercise's button, and the move is announced.
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Move up: Shoulder Rolling"
    expect(page.locator(".eg-status")).to_have_text("Shoulder Rolling is now number 2 of 3.")
    press(page, "Remove from programme: Elbow Flapping")
    assert [i for i, _ in programme_on_page(page)] == ["upper-back-loosener", "shoulder-rolling"]
    # A reload keeps the list (it is remembered in localStorage).
    open_programme(page, site.url + PROGRAMME)
    assert [i for i, _ in programme_on_page(page)] == ["upper-back-loosener", "shoulder-rolling"]


def test_link_restores_exercises_order_and_doses_in_a_fresh_context(
    site: Served, watched: Watched, browser: Browser
) -> None:
    page = watched.page
    link = build_programme(page, site)
    expected = programme_on_page(page)
    assert [i for i, _ in expected] == ["elbow-flapping", "upper-back-loosener", "shoulder-rolling"]
    assert expected[2][1]["sets"] == NEW_DOSES["shoulder-rolling"]["sets"]
    assert page.url == link
    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        open_programme(other, link)
        assert programme_on_page(other) == expected
        assert other.locator("#eg-link").input_value() == link
        assert other.locator(".eg-left-out").is_hidden()
    finally:
        fresh.close()


def test_bad_link_loads_what_it_can_and_says_what_was_left_out(
    site: Served, watched: Watched
) -> None:
    page = watched.page
    long = "a" * 301
    open_programme(
        page,
        site.url + PROGRAMME + "#x=shoulder-rolling,12,%E0%A4%A,,,daily"
        f"&x=no-such-thing,3&x=elbow-flapping,{long}&x=shoulder-rolling,1&utm=evil",
    )
    shown = programme_on_page(page)
    assert [i for i, _ in shown] == ["shoulder-rolling", "elbow-flapping"]
    assert shown[0][1]["reps"] == "12" and shown[0][1]["frequency"] == "daily"
    # The unreadable sets and the overlong reps fall back to the exercise's own.
    assert shown[0][1]["sets"] == ""
    assert shown[1][1]["reps"] == (LIBRARY.exercises["elbow-flapping"].dose.reps or "")
    box = page.locator(".eg-left-out")
    expect(box).to_be_visible()
    lines = box.locator("li").all_inner_texts()
    assert lines == [
        "exercise 1 'shoulder-rolling': its sets is not readable text; the exercise's own is used.",
        "exercise 2 'no-such-thing': no such exercise in this guide.",
        "exercise 3 'elbow-flapping': its repeat is longer than 300 characters; the exercise's own is used.",
        "exercise 4 'shoulder-rolling': is listed twice; the first is kept.",
        "'utm=evil': is not part of a programme link.",
    ]
    assert watched.page_errors == []


def test_clear_forgets_the_list_and_the_typed_details(site: Served, watched: Watched) -> None:
    page = watched.page
    add_from_pages(page, site, CHOSEN[:2])
    open_programme(page, site.url + PROGRAMME)
    page.locator("#eg-patient").fill("Someone")
    press(page, "Clear the programme")
    assert programme_on_page(page) == []
    assert page.locator("#eg-patient").input_value() == ""
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('exercise-guide'))") == []
    )
    assert urlsplit(page.url).fragment == ""
    expect(page.locator(".eg-empty")).to_be_visible()
    assert page.locator(".eg-programme-count").inner_text() == "0"


# The programme builder's own parts, on the programme page and on exercise pages.
OURS = "#eg-programme, .eg-page-notes, .eg-programme-link, .eg-add-line"


def _axe_violations(page: Page) -> set[str]:
    results = Axe().run(page)
    assert results.response["testEngine"]["name"] == "axe-core"
    return {
        f"{v['id']} ({v['impact']}): {node['target']}"
        for v in results.response["violations"]
        for node in v["nodes"]
    }


def _new_violations(page: Page) -> set[str]:
    """Violations on the page beyond those of the theme itself (the page with our parts hidden).

    The theme's navigation is the checkers' business; anything the programme builder adds fails.
    """
    found = _axe_violations(page)
    page.add_style_tag(content=f"{OURS} {{ display: none !important; }}")
    theme = _axe_violations(page)
    page.evaluate("document.head.lastElementChild.remove()")
    return found - theme


def test_axe_finds_no_violation_empty_filled_or_printed(site: Served, watched: Watched) -> None:
    page = watched.page
    open_programme(page, site.url + PROGRAMME)
    expect(page.locator(".eg-empty")).to_be_visible()
    assert _new_violations(page) == set()
    build_programme(page, site)
    page.locator("#eg-patient").fill("Alex Example")
    page.locator("#eg-note").fill("Start gently.")
    assert _new_violations(page) == set()
    page.emulate_media(media="print")
    expect(page.locator(".eg-handout")).to_be_visible()
    assert page.locator(".eg-editor").is_hidden()
    assert _new_violations(page) == set()
    # The exercise page with its add button passes too.
    page.emulate_media(media="screen")
    page.goto(site.url + "exercises/shoulder-rolling/", wait_until="networkidle")
    assert _new_violations(page) == set()
