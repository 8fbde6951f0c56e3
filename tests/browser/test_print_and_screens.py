"""Printing, small and large screens, and navigation of the built site in real Chromium."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from exercise_guide.writing import write_atomic
from tests.browser.conftest import Watched
from tests.site.support import Served
from tests.support import REPO

EXERCISE = "exercises/upper-back-loosener/"
CHROME = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
]
SCREENSHOTS = REPO / "docs" / "screenshots"


def _display(w: Watched, selector: str) -> str:
    return str(w.page.eval_on_selector(selector, "e => getComputedStyle(e).display"))


def test_print_hides_navigation_header_search_and_footer(site: Served, watched: Watched) -> None:
    watched.page.goto(site.url + EXERCISE, wait_until="networkidle")
    on_screen = {s: _display(watched, s) for s in CHROME}
    assert all(v != "none" for v in on_screen.values()), on_screen
    watched.page.emulate_media(media="print")
    printed = {s: _display(watched, s) for s in CHROME}
    assert all(v == "none" for v in printed.values()), printed
    # The words of the exercise are still there.
    assert watched.page.locator("article h1").is_visible()
    assert watched.page.locator(".eg-step").count() == 3


def test_print_keeps_each_step_with_its_figure(site: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(site.url + EXERCISE, wait_until="networkidle")
    page.emulate_media(media="print")
    steps = page.locator("li.eg-step")
    assert steps.count() == 3
    for i in range(steps.count()):
        step = steps.nth(i)
        assert step.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
        assert step.locator("img.eg-figure").count() == 1
    admonition = page.locator(".admonition.danger").first
    assert admonition.evaluate("e => getComputedStyle(e).breakInside") == "avoid"


def test_step_figures_load_with_alt_text(site: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(site.url + EXERCISE, wait_until="networkidle")
    images = page.locator("img.eg-figure")
    assert images.count() == 3
    for i in range(3):
        img = images.nth(i)
        img.scroll_into_view_if_needed()
        img.evaluate("e => e.decode()")
        assert img.evaluate("e => e.naturalWidth") > 0
        # The alt text describes the picture (its view first), not the step's words again.
        assert (img.get_attribute("alt", timeout=1000) or "").startswith("Seen from")


def test_exercise_in_several_areas_is_in_the_nav_of_its_first_area_only(
    site: Served, watched: Watched
) -> None:
    page = watched.page
    # Upper Back Loosener works upper-back first, then shoulders, neck and chest.
    page.goto(site.url + "areas/shoulders/", wait_until="networkidle")
    nav = page.locator("nav.md-nav--primary").inner_text()
    content = page.locator("article").inner_text()
    assert "Upper Back Loosener" in content and "Shoulder Rolling" in content
    assert "Shoulder Rolling" in nav
    assert "Upper Back Loosener" not in nav
    page.goto(site.url + "areas/upper-back/", wait_until="networkidle")
    assert "Upper Back Loosener" in page.locator("nav.md-nav--primary").inner_text()


def _screenshot(browser: Browser, url: str, width: int, height: int, target: Path) -> bytes:
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        return page.screenshot(full_page=False)
    finally:
        context.close()


def test_screenshots_of_an_exercise_page_at_phone_and_desktop_width(
    site: Served, browser: Browser
) -> None:
    for width, height in ((390, 844), (1280, 900)):
        target = SCREENSHOTS / f"exercise-{width}.png"
        png = _screenshot(browser, site.url + EXERCISE, width, height, target)
        assert png.startswith(b"\x89PNG") and len(png) > 10_000
        # The README shows these: written atomically so a parallel reader never sees half a file.
        write_atomic(target, png)
        assert target.stat().st_size == len(png)
