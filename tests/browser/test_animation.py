"""The exercise animation in real Chromium: it plays, pauses, holds where a step holds with the
breath cue of its step, stays still for reduced motion, and the page passes axe."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from exercise_guide.content import load_library
from exercise_guide.figures import pose_book
from exercise_guide.figures.animate import LABEL_BAND, beats_of, render_animation
from exercise_guide.figures.style import FIGURE_HEIGHT
from exercise_guide.figures.timeline import shots
from tests.browser.conftest import Watched
from tests.checkers import axe_violations
from tests.site.support import Served
from tests.support import CONTENT

EXERCISE = "upper-back-loosener"
PAGE = f"exercises/{EXERCISE}/"
ANIMATION = "svg.eg-animation"
# Longer than any stretch of the loop that shows one picture (the longest is the 3 s hold).
LONGER_THAN_ANY_HOLD_MS = 4500
# The CSS animations of the exercise animation (not the theme's own).
ITS_ANIMATIONS = f"document.querySelector('{ANIMATION}').getAnimations({{subtree: true}})"


def _figure(page: Page) -> bytes:
    """A screenshot of the drawn figure only (not the step number or breath cue around it)."""
    box = page.locator(ANIMATION).bounding_box()
    assert box is not None
    scale = box["height"] / (LABEL_BAND + FIGURE_HEIGHT + 30)
    clip = {
        "x": box["x"],
        "y": box["y"] + LABEL_BAND * scale,
        "width": box["width"],
        "height": FIGURE_HEIGHT * scale,
    }
    return page.screenshot(clip=clip)  # type: ignore[arg-type]


def _pictures(page: Page, count: int, every_ms: int) -> list[bytes]:
    out = []
    for _ in range(count):
        out.append(_figure(page))
        page.wait_for_timeout(every_ms)
    return out


def _open(page: Page, site: Served) -> None:
    page.goto(site.url + PAGE, wait_until="networkidle")
    page.locator(ANIMATION).scroll_into_view_if_needed()


@pytest.fixture
def reduced(browser: Browser) -> Iterator[Page]:
    """A page in a browser whose reader asked for reduced motion."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    yield context.new_page()
    context.close()


def test_the_animation_plays(site: Served, watched: Watched) -> None:
    page = watched.page
    _open(page, site)
    pictures = _pictures(page, 12, 400)
    # The drawn pose changes over time: many different pictures in under five seconds.
    assert len(set(pictures)) >= 4
    assert page.evaluate(f"{ITS_ANIMATIONS}.some(a => a.playState === 'running')")
    assert watched.console_errors == [] and watched.page_errors == []


def test_the_button_pauses_and_plays_it(site: Served, watched: Watched) -> None:
    page = watched.page
    _open(page, site)
    pause = page.get_by_role("button", name="Pause the animation")
    expect(pause).to_be_visible()
    pause.click()
    play = page.get_by_role("button", name="Play the animation")
    expect(play).to_be_visible()
    assert page.evaluate(f"{ITS_ANIMATIONS}.every(a => a.playState === 'paused')")
    # Paused: the picture stays the same for longer than any still stretch of the loop.
    still = _pictures(page, 4, LONGER_THAN_ANY_HOLD_MS // 3)
    assert len(set(still)) == 1
    play.click()
    expect(page.get_by_role("button", name="Pause the animation")).to_be_visible()
    assert len(set(_pictures(page, 12, 400))) >= 4


def test_reduced_motion_keeps_it_still_until_the_reader_presses_play(
    site: Served, reduced: Page
) -> None:
    page = reduced
    _open(page, site)
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    assert page.evaluate(f"{ITS_ANIMATIONS}.length") == 0
    still = _pictures(page, 4, LONGER_THAN_ANY_HOLD_MS // 3)
    assert len(set(still)) == 1
    # It shows the first step's position, and the numbered figures are all there.
    visible = page.evaluate(
        f"[...document.querySelectorAll('{ANIMATION} .f')]"
        ".filter(g => getComputedStyle(g).visibility === 'visible').map(g => g.classList[1])"
    )
    assert visible == ["f0"]
    figures = page.locator("img.eg-figure")
    expect(figures).to_have_count(3)
    for i in range(3):
        expect(figures.nth(i)).to_be_visible()
    # Playing is the reader's choice: the button says so, and then it plays.
    play = page.get_by_role("button", name="Play the animation")
    expect(play).to_be_visible()
    play.click()
    assert len(set(_pictures(page, 12, 400))) >= 4


def _seek(page: Page, seconds: float) -> None:
    page.evaluate(
        f"t => {ITS_ANIMATIONS}.forEach(a => {{ a.pause(); a.currentTime = t; }})",
        seconds * 1000,
    )


def _cue(page: Page) -> list[str]:
    """The step number and breath words visible in the animation right now."""
    result: list[str] = page.evaluate(
        f"""[...document.querySelectorAll('{ANIMATION} .c')]
        .filter(g => getComputedStyle(g).visibility === 'visible')
        .map(g => [...g.querySelectorAll('text, use')]
            .map(e => e.tagName === 'use'
                ? document.querySelector(e.getAttribute('href')).textContent
                : e.textContent)
            .join(' | '))"""
    )
    return result


def test_it_holds_where_the_step_holds_with_the_steps_breath_cue(
    site: Served, watched: Watched
) -> None:
    library = load_library(CONTENT)
    exercise = library.exercises[EXERCISE]
    animation = render_animation(library, exercise)
    assert animation is not None
    # The timeline the page's SVG plays (long drawings keep every 2nd or 3rd frame of a move).
    timeline = shots(pose_book(library), beats_of(library, exercise), animation.level)
    starts, at = [], 0.0
    for shot in timeline:
        starts.append(at)
        at += shot.seconds
    hold = next(i for i, s in enumerate(timeline) if s.holding)
    h0, h1 = starts[hold], starts[hold] + timeline[hold].seconds
    page = watched.page
    _open(page, site)
    _seek(page, h0 + 0.1)
    assert _cue(page) == ["Step 2 of 3 · Hold | Breathe in through your nose"]
    start_of_hold = _figure(page)
    _seek(page, h1 - 0.1)
    assert _figure(page) == start_of_hold
    _seek(page, starts[hold - 2] + 0.01)  # on the way into the hold
    assert _figure(page) != start_of_hold
    assert _cue(page) == ["Step 2 of 3 | Breathe in through your nose"]
    step3 = next(i for i, s in enumerate(timeline) if s.step == 2)
    _seek(page, starts[step3] + 0.01)
    assert _cue(page) == ["Step 3 of 3 | Breathe out through your mouth"]
    _seek(page, 0.1)
    assert _cue(page) == ["Step 1 of 3 | Breathe normally"]


def test_its_accessible_name_describes_the_movement(site: Served, watched: Watched) -> None:
    page = watched.page
    _open(page, site)
    image = page.get_by_role("img", name=re.compile(r"^Animation seen from the side, repeating"))
    expect(image).to_have_count(1)
    name = image.evaluate("e => e.querySelector('title').textContent")
    assert "elbows drawn back toward each other, head bent forward" in name
    assert "held for several seconds" in name
    assert "Breathe in slowly and smoothly" not in name  # not the step text


def test_elbow_flapping_is_seen_from_above_as_its_flapping_step_is(
    site: Served, watched: Watched
) -> None:
    # The wing beat is in the horizontal plane: the step figure and the animation show it from above.
    page = watched.page
    page.goto(site.url + "exercises/elbow-flapping/", wait_until="networkidle")
    image = page.get_by_role("img", name=re.compile(r"^Animation seen from above, repeating"))
    expect(image).to_have_count(1)
    expect(page.get_by_role("img", name=re.compile(r"^Seen from above"))).to_have_count(1)


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_axe_finds_no_violation_on_the_exercise_page(
    site: Served, browser: Browser, motion: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion=motion)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        _open(page, site)
        # The whole page, any impact, with the animation as it loads and after the button.
        assert [str(v) for v in axe_violations(page)] == []
        page.locator("button.eg-animation-toggle").click()
        assert [str(v) for v in axe_violations(page)] == []
    finally:
        context.close()
