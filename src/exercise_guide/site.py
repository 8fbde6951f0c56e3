"""MkDocs plugin: a thin adapter that adds the generated pages, figures, fonts and PDFs to a build."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import site_nav
from .bytecode import MemoryBytecodeCache, disk_bytecode_cache
from .cacheuse import CacheUse
from .collector import collect_less, exit_soon
from .content import Library, load_library
from .errors import BuildError, ContentError, display_path, problem_listing, template_line
from .figures.cache import FigureCache
from .pages import edit_path, site_content
from .placeholders import placeholder_warnings
from .serve_fast import (
    BuiltSite,
    NotFast,
    content_files,
    edited_exercises,
    edited_pages,
    next_version,
    publish,
    serve_edit,
    served_alone,
    serving_lock,
)
from .site_cache import PageCache, log, open_page_cache, page_anchors, unknown_versions
from .site_config import configure_site
from .site_files import AtomicFile, add, add_generated, release_markdown
from .site_inline import CutSvgs, LostPlaceholder, anchor_ids, cut_animations, svgs_back
from .site_meta import FrontMatters
from .site_output import KeptSite, put_back, set_aside, sweep, tidy
from .site_pdf_wiring import PluginPdfs
from .site_stamps import Stamps, build_stamps
from .site_store import EntryMemo
from .template_folders import templates_for
from .validate import library_problems
from .writing import sweep_stale_temp_files

if TYPE_CHECKING:
    # Only `mkdocs serve` loads the server module.
    from mkdocs.livereload import LiveReloadServer


# mkdocs declares Config.__init_subclass__ without annotations.
class ExerciseGuideConfig(Config):  # type: ignore[no-untyped-call]
    """Plugin options in mkdocs.yml; folders are relative to mkdocs.yml."""

    content_dir = config_options.Type(str, default="content")
    # Unset: templates/ beside mkdocs.yml when it exists; the packaged templates fill in the rest.
    templates_dir = config_options.Optional(config_options.Type(str))
    pdfs = config_options.Type(bool, default=True)


class ExerciseGuidePlugin(BasePlugin[ExerciseGuideConfig]):  # type: ignore[no-untyped-call]
    """Loads content/ once per build and adds every generated page and file to MkDocs."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self.project_dir = Path.cwd()
        self.figure_cache: FigureCache | None = None
        self.page_cache: PageCache | None = None
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.figure_use: CacheUse | None = None
        self.templates = templates_for(self.project_dir)
        self.serving = False
        self.pdfs = PluginPdfs()
        self.compiled = MemoryBytecodeCache()
        self.dirty = False
        self.kept: KeptSite | None = None
        # site/'s files as they were before this build wrote any (site_output.tidy), for the sweep.
        self._site_files: list[str] | None = None
        # The stamps of site/'s generated files, when this build kept site/ (site_stamps.py).
        self.stamps: Stamps | None = None
        self.front = FrontMatters({})  # the generated pages' front matter, parsed
        # Each page's animation SVGs, cut from its Markdown until its HTML is indexed (site_inline.py).
        self.cut: dict[str, CutSvgs] = {}
        # Under serve, page cache entries read by earlier rebuilds (site_store.EntryMemo).
        self.entry_memo: EntryMemo = {}
        # Under serve, what the last full build made: an exercise edit rebuilds its page alone.
        self.built: BuiltSite | None = None
        # The server's lock on serving, while a full build follows a page served alone, and
        # held by this build while site/ is set aside (serve_fast.py).
        self.holding: threading.Condition | None = None
        self.held: threading.Condition | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under `mkdocs serve`, PDFs are made in the background, not in each rebuild."""
        # Defining this keeps the plugin across serve's rebuilds (MkDocs), and so the background.
        self.serving = command == "serve"
        # --dirty keeps old files on purpose: nothing is swept then.
        self.dirty = dirty
        if not self.serving:
            # Not under `mkdocs serve`, whose process lives on from one rebuild to the next.
            collect_less()

    def _dir(self, name: str) -> Path:
        return (self.project_dir / name).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the content, then set name, nav, CSS and logo from it."""
        self.project_dir = Path(config.config_file_path).resolve().parent
        content_dir = self._dir(self.config.content_dir)
        own = self.config.templates_dir
        self.built = None
        # Before reading: a file saved while this build reads it is seen as edited afterwards.
        seen = content_files(content_dir) if self.serving else None
        try:
            self.templates = templates_for(self.project_dir, self._dir(own) if own else None)
            memo_dir = self.project_dir / ".cache" / "content"
            library = load_library(content_dir, memo_dir)
            problems = library_problems(library, memo_dir)
            if problems:
                raise ContentError(problems)
        except ContentError as exc:
            # MkDocs prints a PluginError as one clean message and exits 1, without a traceback.
            raise PluginError(problem_listing(exc)) from None
        except BuildError as exc:
            raise PluginError(str(exc)) from None
        self.library = library
        # Info, not warning: `mkdocs build --strict` must still build a guide with placeholders.
        for warning in placeholder_warnings(library):
            log.info(f"exercise-guide: warning: {warning}")
        configure_site(config, library, self.templates)
        if seen is not None:
            self.built = BuiltSite(config, seen)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Open this build's figure and page caches (after every plugin has set the config)."""
        self._let_go()
        self.cut = {}
        self.figure_cache = FigureCache(self.project_dir / ".cache" / "figures")
        self.figure_use = CacheUse(self.figure_cache.folder)
        # None on MkDocs or Material releases the cache does not know (it says so in the log).
        self.page_cache = open_page_cache(
            self.project_dir / ".cache" / "site",
            config,
            self.project_dir,
            self.entry_memo if self.serving else None,
        )
        # MkDocs empties site/ next: set its files aside to write over them (site_output.py).
        if self.holding is not None and not self.dirty:
            # A full build after an edited page was served: no request sees site/ set aside.
            self.holding.acquire()
            self.held = self.holding
        self.kept = None if self.dirty else set_aside(Path(config.site_dir))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Start the PDFs, render every page and figure, and add them all as generated files."""
        if self.kept is not None:
            put_back(self.kept)  # before anything can fail: a failed build leaves them in place
        else:
            # MkDocs never cleans dot files from site/, so a killed build's temp files stay
            # unless swept (site_output.tidy sweeps them from a kept site).
            sweep_stale_temp_files(Path(config.site_dir))
        self._site_files = None
        self._serve_again()
        library = self._loaded()
        try:
            pdfs = self._pdfs(library)
            content = site_content(
                library,
                self.templates,
                pdfs,
                self.figure_cache,
                self.project_dir / ".cache" / "site",
            )
        except ContentError as exc:
            raise PluginError(problem_listing(exc)) from None
        except BuildError as exc:
            raise PluginError(str(exc)) from None
        except jinja2.TemplateSyntaxError as exc:
            # Designers edit templates/: name the file and line, not a Python traceback.
            where = display_path(exc.filename) if exc.filename else exc.name
            raise PluginError(f"{where}:{exc.lineno}: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise PluginError(f"{template_line(exc)}: {exc}") from None
        self.front = FrontMatters(content.front)
        for path, text in content.pages.items():
            add(files, File.generated(config, path, content=text))
        # A kept site/'s unchanged files are told by their stamps, not read (site_stamps.py).
        self.stamps = build_stamps(
            self.project_dir / ".cache" / "site",
            None if self.kept is None else self.kept.since_ns,
            plain=not self.serving and not self.dirty,
        )
        generated = {**content.files, **pdfs}
        add_generated(config, files, generated, keep=self.serving, stamps=self.stamps)
        if self.kept is not None:
            # Before MkDocs writes anything: a PDF linked again from the cache keeps its link.
            linked = [f.abs_dest_path for f in files if isinstance(f, AtomicFile)]
            self._site_files = tidy(self.kept, linked)
        if self.built is not None:
            self.built.files, self.built.pdfs = files, frozenset(pdfs)
        return files

    def _pdfs(self, library: Library) -> dict[str, Path | None]:
        """The PDFs the pages link: made ones (a Path), or ones still being made (None)."""
        if not self.config.pdfs:
            return {}
        own = self.config.templates_dir
        own_dir = self._dir(own) if own and self.serving else None
        return self.pdfs.planned(
            library, self.project_dir, self.templates, own_dir, serving=self.serving
        )

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation: every page's theme HTML depends on all of it."""
        self.nav = nav
        if self.built is not None:
            self.built.nav = nav
        return nav

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs a generated page without the front matter already parsed (site_meta.py)."""
        return self.front.source(page)

    # First: every other plugin (tags) reads the meta.
    @event_priority(100)
    def _page_meta(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.front.restore(page)
        return markdown

    # Before the other plugins (tags) and the page cache's key: none of them needs the drawing.
    @event_priority(90)
    def _page_animation(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        markdown, svgs = cut_animations(markdown)
        if svgs:
            self.cut[page.file.src_uri] = svgs
        else:
            self.cut.pop(page.file.src_uri, None)
        return markdown

    # Last: the cache key must see the Markdown after every other plugin (tags runs at -50).
    @event_priority(-100)
    def _page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Point each page's edit link at its content file (when guide.yml's `site.edit_link` is
        on); skip converting an unchanged page."""
        self.pdfs.stop_if_failed(self.files)
        library = self._loaded()
        source = edit_path(library, page.file.src_uri)
        guide = library.guide
        if source and guide.site.edit_link and guide.repo_url and guide.edit_uri:
            page.edit_url = f"{guide.repo_url.rstrip('/')}/{guide.edit_uri.strip('/')}/{source}"
        else:
            # Generated pages have no file of their own to edit.
            page.edit_url = None
        if self.page_cache is None:
            return markdown
        return self.page_cache.before_render(markdown, page, files)

    on_page_markdown = CombinedEvent(_page_meta, _page_animation, _page_markdown)

    # First: later plugins must see the restored HTML, and the cache stores it as MkDocs made it.
    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Count the ids of a converted page's cut animation among its anchors; put back the
        stored HTML (and anchors) of a page whose conversion was skipped."""
        svgs = self.cut.get(page.file.src_uri)
        anchors = page_anchors(page)
        if svgs and anchors is not None:
            # Before the cache stores the anchors; a restored page gets them from the cache.
            anchors.update(anchor_ids(svgs))
        if self.page_cache is None:
            return html
        return self.page_cache.after_render(html, page, files)

    # Last: the tags plugin fills in its listings (page content) in its own on_env, at 100.
    @event_priority(-100)
    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Give the theme this build's nav memo; send every page whose theme HTML is stored to a
        template that prints it as it is."""
        self.files = files
        if self.serving:
            # Serve's rebuilds make a new theme environment each time: reuse compiled templates.
            env.bytecode_cache = self.compiled
        else:
            # Each `mkdocs build` is a new process: keep the compiled theme templates on disk
            # (Jinja checks each one's source checksum before using it).
            env.bytecode_cache = disk_bytecode_cache(self.project_dir / ".cache" / "jinja")
        # A new memo each build: the nav and its pages are this build's.
        env.globals[site_nav.GLOBAL] = site_nav.NavMemo()
        if self.built is not None:
            self.built.env = env
        if self.page_cache is not None and self.nav is not None:
            if self.stamps is not None and not self.serving:
                # Pages are left alone, or read back once written, in a plain build
                # (_post_page_unchanged).
                self.page_cache.trust_stamps(self.stamps, config, self)
            self.page_cache.choose_templates(env, self.nav, files)
            self.page_cache.cache_search(config)
        if not self.serving:
            release_markdown(files)
        return env

    def _page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Hand a cached page's HTML to its template."""
        self.pdfs.stop_if_failed(self.files)
        if self.page_cache is None:
            return context
        return self.page_cache.page_context(context, page)

    # Last: after the search index (0) has read the page's HTML, before the theme prints it.
    @event_priority(-100)
    def _page_animation_back(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Put the page's animation SVGs back into its HTML."""
        svgs = self.cut.pop(page.file.src_uri, None)
        if svgs:
            try:
                page.content = svgs_back(page.content or "", svgs)
            except LostPlaceholder:
                raise PluginError(
                    f"exercise-guide: {page.file.src_uri}: the place of its animation is not in "
                    "its HTML: does a template print the animation's figure inside code?"
                ) from None
        return context

    on_page_context = CombinedEvent(_page_context, _page_animation_back)

    # First: store the theme's output itself; later plugins change it again on every build.
    @event_priority(100)
    def _post_page_store(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Store a page's new conversion or theme HTML."""
        if self.page_cache is None:
            return output
        return self.page_cache.after_template(output, page)

    # Last: the bytes compared are those MkDocs would write, after every other plugin's change.
    @event_priority(-1000)
    def _post_page_unchanged(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Leave alone a page whose file in site/ (kept from the last build) holds these bytes;
        note one MkDocs is to write, to be read back at the end (site_stamps.py)."""
        if self.page_cache is None or self.stamps is None or self.serving:
            return output
        return self.page_cache.leave_unchanged(output, page)

    on_post_page = CombinedEvent(_post_page_store, _post_page_unchanged)

    # Last: every other plugin has written its files (the search index) by then.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the PDFs and link them into site/, remove the files of site/ this build did
        not make again, drop the cache entries it did not use, and say how much came from the
        caches."""
        self.pdfs.release_pages(self.files)
        self.pdfs.finish(self.files)
        kept, self.kept = self.kept, None
        if kept is not None and self.files is not None:
            # Theme templates are always written anew; a listed file may be left alone (its
            # bytes are the same, or it is linked from a cache, whatever its age), and so may a
            # page whose file held the same bytes (PageCache.leave_unchanged).
            listed = [f.abs_dest_path for f in self.files if not f.is_documentation_page()]
            left_alone = self.page_cache.left_alone if self.page_cache else ()
            sweep(kept, [*listed, *left_alone], self._site_files)
        self._site_files = None
        stamps, self.stamps = self.stamps, None
        if stamps is not None:
            # The pages and files this build wrote: recorded, so the next build need not read them.
            stamps.read_back()
            stamps.save()
        pages, figures = self.page_cache, self.figure_cache
        if figures is not None and self.figure_use is not None:
            figures.prune(self.figure_use)
        self._let_go()
        if pages is None:
            return
        if self.files is not None:
            pages.prune(self.files)
        stats = pages.stats
        drawn = figures.stats.drawn if figures else 0
        kept_figures = figures.stats.cached if figures else 0
        log.info(
            f"exercise-guide: {len(stats.rendered)} page(s) rendered, {stats.rendered_cached} "
            f"from cache; {len(stats.converted)} converted from Markdown; {len(stats.indexed)} "
            f"indexed for search, {stats.indexed_cached} from cache; {drawn} figure(s) "
            f"drawn, {kept_figures} from cache"
        )

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build prunes nothing; it lets go of the figure cache and the PDFs."""
        self.pdfs.abandon()
        self._let_go()
        self.built = None  # half made: the next edit waits for a whole build
        if self.kept is not None:
            put_back(self.kept)
            self.kept = None
        self._serve_again()

    def _serve_again(self) -> None:
        if self.held is not None:
            self.held.release()
            self.held = None

    def _let_go(self) -> None:
        if self.figure_use is not None:
            self.figure_use.close()
            self.figure_use = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when content or templates change, not only the (empty) docs folder."""
        for folder in (self._dir(self.config.content_dir), *self.templates.existing()):
            if folder.is_dir():
                server.watch(str(folder))
        # A finished background PDF build is announced here: rebuild, to link its PDFs.
        self.pdfs.watch(server)
        unknown = unknown_versions()
        if unknown is None:
            server.builder = self._edits_first(server, builder)
        else:
            log.info(f"exercise-guide: every edit waits for a full build on {unknown}")
        return server

    def _edits_first(self, server: LiveReloadServer, full: Any) -> Any:
        """The server's builder: an edited exercise's page alone first, then the full build."""

        def builder(config: MkDocsConfig | None = None) -> None:
            if config is not None or not self._edit_fast():
                full(config)
                return
            # The browsers reload now, and the server serves the site while the full build runs
            # (MkDocs holds every request back during a build: minutes at 873 exercises).
            publish(server)
            self.holding = serving_lock(server)
            try:
                full()
            finally:
                self.holding = None
            next_version(server)  # the build loop then reloads the browsers again

        return builder

    def _edit_fast(self) -> bool:
        """Rebuild the pages of the edited exercises alone (serve_fast.py); False when the
        edit is for the full build."""
        built, library = self.built, self.library
        if built is None or built.env is None or library is None:
            return False
        started = time.perf_counter()
        now = content_files(library.root)
        ids = edited_exercises(library, built.seen, now)
        if ids is None:
            return False
        cache, self.page_cache = self.page_cache, None  # the full build keeps the page cache
        try:
            edit = edited_pages(library, ids, self.templates, self.figure_cache, built.pdfs)
            self.library = edit.library
            serve_edit(built, edit, self.templates)
        except NotFast as exc:
            log.info(f"exercise-guide: the full build makes this edit: {exc}")
            return False
        except Exception as exc:  # the full build makes it again, and reports it properly
            self.built = None
            log.info(f"exercise-guide: the full build makes this edit: {type(exc).__name__}: {exc}")
            return False
        finally:
            self.page_cache = cache
        built.seen = now
        log.info(served_alone(edit.pages, time.perf_counter() - started))
        return True

    def on_shutdown(self) -> None:
        """Stop a background PDF build when the server stops; let the process exit at once."""
        self.pdfs.stop()
        exit_soon()  # MkDocs calls this as its command ends, just before the process exits

    def _loaded(self) -> Library:
        if self.library is None:
            raise PluginError("exercise-guide: content was not loaded (on_config did not run)")
        return self.library
