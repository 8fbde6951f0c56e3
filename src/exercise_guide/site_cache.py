"""The page cache's adapter to MkDocs and Material: the one module that uses their internals.

An unchanged page skips Markdown conversion and the theme render; an unchanged page's search
entries skip Material's HTML parsing. `site_store` keeps the entries (what to reuse, keys, disk);
this module turns MkDocs objects into its plain data and back:

- the conversion: on a hit the plugin hands MkDocs an empty Markdown and restores what
  Page.render sets (HTML, TOC, the private title, anchors, links) afterwards;
- the theme HTML: the Jinja loader gets one more template that prints the stored HTML verbatim,
  and each page whose HTML is stored is sent to it through its `template` meta;
- the search entries: this build's Material search index takes an unchanged page's entries;
- the written page: a page whose file in site/ already holds its bytes is handed back to MkDocs
  empty, which it does not write (it logs "Page skipped" at INFO, a line dropped here). Such a
  file's stamp is recorded with the key of the theme HTML it holds (`site_stamps`), and while
  the stamp and key stay the same, later builds print the page as empty without reading its
  stored HTML or its file (when no other plugin changes a page's output after the theme).

These internals change between releases, so the cache runs only on the releases in
KNOWN_VERSIONS. On any other, or when an internal it needs is missing at first use, it turns
off with one log line and the site builds as without it (slower, never wrong).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import jinja2
from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .site_cache_keys import config_digest, files_digest, nav_digest, theme_date_names
from .site_output import same_bytes
from .site_store import EntryMemo, PageStats, PageStore, key

if TYPE_CHECKING:
    from .site_stamps import Stamps

CACHED_TEMPLATE = "exercise-guide/cached-page.html"
CACHED_HTML = "exercise_guide_cached_html"

log = logging.getLogger("mkdocs.plugins.exercise_guide")

# The releases whose internals this module was written against.
KNOWN_VERSIONS = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}

# The internals by name (read when used), so a missing one is named in the log line.
PAGE_TITLE = "_title_from_render"  # Page: the title Page.render found in the Markdown (private)
PAGE_ANCHORS = "present_anchor_ids"  # Page: the ids Page.render found, for link checks
PAGE_LINKS = "links_to_anchors"  # Page: the links to anchors Page.render recorded
PAGE_RENDER = "render"  # Page: the method MkDocs calls to convert the Markdown (with a new parser)
SEARCH_INDEX = "search_index"  # Material's search plugin: this build's index
SEARCH_ADD = "add_entry_from_context"  # the index's method that parses one page's HTML
SEARCH_ENTRIES = "entries"  # the index's list of entries
MATERIAL_SEARCH = "material.plugins.search"  # the module of the search plugin whose index is fed
PLUGIN_EVENTS = "events"  # MkDocs' plugin collection: each event's methods, in the order run


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


def open_page_cache(
    folder: Path, config: Any, project_dir: Path, memo: EntryMemo | None = None
) -> PageCache | None:
    """This build's page cache (memo: entries read by earlier builds of this process), or None
    (with one log line) on releases it does not know."""
    unknown = unknown_versions()
    if unknown is not None:
        log.info(f"exercise-guide: page cache off for {unknown}; every page is rendered")
        return None
    return PageCache(folder, config, project_dir, memo)


class _Missing(Exception):
    """An internal the cache needs is not there on the installed release."""


def _need(obj: Any, name: str) -> Any:
    try:
        return getattr(obj, name)
    except AttributeError:
        raise _Missing(f"{type(obj).__name__}.{name}") from None


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


class _LeftAlone(logging.Filter):
    """Drops MkDocs' "Page skipped" line for a page left alone because its file was the same."""

    def __init__(self) -> None:
        super().__init__()
        self.expected: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record but the one expected for a page left alone."""
        message = record.getMessage()
        if message in self.expected:
            self.expected.discard(message)
            return False
        return True


_LEFT_ALONE = _LeftAlone()
# The logger and line with which MkDocs skips writing a page whose output is empty.
BUILD_LOGGER = "mkdocs.commands.build"


def _skipped_line(src_uri: str) -> str:
    return f"Page skipped: '{src_uri}'. Generated empty output."


def _pages_level() -> int:
    # The level below which Page.render's link messages are dropped (ERROR under `mkdocs -q`).
    return logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()


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


class _Damaged(Exception):
    """A stored conversion that cannot stand in for converting the page now: a miss."""


@dataclass(frozen=True)
class _Restored:
    """What Page.render set for a page, read back from its entry."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    links: dict[Any, dict[str, str]] | None


def _restored(render: dict[str, Any], files: Any) -> _Restored:
    """A stored conversion, if it is whole and can stand in for converting the page now."""
    level = _pages_level()
    # An entry converted while link messages were hidden (mkdocs -q) may hide one: convert again.
    if not isinstance(render.get("level"), int) or render["level"] > level:
        raise _Damaged
    content, title, anchors = render.get("content"), render.get("title"), render.get("anchors")
    if not isinstance(content, str) or not isinstance(anchors, list):
        raise _Damaged
    if not (title is None or isinstance(title, str)):
        raise _Damaged
    links: dict[Any, dict[str, str]] | None = None
    # Page.render records links to anchors only above DEBUG, and so does a restored page.
    if level > logging.DEBUG:
        stored = render.get("links")
        if not isinstance(stored, dict):
            raise _Damaged  # converted under -v: it never recorded them
        links = {}
        for src_uri, targets in stored.items():
            target = files.get_file_from_path(src_uri)
            if target is None or not isinstance(targets, dict):
                raise _Damaged
            links[target] = {str(k): str(v) for k, v in targets.items()}
    try:
        toc = _toc_from(render["toc"])
    except (KeyError, TypeError, ValueError) as exc:
        raise _Damaged from exc
    return _Restored(content, toc, title, {str(a) for a in anchors}, links)


def page_anchors(page: Any) -> set[str] | None:
    """The anchor ids Page.render found in a page, which MkDocs checks links to anchors against
    (None when it did not convert the page, or on a release without them)."""
    anchors = getattr(page, PAGE_ANCHORS, None)
    return anchors if isinstance(anchors, set) else None


def _unconverted(page: Any, config: Any, files: Any) -> None:
    """Page.render for a page restored from the cache: its HTML comes back in after_render."""
    page.content = ""
    vars(page).pop(PAGE_RENDER, None)  # once: the page's own method again for any later call


# What a missing internal raises at first use: our own check, a changed class, a moved module.
_INTERNAL_ERRORS = (_Missing, AttributeError, ImportError)


class PageCache:
    """The page cache of one build, as MkDocs' hooks see it (the plugin makes one every build)."""

    def __init__(
        self, folder: Path, config: Any, project_dir: Path, memo: EntryMemo | None = None
    ) -> None:
        self.folder = folder
        self.store = PageStore(folder, memo)
        # Why the cache turned itself off in this build (an internal it needs is missing), or None.
        self.off: str | None = None
        self._config = config_digest(config, project_dir)
        dates = theme_date_names(config.theme.dirs, project_dir)
        # A theme that prints the build time makes every page new on every build: keep no theme
        # HTML then (conversions are still kept). One that prints the date: key pages by it.
        self._theme_cacheable = "build_date_utc" not in dates
        self._dated = "update_date" in dates
        self._files: tuple[int, str] | None = None
        self._restoring: dict[str, _Restored] = {}
        self._logged_before: dict[str, int] = {}
        # The pages this build left alone in site/ (leave_unchanged), by absolute path.
        self.left_alone: set[str] = set()
        # site/'s stamps, when they may tell an unchanged page (trust_stamps), and the pages they
        # told (by source path), whose stored HTML is not read.
        self._stamps: Stamps | None = None
        self._as_is: set[str] = set()
        # Each page's theme HTML key (choose_templates), by source path.
        self._template_keys: dict[str, str] = {}

    @property
    def stats(self) -> PageStats:
        """What the cache did in this build."""
        return self.store.stats

    def _turn_off(self, exc: BaseException) -> None:
        # Pages already restored or sent to the verbatim template are still served; nothing
        # new is taken from the cache or stored for the rest of the build.
        if self.off is None:
            self.off = str(exc) if isinstance(exc, _Missing) else f"{type(exc).__name__}: {exc}"
            log.info(
                f"exercise-guide: page cache off: {self.off} is missing on this release of "
                "MkDocs or Material; every page is rendered"
            )

    def _files_key(self, files: Any) -> str:
        if self._files is None or self._files[0] != id(files):
            self._files = (id(files), files_digest(files))
        return self._files[1]

    def before_render(self, markdown: str, page: Any, files: Any) -> str:
        """On a hit, an empty Markdown for MkDocs to convert (the HTML comes back in after_render)."""
        if self.off is not None:
            return markdown
        src_uri = page.file.src_uri
        markdown_key = key(self._config, self._files_key(files), src_uri, page.url, markdown)
        stored = self.store.open(src_uri, markdown_key)
        if stored is not None:
            try:
                for name in (PAGE_TITLE, PAGE_ANCHORS, PAGE_LINKS):
                    _need(page, name)  # each is restored in after_render: it must be there
                restored = _restored(stored, files)
            except _Damaged:
                pass  # a damaged entry is a miss
            except _INTERNAL_ERRORS as exc:
                self._turn_off(exc)
                return markdown
            else:
                self.store.reused(src_uri, stored)
                self._restoring[src_uri] = restored
                # Not even an empty conversion: MkDocs makes a new Markdown parser for each page,
                # a tenth of a rebuild at 873 exercises. Should MkDocs stop calling this method,
                # the page converts its empty Markdown, as before.
                setattr(page, PAGE_RENDER, partial(_unconverted, page))
                return ""
        self._logged_before[src_uri] = _logged()
        return markdown

    def after_render(self, html: str, page: Any, files: Any) -> str:
        """Restore a hit's HTML and everything Page.render sets; remember a miss's for storing."""
        src_uri = page.file.src_uri
        restored = self._restoring.pop(src_uri, None)
        if restored is not None:
            page.toc = restored.toc
            setattr(page, PAGE_TITLE, restored.title)
            setattr(page, PAGE_ANCHORS, restored.anchors)
            if restored.links is not None:
                setattr(page, PAGE_LINKS, restored.links)
            return restored.content
        before = self._logged_before.pop(src_uri, None)
        if before is None or self.off is not None:
            return html
        if _logged() != before:
            # It said something (a broken link): never stored, so it says it again.
            self.store.converted(src_uri, None)
            return html
        try:
            title = _need(page, PAGE_TITLE)
            anchors = _need(page, PAGE_ANCHORS)
            links = _need(page, PAGE_LINKS)
            conversion = {
                "content": html,
                "toc": _toc_data(page.toc),
                "title": title,
                "anchors": sorted(anchors or ()),
                "links": None
                if links is None
                else {f.src_uri: dict(targets) for f, targets in links.items()},
                "level": _pages_level(),
            }
        except _INTERNAL_ERRORS as exc:
            self._turn_off(exc)
            return html
        self.store.converted(src_uri, conversion)
        return html

    def trust_stamps(self, stamps: Stamps, config: Any, plugin: Any) -> None:
        """Let site/'s stamps tell a page whose file holds its theme HTML (in a plain build),
        unless a plugin other than ours changes pages after the theme."""
        if self.off is not None:
            return
        try:
            hooks = _need(config.plugins, PLUGIN_EVENTS)["post_page"]
        except (_Missing, KeyError, TypeError):
            return
        if all(getattr(hook, "__self__", None) is plugin for hook in hooks):
            self._stamps = stamps

    def choose_templates(self, env: jinja2.Environment, nav: Any, files: Any) -> None:
        """After every page is converted: send each page whose theme HTML is stored to a verbatim template."""
        if self.off is not None or not self._theme_cacheable:
            return
        pages = []
        try:
            base = key(self._config, nav_digest(nav))
            for file in files.documentation_pages():
                page = file.page
                if page is None or "template" in page.meta:
                    continue
                parts = [
                    file.src_uri,
                    page.url,
                    page.title,
                    page.meta,
                    _toc_data(page.toc),
                    page.edit_url,
                    page.canonical_url,
                    page.abs_url,
                    page.is_homepage,
                    _near(page.previous_page),
                    _near(page.next_page),
                    page.update_date if self._dated else None,
                    str(file.inclusion),
                ]
                # The HTML a part of its own: a text is hashed as it is (site_store.key).
                pages.append((page, key(base, page.content, parts)))
        except _INTERNAL_ERRORS as exc:
            self._turn_off(exc)  # before any page was sent anywhere
            return
        verbatim = jinja2.DictLoader({CACHED_TEMPLATE: "{{ " + CACHED_HTML + " }}"})
        env.loader = jinja2.ChoiceLoader([verbatim, *([env.loader] if env.loader else [])])
        for page, template_key in pages:
            src_uri = page.file.src_uri
            self._template_keys[src_uri] = template_key
            if self._holds(page, template_key):
                self.store.as_is(src_uri, template_key)
                self._as_is.add(src_uri)
                page.meta["template"] = CACHED_TEMPLATE
            elif self.store.html(src_uri, template_key) is not None:
                page.meta["template"] = CACHED_TEMPLATE

    def _holds(self, page: Any, template_key: str) -> bool:
        """Whether the page's file in site/ is, by its stamp, the stored theme HTML of this key."""
        return (
            self._stamps is not None
            and self.store.has_html(page.file.src_uri, template_key)
            and self._stamps.holds(page.file.abs_dest_path, bytes.fromhex(template_key))
        )

    def page_context(self, context: TemplateContext, page: Page) -> TemplateContext:
        """Give the verbatim template the stored HTML (Markup: printed as is, never escaped)."""
        src_uri = page.file.src_uri
        # A page site/ already holds is printed empty, which MkDocs does not write.
        html = "" if src_uri in self._as_is else self.store.stored_html(src_uri)
        if html is not None:
            # The theme's context is a TypedDict; this one extra name is only for our template.
            cast(dict[str, Any], context)[CACHED_HTML] = Markup(html)
        return context

    def cache_search(self, config: Any) -> None:
        """Have Material's search index take an unchanged page's entries from the cache
        instead of parsing its HTML again (a tenth of a warm build at 873 exercises)."""
        if self.off is not None:
            return
        for plugin in config.plugins.values():
            if not type(plugin).__module__.startswith(MATERIAL_SEARCH):
                continue  # another search plugin parses every page, as without the cache
            try:
                index = _need(plugin, SEARCH_INDEX)
                original = _need(index, SEARCH_ADD)
                if not isinstance(_need(index, SEARCH_ENTRIES), list):
                    raise _Missing(f"{type(index).__name__}.{SEARCH_ENTRIES} (a list)")
            except _INTERNAL_ERRORS as exc:
                self._turn_off(exc)
                return
            # On this build's index object only: the plugin makes a new one for every build.
            setattr(index, SEARCH_ADD, partial(self._index, index, original))

    def _index(self, index: Any, original: Any, page: Any) -> None:
        # Not the template name: choose_templates sets it on pages whose theme HTML is stored.
        meta = {k: v for k, v in page.meta.items() if k != "template"}
        search_key = key(
            self._config, page.url, page.title, meta, page.content, _toc_data(page.toc)
        )
        entries = getattr(index, SEARCH_ENTRIES)
        stored = self.store.search(page.file.src_uri, search_key)
        if stored is not None:
            entries.extend(stored)
            return
        before = len(entries)
        original(page)
        self.store.indexed(page.file.src_uri, search_key, entries[before:])

    def after_template(self, output: str, page: Any) -> str:
        """Store what changed about a page: its conversion, its theme HTML, or both."""
        if self.off is None:
            self.store.rendered(page.file.src_uri, output)
        return output

    def leave_unchanged(self, output: str, page: Any) -> str:
        """The page's output, or "" when its file in site/ already holds exactly these bytes:
        MkDocs writes no empty output, and writing over 886 unchanged pages in place was a
        third of a build with nothing changed at 873 exercises on a busy disk."""
        src_uri = page.file.src_uri
        path = Path(page.file.abs_dest_path)
        if src_uri in self._as_is:
            self._left_alone(src_uri, path)
            return ""
        if self.off is not None or not output.strip():
            return output
        # As MkDocs encodes it before writing.
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        template_key = self._template_keys.get(src_uri)
        # Stamps are trusted only when the output is the theme's HTML as it is (trust_stamps).
        identity = (
            None if self._stamps is None or template_key is None else bytes.fromhex(template_key)
        )
        if not same_bytes(path, data):
            if self._stamps is not None and identity is not None:
                # Read back once MkDocs has written it (Stamps.read_back).
                self._stamps.wrote(str(path), hashlib.sha256(data).digest(), identity)
            return output
        if self._stamps is not None and identity is not None:
            self._stamps.found(str(path), identity)
        self._left_alone(src_uri, path)
        return ""

    def _left_alone(self, src_uri: str, path: Path) -> None:
        logger = logging.getLogger(BUILD_LOGGER)
        if _LEFT_ALONE not in logger.filters:
            logger.addFilter(_LEFT_ALONE)
        _LEFT_ALONE.expected.add(_skipped_line(src_uri))
        self.left_alone.add(str(path))

    def prune(self, files: Any) -> int:
        """Remove the entries of pages this build no longer has; return how many."""
        return self.store.prune(f.src_uri for f in files.documentation_pages())
