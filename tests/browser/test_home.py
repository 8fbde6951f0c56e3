"""The home page in real Chromium: body areas and exercises as cards, usable on a phone."""

from __future__ import annotations

from playwright.sync_api import Browser

from exercise_guide.content import load_library
from exercise_guide.reading_order import guide_order
from tests.site.support import Served
from tests.support import CONTENT

LIBRARY = load_library(CONTENT)


def test_home_cards_fit_a_phone_and_lead_to_their_pages(site: Served, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site.url, wait_until="networkidle")
        # Nothing wider than the phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        areas = page.locator(".eg-area-cards a.eg-area-link").all_inner_texts()
        assert areas == [LIBRARY.body_area_title(a) for a in LIBRARY.body_areas()]
        cards = page.locator(".eg-cards:not(.eg-area-cards) > .eg-card")
        titles = [" ".join(t.split()) for t in cards.locator("h3").all_inner_texts()]
        assert titles == [ex.title for ex in guide_order(LIBRARY)]
        boxes = []
        for i in range(cards.count()):
            card = cards.nth(i)
            card.scroll_into_view_if_needed()
            image = card.locator("img.eg-card-figure")
            assert (image.get_attribute("alt") or "").startswith("Seen from"), titles[i]
            page.wait_for_function(
                "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
            )
            box = card.bounding_box()
            picture = image.bounding_box()
            heading = card.locator("h3").bounding_box()
            assert box and picture and heading
            # The picture on top of the title, inside a card that fits the screen.
            assert picture["y"] < heading["y"] and box["x"] >= 0 and box["x"] + box["width"] <= 390
            boxes.append(box)
        # One column on a phone.
        assert len({round(b["x"]) for b in boxes}) == 1
        # The whole card is the link: a tap on the picture opens the exercise.
        first = guide_order(LIBRARY)[0]
        picture = cards.first.locator("img.eg-card-figure")
        picture.scroll_into_view_if_needed()
        box = picture.bounding_box()
        assert box
        # What is under the middle of the picture is the title's link (its ::after covers the card).
        under = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('a')?.getAttribute('href')",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert under == f"exercises/{first.id}/"
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_url(f"**/exercises/{first.id}/")
    finally:
        context.close()
