"""Every page of a built site, with its page type, for checks that must cover every page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# A page's type from the first part of its URL; a page under a new folder is typed by the folder.
_INDEXES = {"": "home", "routines": "routines index", "articles": "articles index", "tags": "tags"}
_ITEMS = {
    "exercises": "exercise",
    "routines": "routine",
    "areas": "body area",
    "articles": "article",
}
# Every page type the shipped guide has; the tags page is an option (guide.yml's site.tags_page),
# off in the shipped guide, so it is not among them.
PAGE_TYPES = frozenset({*_INDEXES.values(), *_ITEMS.values(), "404"}) - {"tags"}


@dataclass(frozen=True)
class SitePage:
    """One HTML page of a built site: its file, its URL path from the site root, its type."""

    file: Path
    url: str
    type: str


def page_type(url: str) -> str:
    """The type of the page at a site URL path such as "exercises/elbow-flapping/"."""
    if url == "404.html":
        return "404"
    parts = url.strip("/").split("/") if url.strip("/") else [""]
    if len(parts) == 1 and parts[0] in _INDEXES:
        return _INDEXES[parts[0]]
    if len(parts) == 2 and parts[0] in _ITEMS:
        return _ITEMS[parts[0]]
    return parts[0] if len(parts) == 1 else f"{parts[0]} page"


def site_pages(site_root: Path) -> list[SitePage]:
    """Every HTML page under a built site's root, sorted by URL."""
    found = []
    for file in site_root.rglob("*.html"):
        relative = file.relative_to(site_root).as_posix()
        url = relative.removesuffix("index.html")
        found.append(SitePage(file=file, url=url, type=page_type(url)))
    return sorted(found, key=lambda p: p.url)
