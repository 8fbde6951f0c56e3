"""The plugin's PDFs: made in the background under `mkdocs serve`, beside the pages under `mkdocs build`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from .content import Library
from .errors import BuildError, ContentError, problem_listing
from .serve_pdfs import BackgroundPdfs
from .site_files import release_written
from .site_pdfs import PdfsBesidePages
from .template_folders import Templates

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer


class PluginPdfs:
    """The PDFs the plugin's pages link, kept across serve's rebuilds (the plugin is)."""

    def __init__(self) -> None:
        self.background: BackgroundPdfs | None = None
        # Under `mkdocs build`, the PDFs being made while the pages render.
        self.beside: PdfsBesidePages | None = None

    def planned(
        self,
        library: Library,
        project_dir: Path,
        templates: Templates,
        own_templates: Path | None,
        *,
        serving: bool,
    ) -> dict[str, Path | None]:
        """The PDFs the pages link: made ones (a Path), or ones still being made (None)."""
        if serving:
            if self.background is None or self.background.project_dir != project_dir:
                self.background = BackgroundPdfs(project_dir)
            made = self.background.pdfs(library, templates, own_templates)
            return dict(made)
        # The pages need only the PDFs' names: they render while the PDFs are made (site_pdfs.py).
        self.beside = PdfsBesidePages(library, project_dir, templates)
        return dict.fromkeys(self.beside.planned)

    def stop_if_failed(self, files: Files | None) -> None:
        """Fail the build now if a PDF failed, not after every page."""
        if self.beside is not None and self.beside.failed() is not None:
            self.finish(files)

    def release_pages(self, files: Files | None) -> None:
        """Let go of the written pages' text before the booklet's join may run."""
        if self.beside is not None and self.beside.running() and files is not None:
            # The booklet's join, the build's largest allocation, may run next: at 873 exercises
            # the written pages' text beside it took the build past 500 MB. (A PDF build done
            # already joins nothing more: a build with nothing changed skips the collection.)
            release_written(files)

    def finish(self, files: Files | None) -> None:
        """Wait for the PDFs being made, and link each into site/; fail with their problems."""
        beside, self.beside = self.beside, None
        if beside is None:
            return
        try:
            beside.finish(files)
        except ContentError as exc:
            raise PluginError(problem_listing(exc)) from None
        except BuildError as exc:
            raise PluginError(str(exc)) from None

    def abandon(self) -> None:
        """Let go of a failed build's PDFs."""
        if self.beside is not None:
            self.beside.abandon()
            self.beside = None

    def watch(self, server: LiveReloadServer) -> None:
        """Under serve, rebuild when a background PDF build finishes, to link its PDFs."""
        if self.background is not None:
            self.background.start_watching()
            server.watch(str(self.background.folder))

    def stop(self) -> None:
        """Stop a background PDF build."""
        if self.background is not None:
            self.background.stop()
