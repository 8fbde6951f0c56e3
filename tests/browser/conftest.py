"""Fixtures for browser tests: built sites served on localhost, one headless Chromium per worker."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from tests.site.support import Served, add_hostile_exercise, copy_project, mkdocs_build, serve

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


def _build(tmp_path_factory: pytest.TempPathFactory, name: str, hostile: bool) -> Path:
    # PDFs are the PDF tests' business; the hostile site checks only the web pages.
    project = copy_project(tmp_path_factory.mktemp(f"{name}-project"), pdfs=not hostile)
    if hostile:
        add_hostile_exercise(project / "content")
    site = tmp_path_factory.mktemp(f"{name}-site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The shipped content, built with `mkdocs build --strict` and served on localhost."""
    with serve(_build(tmp_path_factory, "shipped", hostile=False)) as served:
        yield served


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The shipped content plus an exercise full of HTML and script, built and served."""
    with serve(_build(tmp_path_factory, "hostile", hostile=True)) as served:
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
