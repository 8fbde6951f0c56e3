"""Under `mkdocs serve`: an edited exercise's page rebuilt alone, before the full build follows.

A saved exercise file used to wait for a whole MkDocs build (every page, at 873 exercises
minutes). The plugin keeps what the last full build made (MkDocs' config, files, navigation
and theme environment) and, when only exercise files changed, reads just those again, makes
their pages' Markdown and has MkDocs convert and render just those pages into the served site,
with the navigation made anew when the edit changed it (a title edit shows in it). The browser
reloads, and the full build follows for everything else: other pages' navigation, the area and
home pages, search, tags and PDFs. The site stays served during that build (MkDocs would hold
every request back until it ends), except while the build has site/ set aside.

Anything else, or anything the one-page rebuild cannot make exactly as the full build would,
is left to the full build: guide.yml, poses, routines, articles, media or templates changed, a
file added or removed, content with problems (the full build reports them, file, line and
field), or an edit that changes an exercise's tags, body areas or which figure files it has.

This uses MkDocs internals (`_populate_page`, `_build_page`: how a build converts and renders
one page; the server's epoch and its lock: when requests are served and browsers reload); it
runs only on the releases the page cache knows (site_cache.KNOWN_VERSIONS).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, get_navigation

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

from .content import Library
from .content_reload import reload_exercises
from .errors import ContentError
from .figures.cache import FigureCache
from .pages import paths
from .pages.assets import FileData, exercise_figures, image_size
from .pages.generate import exercise_markdown, tags_of
from .site_config import configure_site
from .site_output import same_bytes
from .template_folders import Templates
from .validate import library_problems
from .writing import write_atomic

# A file's state as last read: modification time and size.
Seen = dict[str, tuple[int, int]]


def content_files(root: Path) -> Seen:
    """Every file under the content folder that a build may read, with its modification time
    and size: not hidden files (editors' swap and lock files), which loading never reads."""
    found: Seen = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue  # removed while listing: the next look sees it gone
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def edited_exercises(library: Library, before: Seen, now: Seen) -> list[str] | None:
    """The ids of the exercises whose files changed, or None when nothing changed or anything
    else did (a file added or removed, or any other content file: a full build then)."""
    if before.keys() != now.keys():
        return None
    changed = [path for path, state in now.items() if before[path] != state]
    by_path = {
        str(source.path): name.partition(":")[2]
        for name, source in library.sources.items()
        if name.startswith("exercise:")
    }
    ids = [by_path.get(path) for path in changed]
    if not ids or None in ids:
        return None
    return sorted(i for i in ids if i is not None)


@dataclass
class BuiltSite:
    """What the last full build made, kept to rebuild one page: MkDocs' config, files and theme
    environment, the PDFs its pages link, and the content files as that build read them."""

    config: MkDocsConfig
    seen: Seen
    files: Files | None = None
    env: jinja2.Environment | None = None
    pdfs: frozenset[str] = frozenset()
    nav: Navigation | None = None
    doc_files: Sequence[File] | None = None


class NotFast(Exception):
    """Why an edit is left to the full build."""


@dataclass(frozen=True)
class EditedPages:
    """What an edit changes that the one-page rebuild writes: the library, pages and figures."""

    library: Library
    pages: dict[str, str]
    figures: dict[str, FileData]


def edited_pages(
    library: Library,
    ids: Collection[str],
    templates: Templates,
    figure_cache: FigureCache | None,
    pdfs: Collection[str],
) -> EditedPages:
    """The edited exercises read and checked again, and their pages' Markdown; raises NotFast
    when the full build must make them (it reports any problem with file, line and field)."""
    try:
        edited = reload_exercises(library, ids)
    except ContentError as exc:
        raise NotFast(f"{len(exc.problems)} problem(s) in the content") from None
    only = replace(
        edited,
        exercises={i: edited.exercises[i] for i in ids},
        routines={},
        articles={},
    )
    if library_problems(only):
        raise NotFast("problems in the content")
    pages: dict[str, str] = {}
    figures: dict[str, FileData] = {}
    for item_id in ids:
        old, new = library.exercises[item_id], edited.exercises[item_id]
        # The tags and body areas show on other pages (tags, areas) and in the tags plugin's
        # listings, and the figure files are MkDocs' files: the full build makes those.
        if tags_of(library, old) != tags_of(edited, new) or old.body_areas != new.body_areas:
            raise NotFast(f"{item_id}: its tags or body areas changed")
        own, alts = exercise_figures(edited, new, figure_cache)
        before, _ = exercise_figures(library, old, figure_cache)
        if own.keys() != before.keys():
            raise NotFast(f"{item_id}: its figure files changed")
        sizes = {path: size for path, data in own.items() if (size := image_size(data))}
        animation = figure_cache.render_animation(edited, new) if figure_cache is not None else None
        markdown = exercise_markdown(edited, templates, new, alts, pdfs, animation, sizes)
        pages[paths.exercise_page(item_id)] = markdown
        figures.update(own)
    return EditedPages(edited, pages, figures)


def serve_edit(built: BuiltSite, edit: EditedPages, templates: Templates) -> None:
    """Put an edit into the served site: the site configured from the edited library, the
    figures whose bytes changed written, and the edited pages rendered."""
    nav = built.config.nav
    configure_site(built.config, edit.library, templates)
    site = Path(built.config.site_dir)
    for path, data in edit.figures.items():
        if isinstance(data, bytes) and not same_bytes(site / path, data):
            write_atomic(site / path, data)
    render_pages(built, edit.pages, nav_changed=built.config.nav != nav)


def served_alone(pages: Collection[str], seconds: float) -> str:
    """The log line of an edit served before the full build."""
    return (
        f"exercise-guide: {', '.join(pages)} rebuilt alone in {seconds:.2f} s; the full build "
        "follows in the background (the other pages' navigation, area and home pages, search, "
        "tags and PDFs); reloading browsers"
    )


def render_pages(built: BuiltSite, pages: Mapping[str, str], *, nav_changed: bool) -> None:
    """Have MkDocs convert and render these pages (docs path → new Markdown) into the site, as a
    build does; the navigation is made anew when the config's (already updated) nav changed."""
    config, files, env, nav = built.config, built.files, built.env, built.nav
    if files is None or env is None or nav is None:
        raise NotFast("the last build did not finish")
    edited = []
    for path, markdown in pages.items():
        file = files.get_file_from_path(path)
        if file is None or file.page is None:
            raise NotFast(f"{path} is not a page of the last build")
        file.content_string = markdown
        if nav_changed:
            # A new Page, as a build makes: its title comes from its nav entry anew.
            file.page = None
        edited.append(file)
    if nav_changed:
        # A title edit changes the page's entry, and may move it within its area.
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        built.nav = nav
    if built.doc_files is None:
        # The same files as the last build's (a file added or removed is the full build's).
        built.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in edited:
        page = file.page
        if page is None:
            raise NotFast(f"{file.src_uri} has no page")
        # Otherwise the page of the last build, read and converted again: a page's title comes
        # from its nav entry, and that is the same.
        _populate_page(page, config, files)
        _build_page(page, config, built.doc_files, nav, env)


def publish(server: LiveReloadServer) -> None:
    """Tell the browsers the site changed, and serve it again (MkDocs' build loop does this after
    each build; its requests wait until then)."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def next_version(server: LiveReloadServer) -> None:
    """Mark a newer version of the site, which the build loop then publishes (browsers reload)."""
    # Only a server needs the server module: a plain `mkdocs build` never loads it.
    from mkdocs.livereload import _timestamp

    server._wanted_epoch = _timestamp()


def serving_lock(server: LiveReloadServer) -> threading.Condition:
    """The lock every request to the server takes before it serves a file (held: they wait)."""
    return server._epoch_cond
