"""Every tested page stays on the local server, logs no error and passes axe-core."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from exercise_guide.content import load_library
from tests.browser.conftest import Watched
from tests.browser.helpers import search
from tests.site.support import Served
from tests.support import CONTENT

LIBRARY = load_library(CONTENT)

PAGES = {
    "home": "",
    "exercise": "exercises/upper-back-loosener/",
    "routine": "routines/upper-back-loosening/",
    "area": "areas/shoulders/",
    "article": "articles/why-the-upper-back-gets-tight/",
}
AXE_PAGES = ["home", "exercise", "routine"]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_requests_only_the_local_server_and_logs_no_error(
    site: Served, watched: Watched, name: str
) -> None:
    page = watched.page
    response = page.goto(site.url + PAGES[name], wait_until="networkidle")
    assert response is not None and response.ok
    # Searching loads the search worker and index: those requests must stay local too.
    search(page, "shoulder")
    page.wait_for_load_state("networkidle")
    assert len(watched.requests) >= 5, watched.requests
    elsewhere = [u for u in watched.requests if urlsplit(u).netloc != site.host]
    assert elsewhere == []
    assert watched.console_errors == []
    assert watched.page_errors == []


def test_font_is_served_by_the_site_and_used(site: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(site.url + PAGES["exercise"], wait_until="networkidle")
    fonts = [u for u in watched.requests if u.endswith(".ttf")]
    assert fonts and all(u.startswith(site.url + "assets/fonts/") for u in fonts)
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert family.startswith('"Atkinson Hyperlegible"'), family
    assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")


@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(
    site: Served, watched: Watched, name: str
) -> None:
    page = watched.page
    page.goto(site.url + PAGES[name], wait_until="networkidle")
    results = Axe().run(page)
    violations = results.response["violations"]
    bad = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, "\n".join(bad)
    # axe really ran: it reports which rules passed or did not apply.
    assert results.response["testEngine"]["name"] == "axe-core"


def test_header_and_buttons_wear_the_branding_colours(site: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(site.url + PAGES["exercise"], wait_until="networkidle")
    primary = LIBRARY.guide.branding.primary_color
    rgb = "rgb({}, {}, {})".format(*(int(primary[i : i + 2], 16) for i in (1, 3, 5)))
    assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor") == rgb
    button = page.locator("a.md-button--primary").first
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == rgb
    assert page.title() == f"Upper Back Loosener - {LIBRARY.guide.title}"
