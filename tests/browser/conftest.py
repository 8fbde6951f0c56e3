"""Fixtures for browser tests: built sites served on localhost, one headless Chromium per worker."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from tests.site.support import (
    Served,
    ShippedBuild,
    add_hostile_exercise,
    copy_project,
    mkdocs_build,
    serve,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site(shipped_build: ShippedBuild) -> Iterator[Served]:
    """The shipped content, built with `mkdocs build --strict` and served on localhost (the
    same build the site tests read)."""
    with serve(shipped_build.site) as served:
        yield served


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The shipped content plus an exercise full of HTML and script, built and served."""
    # PDFs are the PDF tests' business; the hostile site checks only the web pages.
    project = copy_project(tmp_path_factory.mktemp("hostile-project"), pdfs=False)
    add_hostile_exercise(project / "content")
    site = tmp_path_factory.mktemp("hostile-site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with serve(site) as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A browser page plus every request it made, console error and dialog it raised."""

    page: Page
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page that records requests, console errors, page errors and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    w = Watched(page)

    def on_request(request: Request) -> None:
        w.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            w.console_errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: w.page_errors.append(str(error)))

    def on_dialog(dialog: object) -> None:
        w.dialogs.append(getattr(dialog, "message", "?"))
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)
    yield w
    context.close()
