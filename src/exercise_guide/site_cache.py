"""Cache of rendered site pages: an unchanged page skips Markdown conversion and the theme render.

Each page has one entry, pages/<h[:2]>/<h>.json.z (h: sha256 of its source path), zlib-compressed
JSON with two parts, each under its own key:

- the Markdown part: what Page.render produced (HTML, TOC, title, anchors, links) under a hash of the
  page's Markdown, its path and URL, every file's URL (links resolve against them), the config and
  the code. On a hit the plugin hands MkDocs an empty Markdown and restores the rest afterwards.
- the template part: the theme's HTML for the page under a hash of everything the theme reads for it
  (the final content, meta, the whole navigation, previous/next, config, theme files, versions).
  On a hit the page is rendered through a template that prints the stored HTML verbatim.

One entry per page keeps the cache the size of one site. An unreadable entry is a miss, never an
error. A page whose conversion logged anything (a broken link) is not stored, so the message and
`--strict` see it on every build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, cast

import jinja2
from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .digest import tree_digest
from .writing import write_atomic

# Bump when the meaning of a cached entry changes.
SITE_CACHE_FORMAT = "exercise-guide-site-2"
CACHED_TEMPLATE = "exercise-guide/cached-page.html"
CACHED_HTML = "exercise_guide_cached_html"
_PACKAGE = Path(__file__).resolve().parent
_DISTS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe")
# Config values that name where things are, not what the pages say; nav is hashed separately.
_CONFIG_SKIP = {"config_file_path", "docs_dir", "site_dir", "dev_addr", "watch", "nav", "plugins"}

log = logging.getLogger("mkdocs.plugins.exercise_guide")

# The releases whose internals this cache was written against: the Page attributes it restores,
# the theme's Jinja loader it wraps and Material's search index it feeds. On any other release
# the site builds without the cache (slower, never wrong) rather than break.
KNOWN_VERSIONS = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}


def installed_versions() -> dict[str, str]:
    """The installed releases of the packages whose internals the page cache uses."""
    found = {}
    for dist in KNOWN_VERSIONS:
        try:
            found[dist] = version(dist)
        except PackageNotFoundError:
            found[dist] = "none"
    return found


def unknown_versions() -> str | None:
    """What is installed that the page cache does not know, or None when all is known."""
    found = installed_versions()
    odd = [f"{d} {found[d]} (known: {v})" for d, v in KNOWN_VERSIONS.items() if found[d] != v]
    return ", ".join(odd) or None


class _Counter(logging.Handler):
    """Counts the records MkDocs logs at INFO or above, to tell whether a conversion said anything."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count the record."""
        self.count += 1


_COUNTER = _Counter()


def _logged() -> int:
    # One handler per process: `mkdocs serve` makes new plugins for every rebuild.
    logger = logging.getLogger("mkdocs")
    if _COUNTER not in logger.handlers:
        logger.addHandler(_COUNTER)
    return _COUNTER.count


def _pages_level() -> int:
    # The level below which Page.render's link messages are dropped (ERROR under `mkdocs -q`).
    return logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()


@cache
def _code_digest() -> str:
    # Once per process: the code that runs is the code imported at start.
    digest = hashlib.sha256(SITE_CACHE_FORMAT.encode())
    for dist in _DISTS:
        try:
            digest.update(f"\0{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            digest.update(f"\0{dist}=none".encode())
    digest.update(tree_digest(_PACKAGE).encode())
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """A JSON-able stand-in for a config value (objects by class name, never by address)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    text = str(value)
    if " at 0x" in text:
        return f"<{type(value).__name__}>"  # the default str names a memory address
    return f"<{type(value).__name__}:{text}>"


def config_digest(config: Any, project_dir: Path) -> str:
    """A hash of the config the Markdown and the theme read, and of the project's theme files."""
    data = {k: _plain(v) for k, v in config.items() if k not in _CONFIG_SKIP}
    data["plugins"] = {name: _plain(dict(p.config)) for name, p in config.plugins.items()}
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(json.dumps(data, sort_keys=True, default=repr).encode())
    for folder in config.theme.dirs:
        path = Path(folder).resolve()
        # Installed themes are covered by their versions; the project's overrides are read each build.
        if path.is_relative_to(project_dir):
            digest.update(f"\0{path.relative_to(project_dir)}\0{tree_digest(path)}".encode())
        else:
            digest.update(f"\0{path}".encode())
    return digest.hexdigest()


@cache
def _installed_date_names(folder: Path) -> frozenset[str]:
    return _date_names(folder)


def _date_names(folder: Path) -> frozenset[str]:
    found: set[str] = set()
    for path in folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8", errors="replace")
        found.update(name for name in ("update_date", "build_date_utc") if name in text)
    return frozenset(found)


def theme_date_names(dirs: list[str], project_dir: Path) -> frozenset[str]:
    """Which build dates the theme's templates print (Material prints none, MkDocs' own theme does)."""
    found: set[str] = set()
    for folder in dirs:
        path = Path(folder).resolve()
        # Installed themes do not change while the process runs; the project's overrides might.
        local = path.is_relative_to(project_dir)
        found |= _date_names(path) if local else _installed_date_names(path)
    return frozenset(found)


def files_digest(files: Any) -> str:
    """A hash of every file's source path and URL: the targets that links in pages resolve to."""
    digest = hashlib.sha256()
    for name, url in sorted((f.src_uri, f.url) for f in files):
        digest.update(f"{name}\0{url}\n".encode())
    return digest.hexdigest()


def nav_digest(nav: Any) -> str:
    """A hash of the navigation as the theme prints it: every item's kind, title and URL, in order."""

    def walk(items: Any) -> Any:
        return [
            [
                type(item).__name__,
                item.title,
                getattr(item, "url", None),
                walk(item.children or []),
            ]
            for item in items
        ]

    homepage = nav.homepage.url if nav.homepage is not None else None
    return hashlib.sha256(json.dumps([walk(nav.items), homepage]).encode()).hexdigest()


def _toc_data(items: Any) -> list[dict[str, Any]]:
    return [
        {
            "title": a.title,
            "id": a.id,
            "level": a.level,
            "active": getattr(a, "active", None),
            "children": _toc_data(a.children),
        }
        for a in items
    ]


def _toc_from(data: list[dict[str, Any]]) -> Any:
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def link(raw: dict[str, Any]) -> Any:
        anchor = AnchorLink(str(raw["title"]), str(raw["id"]), int(raw["level"]))
        if raw.get("active") is not None:
            # get_toc marks the first entry active; the theme reads it.
            setattr(anchor, "active", raw["active"])  # noqa: B010
        anchor.children = [link(c) for c in raw["children"]]
        return anchor

    return TableOfContents([link(r) for r in data])


def _near(page: Any) -> list[Any] | None:
    return None if page is None else [page.title, page.url]


@dataclass(frozen=True)
class _Restored:
    """What Page.render set for a page, read back from its entry."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    links: dict[Any, dict[str, str]] | None


def _restored(render: dict[str, Any], files: Any) -> _Restored | None:
    """A stored conversion, if it is whole and can stand in for converting the page now."""
    level = _pages_level()
    # An entry converted while link messages were hidden (mkdocs -q) may hide one: convert again.
    if not isinstance(render["level"], int) or render["level"] > level:
        return None
    content, title, anchors = render["content"], render["title"], render["anchors"]
    if not isinstance(content, str) or not isinstance(anchors, list):
        return None
    if not (title is None or isinstance(title, str)):
        return None
    links: dict[Any, dict[str, str]] | None = None
    # Page.render records links to anchors only above DEBUG, and so does a restored page.
    if level > logging.DEBUG:
        if render["links"] is None:
            return None  # converted under -v: it never recorded them
        links = {}
        for src_uri, targets in render["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                return None
            links[target] = {str(k): str(v) for k, v in targets.items()}
    return _Restored(content, _toc_from(render["toc"]), title, {str(a) for a in anchors}, links)


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


@dataclass
class _Page:
    """One page's state during a build."""

    entry: dict[str, Any]
    markdown_key: str
    markdown_hit: bool = False
    logged_before: int = 0
    render: dict[str, Any] | None = None
    restored: _Restored | None = None
    template_key: str | None = None
    html: str | None = None
    search_key: str | None = None
    search: list[Any] | None = None
    search_hit: bool = False


class PageCache:
    """The per-page cache of one build (the plugin makes a new one for every build)."""

    def __init__(self, folder: Path, config: Any, project_dir: Path) -> None:
        self.folder = folder
        self.stats = PageStats()
        self._config = config_digest(config, project_dir)
        dates = theme_date_names(config.theme.dirs, project_dir)
        # A theme that prints the build time makes every page new on every build: keep no theme
        # HTML then (conversions are still kept). One that prints the date: key pages by it.
        self._theme_cacheable = "build_date_utc" not in dates
        self._dated = "update_date" in dates
        self._files: tuple[int, str] | None = None
        self._pages: dict[str, _Page] = {}

    def _path(self, src_uri: str) -> Path:
        name = hashlib.sha256(src_uri.encode()).hexdigest()
        return self.folder / "pages" / name[:2] / f"{name}.json.z"

    def _read(self, src_uri: str) -> dict[str, Any]:
        try:
            entry = json.loads(zlib.decompress(self._path(src_uri).read_bytes()))
        except (OSError, ValueError, zlib.error):
            return {}
        ok = isinstance(entry, dict) and entry.get("format") == SITE_CACHE_FORMAT
        return entry if ok and entry.get("src_uri") == src_uri else {}

    def _files_key(self, files: Any) -> str:
        if self._files is None or self._files[0] != id(files):
            self._files = (id(files), files_digest(files))
        return self._files[1]

    def before_render(self, markdown: str, page: Any, files: Any) -> str:
        """On a hit, an empty Markdown for MkDocs to convert (the HTML comes back in after_render)."""
        key = hashlib.sha256(
            json.dumps(
                [self._config, self._files_key(files), page.file.src_uri, page.url, markdown]
            ).encode()
        ).hexdigest()
        entry = self._read(page.file.src_uri)
        state = _Page(entry=entry, markdown_key=key)
        self._pages[page.file.src_uri] = state
        render = entry.get("render")
        if entry.get("markdown_key") == key and isinstance(render, dict):
            try:
                state.restored = _restored(render, files)
            except (KeyError, TypeError, ValueError, AttributeError):
                state.restored = None  # a damaged entry is a miss
        if state.restored is not None:
            state.markdown_hit = True
            state.render = render
            self.stats.converted_cached += 1
            return ""
        state.logged_before = _logged()
        return markdown

    def after_render(self, html: str, page: Any, files: Any) -> str:
        """Restore a hit's HTML and everything Page.render sets; remember a miss's for storing."""
        state = self._pages.get(page.file.src_uri)
        if state is None:
            return html
        restored = state.restored
        if restored is not None:
            page.toc = restored.toc
            page._title_from_render = restored.title
            page.present_anchor_ids = restored.anchors
            if restored.links is not None:
                page.links_to_anchors = restored.links
            return restored.content
        self.stats.converted.append(page.file.src_uri)
        if _logged() != state.logged_before:
            return html  # it said something (a broken link): never stored, so it says it again
        links = getattr(page, "links_to_anchors", None)
        state.render = {
            "content": html,
            "toc": _toc_data(page.toc),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None
            if links is None
            else {f.src_uri: dict(anchors) for f, anchors in links.items()},
            "level": _pages_level(),
        }
        return html

    def choose_templates(self, env: jinja2.Environment, nav: Any, files: Any) -> None:
        """After every page is converted: send each page whose theme HTML is stored to a verbatim template."""
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({CACHED_TEMPLATE: "{{ " + CACHED_HTML + " }}"}), env.loader]
            if env.loader is not None
            else [jinja2.DictLoader({CACHED_TEMPLATE: "{{ " + CACHED_HTML + " }}"})]
        )
        if not self._theme_cacheable:
            return
        base = hashlib.sha256(f"{self._config}\0{nav_digest(nav)}".encode())
        for file in files.documentation_pages():
            page = file.page
            state = self._pages.get(file.src_uri)
            if page is None or state is None or "template" in page.meta:
                continue
            digest = base.copy()
            digest.update(
                json.dumps(
                    [
                        file.src_uri,
                        page.url,
                        page.title,
                        page.meta,
                        page.content,
                        _toc_data(page.toc),
                        page.edit_url,
                        page.canonical_url,
                        page.abs_url,
                        page.is_homepage,
                        _near(page.previous_page),
                        _near(page.next_page),
                        page.update_date if self._dated else None,
                        str(file.inclusion),
                    ],
                    default=repr,
                ).encode()
            )
            state.template_key = digest.hexdigest()
            html = state.entry.get("html")
            if state.entry.get("template_key") == state.template_key and isinstance(html, str):
                state.html = html
                page.meta["template"] = CACHED_TEMPLATE

    def page_context(self, context: TemplateContext, page: Page) -> TemplateContext:
        """Give the verbatim template the stored HTML (Markup: printed as is, never escaped)."""
        state = self._pages.get(page.file.src_uri)
        if state is not None and state.html is not None:
            # The theme's context is a TypedDict; this one extra name is only for our template.
            cast(dict[str, Any], context)[CACHED_HTML] = Markup(state.html)
        return context

    def cache_search(self, config: Any) -> None:
        """Have the search plugin's index take an unchanged page's entries from the cache
        instead of parsing its HTML again (a tenth of a warm build at 873 exercises)."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            original = getattr(index, "add_entry_from_context", None)
            if (
                index is None
                or original is None
                or not isinstance(getattr(index, "entries", None), list)
            ):
                continue

            def add_entry(page: Any, index: Any = index, original: Any = original) -> None:
                self._index(index, original, page)

            # On this build's index object only: the plugin makes a new one for every build.
            index.add_entry_from_context = add_entry

    def _index(self, index: Any, original: Any, page: Any) -> None:
        state = self._pages.get(page.file.src_uri)
        # Not the template name: choose_templates sets it on pages whose theme HTML is stored.
        meta = {k: v for k, v in page.meta.items() if k != "template"}
        key = hashlib.sha256(
            json.dumps(
                [self._config, page.url, page.title, meta, page.content, _toc_data(page.toc)],
                default=repr,
            ).encode()
        ).hexdigest()
        stored = state.entry.get("search") if state is not None else None
        if state is not None and state.entry.get("search_key") == key and isinstance(stored, list):
            index.entries.extend(json.loads(json.dumps(stored)))  # a copy: the index may edit it
            state.search_key, state.search, state.search_hit = key, stored, True
            self.stats.indexed_cached += 1
            return
        before = len(index.entries)
        original(page)
        self.stats.indexed.append(page.file.src_uri)
        if state is not None:
            state.search_key = key
            state.search = json.loads(json.dumps(index.entries[before:]))

    def after_template(self, output: str, page: Any) -> str:
        """Store what changed about a page: its conversion, its theme HTML, or both."""
        src_uri = page.file.src_uri
        state = self._pages.pop(src_uri, None)
        if state is None:
            return output
        if state.html is not None:
            self.stats.rendered_cached += 1
        else:
            self.stats.rendered.append(src_uri)
        if state.render is None:
            return output  # its conversion logged something: store nothing, so it logs it again
        # No template key: the page has a template of its own, or the theme prints the build time.
        keep_html = state.template_key is not None
        search_new = state.search_key is not None and not state.search_hit
        if state.markdown_hit and (state.html is not None or not keep_html) and not search_new:
            return output  # nothing new
        entry = {
            "format": SITE_CACHE_FORMAT,
            "src_uri": src_uri,
            "markdown_key": state.markdown_key,
            "render": state.render,
            "template_key": state.template_key,
            "html": output if keep_html else None,
            "search_key": state.search_key,
            "search": state.search,
        }
        write_atomic(self._path(src_uri), zlib.compress(json.dumps(entry).encode("utf-8"), level=1))
        return output

    def prune(self, files: Any) -> int:
        """Remove the entries of pages this build no longer has; return how many."""
        keep = {self._path(f.src_uri) for f in files.documentation_pages()}
        removed = 0
        for path in (self.folder / "pages").glob("*/*.json.z"):
            if path not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
