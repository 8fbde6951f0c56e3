"""axe-core finds no violation of any impact on any page of the built site, phone and desktop.

Every page the site holds is checked (so a new page type is covered without a change here), and
the home page once more with the search open and showing results, and with the notice a query
naming a body part the guide does not cover shows above them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.helpers import search
from tests.checkers import axe_violations, site_pages
from tests.checkers.pages import PAGE_TYPES
from tests.site.support import Served


@pytest.mark.parametrize("width", [390, 1280])
def test_no_axe_violation_on_any_page_or_the_open_search(
    site: Served, browser: Browser, width: int
) -> None:
    pages = site_pages(site.root)
    assert {p.type for p in pages} >= PAGE_TYPES, "a page type is missing from the built site"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for site_page in pages:
            page.goto(site.url + site_page.url)
            violations = axe_violations(page)
            if violations:
                found[f"{site_page.type} /{site_page.url}"] = [str(v) for v in violations]
        page.goto(site.url)
        assert search(page, "stiff"), "the search shows no results to check"
        violations = axe_violations(page)
        if violations:
            found["home with the search open"] = [str(v) for v in violations]
        # The notice for a body part the guide does not cover, above the results.
        assert search(page, "elbow pain"), "the search shows no results to check"
        assert page.locator(".eg-search-notice__body").is_visible()
        violations = axe_violations(page)
        if violations:
            found["home with the search notice"] = [str(v) for v in violations]
    finally:
        context.close()
    assert not found, f"axe violations at {width} px: {found}"
