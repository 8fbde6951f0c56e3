"""Every PDF of a guide: posters, the booklet and routine sheets, built by the one print engine (pdf/)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .cacheuse import CacheUse
from .content import Library
from .handouts.names import routine_sheet_name
from .pdf.cache import PdfCache
from .pdf.names import BOOKLET, poster_file
from .pdf_memo import pdf_key, read_pdfs, write_pdfs
from .template_folders import Templates, templates_for
from .writing import sweep_stale_temp_files

# The print engine is imported where a PDF is planned: a build with nothing changed takes every
# PDF from the memo, and importing (and, without bytecode files, compiling) the engine and the
# handouts was a twentieth of it.
if TYPE_CHECKING:
    from .pdf import BuildReport, PrintOptions


def build_pdfs(
    library: Library,
    *,
    cache_dir: Path,
    out_dir: Path | None = None,
    templates: Templates | None = None,
    options: PrintOptions | None = None,
    jobs: int | None = None,
    posters: bool = True,
    booklet: bool = True,
    routines: bool = True,
    progress: TextIO | None = None,
    show_progress: bool = True,
    before_join: Callable[[], None] | None = None,
    ahead_ready: Callable[[], bool] | None = None,
    memo_key: str | None = None,
) -> BuildReport:
    """Build posters, the booklet and routine sheets; write them to out_dir; raise ContentError if any failed.

    Files that built are written even when others failed; a failed one is never written. A full
    build (every kind of document, nothing failed) then drops the cache entries it did not use,
    and stores what it made under memo_key when given one (pdf_memo.py).
    """
    from .handouts.sheets import routine_sheet_batch
    from .pdf import PdfBuild

    templates = templates or templates_for(library.root.parent)
    # A build killed with -9 leaves its temp files behind; clear them before writing anew.
    for folder in (cache_dir, out_dir):
        if folder is not None:
            sweep_stale_temp_files(folder)
    build = PdfBuild(
        library,
        templates=templates,
        cache_dir=cache_dir,
        options=options,
        jobs=jobs,
        progress=progress,
        show_progress=show_progress,
    )
    build.before_join = before_join
    build.ahead_ready = ahead_ready
    use = CacheUse(cache_dir)
    try:
        # Routine sheets on the posters' pool, so the booklet's join, the build's largest
        # allocation, runs last, with no render worker or fork server beside it (PdfBuild._join).
        sheets = routine_sheet_batch(build) if routines else None
        report = build.build(posters=posters, booklet=False, booklet_next=booklet, beside=sheets)
        if booklet:
            build.build(posters=False, booklet=True)
        if out_dir is not None:
            build.write(out_dir)
        else:
            report.files.update({name: cached.path for name, cached in build.outputs.items()})
        if posters and booklet and routines and not build.problems:
            report.pruned = build.cache.prune(use)
    finally:
        use.close()
    build.raise_problems()
    if memo_key is not None and posters and booklet and routines:
        write_pdfs(build.cache, memo_key, build.outputs)
    return report


def site_pdf_names(library: Library) -> list[str]:
    """The site path (pdf/x.pdf) of every PDF `build_for_site` makes, known before any is built."""
    # The posters of `build_pdfs`' default options: the poster layout.
    names = [poster_file(exercise_id, "poster") for exercise_id in library.exercises]
    names += [routine_sheet_name(routine_id) for routine_id in library.routines]
    return [f"pdf/{name}" for name in (*names, BOOKLET)]


def build_for_site(
    library: Library,
    project_dir: Path,
    templates: Templates | None = None,
    before_join: Callable[[], None] | None = None,
    ahead_ready: Callable[[], bool] | None = None,
) -> dict[str, Path]:
    """Build every PDF the site links (through the cache); site path (pdf/x.pdf) → file."""
    cache_dir = project_dir / ".cache" / "pdf"
    templates = templates or templates_for(project_dir)
    key = pdf_key(library, templates)
    # Nothing changed since the last build: its PDFs, each checked whole, under one key.
    use = CacheUse(cache_dir)
    try:
        kept = read_pdfs(PdfCache(cache_dir), key)
    finally:
        use.close()
    if kept is not None:
        return {f"pdf/{name}": cached.path for name, cached in kept.items()}
    report = build_pdfs(
        library,
        cache_dir=cache_dir,
        templates=templates,
        # A progress bar when someone watches a terminal; MkDocs logs stay clean otherwise.
        show_progress=sys.stderr.isatty(),
        before_join=before_join,
        ahead_ready=ahead_ready,
        memo_key=key,
    )
    return {f"pdf/{name}": path for name, path in report.files.items()}
