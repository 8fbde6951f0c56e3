"""The theme's navigation: each entry the current page is not in rendered once per build and place.

Material renders the whole navigation into every page, about 57 `render` macro calls a page at
873 exercises, and an entry the page is not in comes out the same on many pages: its links are
made relative to the page by MkDocs' `url` filter, and the rest (ids, titles, level) does not
depend on the page at all. `nav-item.html` hands each child entry to `NavMemo`, which renders
an inactive entry once for every distinct set of relative links it can have and prints the
stored HTML after that; the page is byte for byte what rendering every entry gives.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.structure.pages import Page

# The globals name nav-item.html looks for (without it, the template renders every entry).
GLOBAL = "nav_memo"


def url_parts(url: str) -> tuple[str, ...]:
    """A URL's path as MkDocs' `get_relative_url` splits it: normalised, '..' at the root dropped."""
    path = posixpath.normpath("/" + url)[1:]
    return tuple(path.split("/")) if path else ()


def page_folder(url: str) -> tuple[str, ...]:
    """The folder a page's links are made relative to (a file name, with a dot, is left out)."""
    folder, _, name = url.rpartition("/")
    return url_parts(folder if "." in name else url)


@dataclass(frozen=True)
class Entry:
    """What an entry's HTML can depend on beyond its place: the pages under it, as source paths
    (a page equal to one of them is rendered, never printed from the memo), and every prefix of
    its links' paths (a page's folder matters only as far as it runs along one of them)."""

    item: Any
    sources: frozenset[str]
    prefixes: frozenset[tuple[str, ...]]


def _entry(item: Any) -> Entry | None:
    """The entry's pages and link prefixes; None when it holds something the memo cannot key."""
    sources: set[str] = set()
    prefixes: set[tuple[str, ...]] = set()
    stack = [item]
    while stack:
        node = stack.pop()
        # A section listing `pages` (Material's blog) is rendered by whether the page is in them.
        if getattr(node, "pages", None) is not None:
            return None
        file = getattr(node, "file", None)
        if file is not None:
            sources.add(file.src_uri)
        url = getattr(node, "url", None)
        if url is not None:
            url = str(url)
            if "\\" in url:
                return None
            # As MkDocs' `url` filter: a full URL, or one from the root, is printed as it is.
            split = urlsplit(url)
            if not (split.scheme or split.netloc or url.startswith(("/", "#"))):
                parts = url_parts(url)
                prefixes.update(parts[:i] for i in range(len(parts) + 1))
        stack.extend(getattr(node, "children", None) or ())
    return Entry(item, frozenset(sources), frozenset(prefixes))


class NavMemo:
    """Rendered navigation entries of one build, keyed by entry, place and the page's folder."""

    def __init__(self) -> None:
        # Keyed by id(); each Entry keeps its item alive, so an id is never reused for another.
        self._entries: dict[int, Entry | None] = {}
        self._html: dict[tuple[Any, ...], Any] = {}
        # The page being rendered and its folder (a page's whole nav is rendered in one go).
        self._page: Page | None = None
        self._folder: tuple[str, ...] = ()
        # How many entries came from the memo (printed as stored) in this build.
        self.printed = 0

    def __call__(
        self, render: Callable[..., Any], item: Any, path: str, level: int, parent: Any, page: Any
    ) -> Any:
        """The HTML `render(item, path, level, parent)` gives on this page, from the memo when
        the page is not under the entry."""
        if item.active or not isinstance(page, Page) or isinstance(parent, jinja2.Undefined):
            return render(item, path, level, parent)
        key = id(item)
        if key not in self._entries:
            self._entries[key] = _entry(item)
        entry = self._entries[key]
        if entry is None or page.file.src_uri in entry.sources:
            return render(item, path, level, parent)
        if self._page is not page:
            self._page, self._folder = page, page_folder(page.url)
        folder = self._folder
        # A link's relative form depends on the folder's depth and on how far the folder runs
        # along the link's path; the longest prefix of the folder among the links' prefixes
        # says how far that is for every link under the entry.
        along = 0
        while along < len(folder) and folder[: along + 1] in entry.prefixes:
            along += 1
        place = (key, path, level, bool(parent.active), len(folder), folder[:along])
        html = self._html.get(place)
        if html is None:
            html = self._html[place] = render(item, path, level, parent)
        else:
            self.printed += 1
        return html

    @property
    def stored(self) -> int:
        """How many rendered entries the memo holds."""
        return len(self._html)
