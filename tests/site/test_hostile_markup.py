"""Hostile content through the page generator and the site's own Python-Markdown, no browser:
every page comes out without a script, a frame, an event handler or a script link."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml

from exercise_guide.content import load_library
from exercise_guide.pages import site_content
from tests.site.support import EVIL, EVIL_LINK, add_hostile_exercise
from tests.support import CONTENT, REPO, SHIPPED

# Elements that run code, load other documents or change where links go. (`<style>` is left
# out: the project's own animated figures carry one; content text never reaches it.)
RUNNING = {"script", "iframe", "frame", "object", "embed", "base", "form", "meta", "link"}
WEB_SCHEMES = ("http:", "https:", "mailto:")

HOSTILE_ARTICLE = f"""---
title: 'Article {EVIL}'
summary: 'Summary {EVIL_LINK}'
---

Plain words, then {EVIL} and <img src=x onerror=alert(4)> inline.

<div onclick="alert(5)">a block of raw HTML</div>

[a script link](javascript:alert(6)) and [a data link](data:text/html,<script>alert(7)</script>)

[ref]: vbscript:alert(8)
"""

HOSTILE_ROUTINE = f"""title: 'Routine {EVIL}'
purpose: 'Purpose {EVIL_LINK} <img src=x onerror=alert(9)>'
exercises:
  - exercise: hostile
    note: '{EVIL}'
keywords: ['{EVIL}']
"""


class _Elements(HTMLParser):
    """Every start tag and attribute of an HTML fragment, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions and their settings exactly as the site's mkdocs.yml names them."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            [(name, options)] = entry.items()
            settings[name] = options or {}
        else:
            name = entry
        names.append(name)
    return names, settings


def _front_matter(page: str) -> Any:
    assert page.startswith("---\n"), page[:40]
    return yaml.safe_load(page.split("---\n", 2)[1])


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _html(page: str) -> _Elements:
    names, settings = _extensions()
    body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
    parsed = _Elements()
    parsed.feed(markdown.markdown(body, extensions=names, extension_configs=settings))
    return parsed


@pytest.fixture(scope="module")
def hostile_markdown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every page of the shipped content plus a hostile exercise, routine and article."""
    content = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(CONTENT, content)
    add_hostile_exercise(content)
    (content / "pages" / "hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (content / "routines" / "hostile.yml").write_text(HOSTILE_ROUTINE, encoding="utf-8")
    return site_content(load_library(content), SHIPPED).pages


@pytest.fixture(scope="module")
def hostile_pages(hostile_markdown: dict[str, str]) -> dict[str, _Elements]:
    """Those pages as HTML, through Python-Markdown with the site's extensions."""
    return {path: _html(text) for path, text in hostile_markdown.items()}


def test_hostile_text_reaches_the_pages_it_is_listed_on(
    hostile_pages: dict[str, _Elements],
) -> None:
    # The checks below mean something only if the hostile words are really on these pages.
    for path in ("exercises/hostile.md", "routines/hostile.md", "articles/hostile.md"):
        assert EVIL in "".join(hostile_pages[path].text), path
    text = "".join(hostile_pages["exercises/hostile.md"].text)
    assert f"Evil {EVIL} title" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert '<iframe src="javascript:alert(3)"></iframe>' in text
    assert "onerror=alert(4)" in "".join(hostile_pages["articles/hostile.md"].text)


def test_no_page_holds_a_script_frame_or_event_handler(hostile_pages: dict[str, _Elements]) -> None:
    for path, page in hostile_pages.items():
        assert not RUNNING & set(page.tags), (path, RUNNING & set(page.tags))
        handlers = [name for name, _ in page.attrs if name.lower().startswith("on")]
        assert handlers == [], (path, handlers)


def test_no_page_links_or_loads_a_script_url(hostile_pages: dict[str, _Elements]) -> None:
    for path, page in hostile_pages.items():
        for name, value in page.attrs:
            if name in ("href", "src", "action", "formaction", "srcset", "poster"):
                url = value.strip().lower()
                # A relative link has no scheme before its first slash, query or fragment.
                scheme = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
                assert ":" not in scheme or url.startswith(WEB_SCHEMES), (path, name, value)


def test_front_matter_values_carry_no_markup(hostile_markdown: dict[str, str]) -> None:
    """The theme prints front matter (title, description, tags) into <title>, the nav and
    meta tags without escaping, so the generator escapes it."""
    front = _front_matter(hostile_markdown["exercises/hostile.md"])
    assert front["title"] == "Evil &lt;script&gt;alert(1)&lt;/script&gt; title"
    for path, page in hostile_markdown.items():
        if page.startswith("---\n"):
            raw = [s for s in _strings(_front_matter(page)) if "<" in s]
            assert raw == [], (path, raw)
