"""The same guide built on MkDocs and on Zensical (from `exercise-guide pages`), compared in Chromium."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.helpers import search
from tests.site.support import ENV, Served, ShippedBuild, copy_project, serve

BIN = Path(sys.executable).parent
EXERCISES = ["elbow-flapping", "shoulder-rolling", "upper-back-loosener"]
FONT = '16px "Atkinson Hyperlegible"'


@pytest.fixture(scope="module")
def zensical_site(
    tmp_path_factory: pytest.TempPathFactory, shipped_build: ShippedBuild
) -> Iterator[Served]:
    """The shipped content written by `exercise-guide pages` and built by `zensical build`."""
    project = copy_project(tmp_path_factory.mktemp("zensical-project"))
    # The PDFs the MkDocs build made come from its cache, not rendered a second time.
    shutil.copytree(shipped_build.project / ".cache" / "pdf", project / ".cache" / "pdf")
    for command in (
        [BIN / "exercise-guide", "pages", "--out", "docs"],
        [BIN / "zensical", "build", "-f", "zensical.toml"],
    ):
        done = subprocess.run(
            command, cwd=project, env=ENV, capture_output=True, text=True, timeout=900, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
    with serve(project / "site") as served:
        yield served


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-sized page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _pages(root: Path) -> set[str]:
    return {
        str(p.relative_to(root))
        for p in root.rglob("index.html")
        if not str(p.relative_to(root)).startswith(("search", "tags/"))
    }


def test_same_pages_figures_and_pdfs(site: Served, zensical_site: Served) -> None:
    assert _pages(zensical_site.root) == _pages(site.root)
    for kind in ("figures", "pdf"):
        theirs = {str(p.relative_to(site.root)) for p in (site.root / kind).rglob("*.*")}
        ours = {
            str(p.relative_to(zensical_site.root)) for p in (zensical_site.root / kind).rglob("*.*")
        }
        assert theirs and ours == theirs, kind


def _look(page: Page, url: str) -> dict[str, object]:
    page.goto(url)
    page.evaluate("document.fonts.ready")
    # The figures are lazy images: one below the fold may not have started loading yet (a CI
    # run caught step 3 unloaded on one site only). Load each now and wait for it; a broken one
    # still fails to decode, so the check below still fails it.
    page.eval_on_selector_all(
        "article img[src*='figures/']",
        "els => Promise.all(els.map(e => { e.loading = 'eager'; return e.decode().catch(() => null); }))",
    )
    return {
        "figures": page.eval_on_selector_all(
            "article img[src*='figures/']",
            "els => els.map(e => [e.getAttribute('src'), e.complete && e.naturalWidth > 0])",
        ),
        "poster": page.eval_on_selector_all(
            "a.eg-poster", "els => els.map(e => e.getAttribute('href'))"
        ),
        "guide_css": page.evaluate(
            "[...document.styleSheets].some(s => (s.href || '').endsWith('/exercise-guide.css')"
            " && s.cssRules.length > 0)"
        ),
        "font": page.evaluate(f"document.fonts.check('{FONT}')"),
        "body_font": page.evaluate("getComputedStyle(document.body).fontFamily.split(',')[0]"),
        "safety": page.locator(".eg-safety, .admonition.danger, .admonition.warning").count() > 0,
        "nav": page.eval_on_selector_all(
            "nav.md-nav--primary a.md-nav__link[href]",
            "els => [...new Set(els.map(e => e.textContent.trim()).filter(Boolean))].sort()",
        ),
    }


@pytest.mark.parametrize("exercise", EXERCISES)
def test_exercise_page_matches(
    site: Served, zensical_site: Served, page: Page, exercise: str
) -> None:
    mkdocs = _look(page, f"{site.url}exercises/{exercise}/")
    zensical = _look(page, f"{zensical_site.url}exercises/{exercise}/")
    assert zensical["figures"] == mkdocs["figures"]
    assert mkdocs["figures"] and all(ok for _, ok in mkdocs["figures"])  # type: ignore[attr-defined]
    assert zensical["poster"] == mkdocs["poster"] == [f"../../pdf/{exercise}.pdf"]
    pdf = page.request.get(f"{zensical_site.url}pdf/{exercise}.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert zensical["guide_css"] and mkdocs["guide_css"]
    assert zensical["font"] and mkdocs["font"]
    assert zensical["body_font"] == mkdocs["body_font"] == '"Atkinson Hyperlegible"'
    assert zensical["safety"] and mkdocs["safety"]
    assert zensical["nav"] == mkdocs["nav"]


def _zensical_search(page: Page, query: str, expected: str) -> list[str]:
    """Search in Zensical's dialog (it lives in a shadow root) until `expected` is among the
    result titles or 20 s pass; return the result titles either way."""
    page.click(".md-search__button")
    page.keyboard.type(query)
    titles = """() => { const out = []; const walk = root => {
        for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) walk(el.shadowRoot);
            if (root !== document && el.tagName === 'H2') out.push(el.textContent.trim());
        } };
        walk(document); return out; }"""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"({titles})().includes({expected!r})", timeout=20000)
    return list(page.evaluate(titles))


def test_search_finds_keyword_hits_on_both(site: Served, zensical_site: Served, page: Page) -> None:
    page.goto(site.url)
    assert search(page, "wings")[:1] == ["Elbow Flapping"]
    page.goto(zensical_site.url)
    titles = _zensical_search(page, "wings", "Elbow Flapping")
    assert "Elbow Flapping" in titles, titles
