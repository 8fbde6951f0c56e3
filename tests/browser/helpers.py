"""Helpers for browser tests: searching like a person does."""

from __future__ import annotations

import time

from playwright.sync_api import Page

SEARCH_INPUT = "input.md-search__input"
RESULT_TITLES = ".md-search-result__item > a h1"


def search(page: Page, query: str, timeout: float = 20.0) -> list[str]:
    """Type a query into the search box and return the result titles, best first.

    Fails when no result shows within the timeout: an empty list would let the checks that
    follow a search hold without having checked anything.
    """
    page.locator(SEARCH_INPUT).focus()
    deadline = time.monotonic() + timeout
    while True:
        # The search worker may still be loading its index: type again until it answers.
        page.fill(SEARCH_INPUT, "")
        page.locator(SEARCH_INPUT).press_sequentially(query)
        try:
            page.wait_for_selector(RESULT_TITLES, timeout=1500)
        except Exception:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no search results for {query!r} within {timeout} s"
                ) from None
            continue
        return [" ".join(t.split()) for t in page.locator(RESULT_TITLES).all_inner_texts()]
