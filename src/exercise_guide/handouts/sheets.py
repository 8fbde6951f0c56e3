"""Routine sheets for the site and dist/: one PDF per routine, through the PDF engine's cache."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..content import Library
from ..model import Paper
from ..pdf.cache import AssetHasher, CachedPdf, PdfCache
from ..pdf.fingerprint import code_digest
from .plan import routine_sheet
from .render import render_handout
from .sheet import handout_html


def routine_sheet_name(routine_id: str) -> str:
    """The file name of a routine's sheet (the site links pdf/<this>)."""
    return f"routine-{routine_id}.pdf"


def build_routine_sheets(
    library: Library, templates_dir: Path, cache_dir: Path, paper: Paper | None = None
) -> tuple[dict[str, CachedPdf], int]:
    """Every routine's sheet from the cache, rendering only those whose HTML is new; (files, renders)."""
    cache = PdfCache(cache_dir)
    assets = AssetHasher()
    options = {"kind": "routine-sheet", "code": code_digest(templates_dir)}
    built: dict[str, CachedPdf] = {}
    renders = 0
    for routine_id in library.routines:
        handout = routine_sheet(library, routine_id, paper)
        html = handout_html(library, handout, templates_dir)
        # A routine sheet holds no patient details, so it may be cached like a poster.
        key = assets.html_key((html,), options)
        cached = cache.get(key)
        if cached is None:
            name = routine_sheet_name(routine_id)
            pdf, pages = render_handout(
                partial(handout_html, library, handout, templates_dir),
                name,
                library.root,
                templates_dir,
                key[:32],
            )
            cached = cache.put(key, pdf, 0, pages)
            renders += 1
        built[routine_sheet_name(routine_id)] = cached
    return built, renders
