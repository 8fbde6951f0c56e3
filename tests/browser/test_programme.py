"""The programme builder in real Chromium: add buttons, the page, the link, bad links, Clear."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, expect

from exercise_guide.content import load_library
from exercise_guide.writing import write_atomic
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
from tests.checkers.axe import axe_violations
from tests.site.support import Served
from tests.support import CONTENT, REPO

LIBRARY = load_library(CONTENT)
SCREENSHOTS = REPO / "docs" / "screenshots"


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


def test_add_button_refuses_more_than_a_link_can_hold(site: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(site.url + "exercises/elbow-flapping/", wait_until="networkidle")
    assert page.evaluate("localStorage.length") == 0
    page.evaluate(
        """() => localStorage.setItem('exercise-guide.programme:/', JSON.stringify(
            {v: 1, items: Array.from({length: 40}, (_, i) => ({id: 'x' + i, dose: {}}))}))"""
    )
    page.reload(wait_until="networkidle")
    assert _count(watched) == "40"
    press(page, "Add to programme")
    expect(page.locator("#eg-add-status")).to_have_text(
        "A programme holds at most 40 exercises: remove one before adding another."
    )
    assert _count(watched) == "40"
    expect(page.get_by_role("button", name="Add to programme")).to_be_visible()


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


def test_axe_finds_no_violation_empty_filled_or_printed(site: Served, watched: Watched) -> None:
    page = watched.page
    open_programme(page, site.url + PROGRAMME)
    expect(page.locator(".eg-empty")).to_be_visible()
    assert [str(v) for v in axe_violations(page)] == []
    build_programme(page, site)
    page.locator("#eg-patient").fill("Alex Example")
    page.locator("#eg-note").fill("Start gently.")
    expect(page.locator("li.eg-item svg.eg-animation").first).to_be_attached()
    assert [str(v) for v in axe_violations(page)] == []
    page.emulate_media(media="print")
    expect(page.locator(".eg-handout")).to_be_visible()
    assert page.locator(".eg-editor").is_hidden()
    assert [str(v) for v in axe_violations(page)] == []


def _shot(page: Page, name: str, **options: object) -> None:
    png = page.screenshot(**options)  # type: ignore[arg-type]
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    # The README shows these: written atomically so a parallel reader never sees half a file.
    write_atomic(SCREENSHOTS / name, png)


def test_screenshots_of_the_workflow_and_the_patients_phone_view(
    site: Served, browser: Browser, tmp_path: Path
) -> None:
    desk = browser.new_context(viewport={"width": 1280, "height": 760})
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = desk.new_page()
        add_from_pages(page, site, CHOSEN[:2])
        page.goto(site.url + "exercises/shoulder-rolling/", wait_until="networkidle")
        press(page, "Add to programme")
        _shot(page, "programme-add.png")
        link = build_programme(page, site, add=False)
        page.locator("#eg-patient").fill("Alex Example")
        page.locator("#eg-clinician").fill("Dr Sam Rivera")
        page.locator("#eg-note").fill("Start gently; stop if anything hurts and call us.")
        page.evaluate("window.scrollTo(0, 0)")
        # Material swaps the header title while scrolling; let it settle.
        expect(page.locator(".md-header__topic").first).to_be_visible()
        page.wait_for_timeout(400)
        _shot(page, "programme-page.png")
        page.evaluate(
            "document.querySelector('#eg-shoulder-rolling .eg-dose')"
            ".scrollIntoView({block: 'center'})"
        )
        page.wait_for_timeout(400)
        _shot(page, "programme-doses.png")
        pdf = tmp_path / "handout.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        for number in (1, 2):
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "70",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    str(pdf),
                    str(tmp_path / f"print-{number}"),
                ],
                check=True,
            )
            png = (tmp_path / f"print-{number}.png").read_bytes()
            write_atomic(SCREENSHOTS / f"programme-print-{number}.png", png)
        # The patient opens the link on a phone: every figure shows, nothing runs off the side.
        mobile = phone.new_page()
        open_programme(mobile, link)
        figures = mobile.locator("li.eg-item img.eg-figure")
        assert figures.count() == sum(len(LIBRARY.exercises[i].steps) for i in CHOSEN)
        for i in range(figures.count()):
            assert figures.nth(i).evaluate("e => e.complete && e.naturalWidth > 0")
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
        # Each exercise's animation comes along from its page, with a working pause button.
        animated = [
            i
            for i in CHOSEN
            if "eg-animation-figure" in (site.root / "exercises" / i / "index.html").read_text()
        ]
        assert animated
        expect(mobile.locator("li.eg-item svg.eg-animation")).to_have_count(len(animated))
        toggle = mobile.get_by_role("button", name="Pause the animation").first
        toggle.click()
        assert "eg-paused" in (
            mobile.locator("li.eg-item svg.eg-animation").first.get_attribute("class") or ""
        )
        expect(mobile.get_by_role("button", name="Play the animation")).to_have_count(1)
        mobile.get_by_role("button", name="Play the animation").click()
        mobile.evaluate("document.activeElement.blur()")
        # Material's "Back to top" pill floats over the content after scrolling up.
        mobile.add_style_tag(content=".md-top { display: none !important; }")
        mobile.evaluate("document.querySelector('#eg-chosen').scrollIntoView()")
        mobile.wait_for_timeout(400)
        _shot(mobile, "programme-phone.png")
    finally:
        desk.close()
        phone.close()
