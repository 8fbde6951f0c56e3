"""A `mkdocs build`'s PDFs, made while MkDocs renders the pages, which need only their names.

The plugin's `on_files` starts the PDF build in a thread of its own (its renders run in the
print engine's worker processes, so the pages' rendering in this process has a core to itself)
and hands MkDocs the names of the PDFs to come, which is all a page needs to link one. Once every
page is written, `on_post_build` lets the booklet's join run (the build's largest allocation,
kept apart from the pages' own), waits for the PDFs, links them into site/ and fails the build
with the PDF build's own problems, if it had any.
"""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.structure.files import Files

from .content import Library
from .errors import BuildError
from .printing import build_for_site, site_pdf_names
from .site_cache import log
from .site_files import PdfToCome
from .template_folders import Templates


class PdfsBesidePages:
    """One site build's PDFs, being made in a background thread."""

    def __init__(self, library: Library, project_dir: Path, templates: Templates) -> None:
        self.planned = site_pdf_names(library)
        self._pages_written = threading.Event()
        self._made: dict[str, Path] = {}
        self._error: BaseException | None = None
        # A daemon: a build that fails elsewhere exits without waiting for the PDFs. Everything
        # the PDF build writes is written atomically, so stopping it midway leaves nothing half made.
        self._thread = threading.Thread(
            target=self._build,
            args=(library, project_dir, templates),
            name="exercise-guide PDFs",
            daemon=True,
        )
        self._thread.start()
        log.info(f"exercise-guide: making {len(self.planned)} PDF(s) while the pages render")

    def _build(self, library: Library, project_dir: Path, templates: Templates) -> None:
        try:
            self._made = build_for_site(
                library,
                project_dir,
                templates,
                before_join=self._wait_for_pages,
                ahead_ready=self._pages_written.is_set,
            )
        except BaseException as exc:  # raised again in the build's own thread, by finish()
            self._error = exc

    def _wait_for_pages(self) -> None:
        self._pages_written.wait()

    def running(self) -> bool:
        """Whether the PDF build is still going (and so may yet join the booklet)."""
        return self._thread.is_alive()

    def failed(self) -> BaseException | None:
        """What stopped the PDF build, once it has stopped (a page can end the build early)."""
        return None if self._thread.is_alive() else self._error

    def finish(self, files: Files | None) -> None:
        """Every page is written: let the booklet's join run, wait for the PDFs, raise what
        stopped them, and link each PDF into site/."""
        self._pages_written.set()
        self._thread.join()
        if self._error is not None:
            raise self._error
        missing = sorted(set(self.planned) - set(self._made))
        if missing:
            raise BuildError(
                f"exercise-guide: the pages link PDFs never made: {', '.join(missing)}"
            )
        for file in files or ():
            if isinstance(file, PdfToCome):
                file.arrive(self._made[file.src_uri])
        log.info(f"exercise-guide: {len(self._made)} PDF(s) made while the pages rendered")

    def abandon(self) -> None:
        """The build failed elsewhere: no join waits for pages that will never be written."""
        self._pages_written.set()
