"""The page cache's storage: its keys, what it may reuse, and one entry per page on disk.

It never touches a MkDocs object: `site_cache` (the adapter to MkDocs and Material) hands it plain
data (strings, JSON-able lists and dicts) and does everything that depends on MkDocs' internals.

Each page has one entry, pages/<h[:2]>/<h>.marshal (h: sha256 of its source path), a marshalled
dict of plain data with three parts, each stored under its own key:

- the conversion: what the page's Markdown became (the adapter decides what that holds);
- the page's theme HTML, in a file of its own beside the entry (<h>.theme), read only when a
  build needs it: the theme HTML is nine tenths of the cache's bytes (the navigation is on every
  page), and a build with nothing changed needs none of it when site/ still holds each page
  (`PageStore.as_is`);
- the page's search entries.

One entry per page keeps the cache smaller than the site it holds the pages of. Marshal, not
compressed JSON: a build with nothing changed reads every entry, and decompressing and decoding
JSON took a sixth of it at 873 exercises (marshal decodes four times faster). An unreadable
entry (or one from another Python, whose marshal format may differ) is a miss, never an
error. A page whose conversion was not handed over (it logged a broken link) is not stored, so
the message and `--strict` see it on every build.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .writing import write_atomic

# Bump when the meaning of a cached entry changes.
SITE_CACHE_FORMAT = "exercise-guide-site-5"
SUFFIX = ".marshal"
# A page's theme HTML, beside its entry.
THEME_SUFFIX = ".theme"


def key(*parts: Any) -> str:
    """The sha256 of parts: a text as its UTF-8 bytes, anything else as JSON (by its repr where
    JSON has no form for it); each part tagged with its kind and length, so no two lists of
    parts run together into the same bytes."""
    digest = hashlib.sha256()
    for part in parts:
        # A page's Markdown and HTML as they are: escaping them into JSON took twice as long
        # as hashing them, three times a page in a build with nothing changed.
        if isinstance(part, str):
            data, kind = part.encode("utf-8", "surrogatepass"), b"s"
        else:
            data, kind = json.dumps(part, default=repr).encode(), b"j"
        digest.update(b"%s%d:" % (kind, len(data)))
        digest.update(data)
    return digest.hexdigest()


def _copied(data: list[Any]) -> list[Any]:
    # Through JSON, as stored (tuples become lists); faster than copy.deepcopy for plain data.
    return json.loads(json.dumps(data))  # type: ignore[no-any-return]


def _dumped(data: Any) -> bytes:
    try:
        return marshal.dumps(data)
    except ValueError:  # a str or list subclass somewhere (marshal takes plain types only)
        return marshal.dumps(json.loads(json.dumps(data)))


@dataclass
class PageStats:
    """What the page cache did in one build: which pages were converted, rendered or indexed
    for search afresh."""

    converted: list[str] = field(default_factory=list)
    converted_cached: int = 0
    rendered: list[str] = field(default_factory=list)
    rendered_cached: int = 0
    indexed: list[str] = field(default_factory=list)
    indexed_cached: int = 0
    memo_hits: int = 0


@dataclass
class _Page:
    """One page's state during a build."""

    entry: dict[str, Any]
    markdown_key: str
    conversion: dict[str, Any] | None = None
    conversion_hit: bool = False
    template_key: str | None = None
    html: str | None = None
    search_key: str | None = None
    search: list[Any] | None = None
    search_hit: bool = False
    # The page's file in site/ already holds its stored theme HTML, which was not read (as_is).
    html_as_is: bool = False


# An entry read before, by its file's (inode, modification time, size): kept across the builds of one
# `mkdocs serve`, where reading and decoding every entry again was a tenth of a rebuild.
EntryMemo = dict[Path, tuple[tuple[int, int, int], dict[str, Any]]]


class PageStore:
    """The page entries of one build (a new store for every build)."""

    def __init__(self, folder: Path, memo: EntryMemo | None = None) -> None:
        self.folder = folder
        self.stats = PageStats()
        self._pages: dict[str, _Page] = {}
        self._memo = memo

    def _path(self, src_uri: str) -> Path:
        name = hashlib.sha256(src_uri.encode()).hexdigest()
        return self.folder / "pages" / name[:2] / f"{name}{SUFFIX}"

    def _read(self, src_uri: str) -> dict[str, Any]:
        entry: Any = self._load(self._path(src_uri))
        ok = isinstance(entry, dict) and entry.get("format") == SITE_CACHE_FORMAT
        if not ok or entry.get("src_uri") != src_uri:
            return {}
        return dict[str, Any](entry)

    def _load(self, path: Path) -> Any:
        """A stored file's marshalled data (from the memo when unchanged), or None."""
        try:
            stat = path.stat()
            stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
            if self._memo is not None and path in self._memo and self._memo[path][0] == stamp:
                self.stats.memo_hits += 1
                return self._memo[path][1]  # never changed in place: a store writes a new one
            data: Any = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if self._memo is not None:
            self._memo[path] = (stamp, data)
        return data

    def open(self, src_uri: str, markdown_key: str) -> dict[str, Any] | None:
        """Start a page: its stored conversion when it was made from this key, else None."""
        entry = self._read(src_uri)
        self._pages[src_uri] = _Page(entry=entry, markdown_key=markdown_key)
        stored = entry.get("render")
        return (
            stored
            if entry.get("markdown_key") == markdown_key and isinstance(stored, dict)
            else None
        )

    def reused(self, src_uri: str, conversion: dict[str, Any]) -> None:
        """The stored conversion stands in for converting the page."""
        state = self._pages[src_uri]
        state.conversion, state.conversion_hit = conversion, True
        self.stats.converted_cached += 1

    def converted(self, src_uri: str, conversion: dict[str, Any] | None) -> None:
        """The page was converted afresh; None keeps it out of the cache (it logged something)."""
        self.stats.converted.append(src_uri)
        state = self._pages.get(src_uri)
        if state is not None:
            state.conversion = conversion

    def forget(self, src_uri: str) -> None:
        """Store nothing for this page in this build."""
        self._pages.pop(src_uri, None)

    def has_html(self, src_uri: str, template_key: str) -> bool:
        """Whether the page's entry says its theme HTML was stored under this key (unread)."""
        state = self._pages.get(src_uri)
        return state is not None and state.entry.get("template_key") == template_key

    def html(self, src_uri: str, template_key: str) -> str | None:
        """The page's stored theme HTML if it was made under this key (and keep it, if not)."""
        state = self._pages.get(src_uri)
        if state is None:
            return None
        state.template_key = template_key
        if self.has_html(src_uri, template_key):
            stored = self._load(self._path(src_uri).with_suffix(THEME_SUFFIX))
            ok = isinstance(stored, (tuple, list)) and len(stored) == 4
            if ok and tuple(stored[:3]) == (SITE_CACHE_FORMAT, src_uri, template_key):
                state.html = stored[3] if isinstance(stored[3], str) else None
        return state.html

    def as_is(self, src_uri: str, template_key: str) -> None:
        """The page's file in site/ holds the theme HTML stored under this key (has_html), so
        that HTML is neither read nor stored again."""
        state = self._pages[src_uri]
        state.template_key, state.html_as_is = template_key, True

    def stored_html(self, src_uri: str) -> str | None:
        """The theme HTML that html() found for this page, if any."""
        state = self._pages.get(src_uri)
        return None if state is None else state.html

    def search(self, src_uri: str, search_key: str) -> list[Any] | None:
        """A copy of the page's stored search entries if they were made under this key."""
        state = self._pages.get(src_uri)
        stored = state.entry.get("search") if state is not None else None
        if state is None or state.entry.get("search_key") != search_key:
            return None
        if not isinstance(stored, list):
            return None
        state.search_key, state.search, state.search_hit = search_key, stored, True
        self.stats.indexed_cached += 1
        return _copied(stored)  # the index may edit its entries

    def indexed(self, src_uri: str, search_key: str, entries: list[Any]) -> None:
        """The page was indexed afresh into these entries."""
        self.stats.indexed.append(src_uri)
        state = self._pages.get(src_uri)
        if state is not None:
            state.search_key, state.search = search_key, _copied(entries)

    def rendered(self, src_uri: str, output: str) -> None:
        """Store what changed about a page: its conversion, its theme HTML, its search entries."""
        state = self._pages.pop(src_uri, None)
        if state is None:
            return
        stored_html = state.html is not None or state.html_as_is
        if stored_html:
            self.stats.rendered_cached += 1
        else:
            self.stats.rendered.append(src_uri)
        if state.conversion is None:
            return  # its conversion logged something: store nothing, so it logs it again
        # No template key: the page has a template of its own, or the theme prints the build time.
        keep_html = state.template_key is not None
        search_new = state.search_key is not None and not state.search_hit
        if state.conversion_hit and (stored_html or not keep_html) and not search_new:
            return  # nothing new
        path = self._path(src_uri)
        if keep_html and not stored_html:
            # The HTML before the entry that names its key: a build stopped between the two
            # leaves an entry whose key finds older HTML, or none, and so a miss.
            write_atomic(
                path.with_suffix(THEME_SUFFIX),
                _dumped((SITE_CACHE_FORMAT, src_uri, state.template_key, output)),
            )
        entry = {
            "format": SITE_CACHE_FORMAT,
            "src_uri": src_uri,
            "markdown_key": state.markdown_key,
            "render": state.conversion,
            "template_key": state.template_key if keep_html else None,
            "search_key": state.search_key,
            "search": state.search,
        }
        write_atomic(path, _dumped(entry))

    def prune(self, keep: Iterable[str]) -> int:
        """Remove the entries of pages other than these source paths; return how many."""
        entries = [self._path(src_uri) for src_uri in keep]
        wanted = {*entries, *(path.with_suffix(THEME_SUFFIX) for path in entries)}
        removed = 0
        # Every file but the wanted entries: an older format's entries go too.
        for path in (self.folder / "pages").glob("*/*"):
            if path not in wanted and path.is_file():
                path.unlink(missing_ok=True)
                if self._memo is not None:
                    self._memo.pop(path, None)
                removed += 1
        return removed
