"""Routine sheets for the site and dist/: one PDF per routine, through the PDF engine's cache."""

from __future__ import annotations

import dataclasses
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from ..content import Library
from ..model import Paper
from ..pdf.cache import AssetHasher, CachedPdf, PdfCache
from ..pdf.fingerprint import code_digest
from ..pdf.pool import default_jobs
from ..template_folders import Templates
from .plan import Handout, routine_sheet
from .render import render_handout
from .sheet import handout_html


@dataclasses.dataclass(frozen=True)
class _SheetJob:
    """One routine sheet to render in a worker: plain, picklable values."""

    name: str
    library: Library
    handout: Handout
    templates: Templates
    identifier: str


def routine_sheet_name(routine_id: str) -> str:
    """The file name of a routine's sheet (the site links pdf/<this>)."""
    return f"routine-{routine_id}.pdf"


def _render(job: _SheetJob) -> tuple[bytes, int]:
    make_html = partial(handout_html, job.library, job.handout, job.templates)
    return render_handout(make_html, job.name, job.library.root, job.templates, job.identifier)


def _picklable(library: Library) -> Library:
    # MappingProxyType does not pickle; a worker needs only exercises, routines, poses, guide.
    return dataclasses.replace(
        library,
        exercises=dict(library.exercises),
        routines=dict(library.routines),
        articles={},
        poses=dict(library.poses),
        sources={},
    )


def build_routine_sheets(
    library: Library,
    templates: Templates,
    cache_dir: Path,
    paper: Paper | None = None,
    jobs: int | None = None,
) -> tuple[dict[str, CachedPdf], int]:
    """Every routine's sheet from the cache, rendering only those whose HTML is new; (files, renders)."""
    cache = PdfCache(cache_dir)
    assets = AssetHasher()
    options = {"kind": "routine-sheet", "code": code_digest(templates)}
    built: dict[str, CachedPdf] = {}
    missing: dict[str, tuple[str, _SheetJob]] = {}
    for routine_id in library.routines:
        name = routine_sheet_name(routine_id)
        handout = routine_sheet(library, routine_id, paper)
        # A routine sheet names no patient, so it may be cached like a poster.
        key = assets.html_key((handout_html(library, handout, templates),), options)
        cached = cache.get(key)
        if cached is not None:
            built[name] = cached
        else:
            missing[name] = (key, _SheetJob(name, library, handout, templates, key[:32]))
    if missing:
        shared = _picklable(library)
        work = [dataclasses.replace(job, library=shared) for _, job in missing.values()]
        # Rendered in worker processes, like posters: the parent never imports WeasyPrint.
        context = multiprocessing.get_context("forkserver")
        workers = min(jobs or default_jobs(), len(work))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for job, (pdf, pages) in zip(work, pool.map(_render, work), strict=True):
                built[job.name] = cache.put(missing[job.name][0], pdf, 0, pages)
    return dict(sorted(built.items())), len(missing)
