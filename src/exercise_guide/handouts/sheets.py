"""Routine sheets for the site and dist/: one PDF per routine, planned here, built by the print engine."""

from __future__ import annotations

import dataclasses

from ..content import Library
from ..pdf import PdfBuild, Plan
from ..pdf.cache import AssetHasher, CachedPdf
from ..pdf.jobs import RenderJob
from .kinds import ROUTINE_SHEET, SheetPayload
from .plan import routine_sheet
from .sheet import handout_html


def routine_sheet_name(routine_id: str) -> str:
    """The file name of a routine's sheet (the site links pdf/<this>)."""
    return f"routine-{routine_id}.pdf"


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


def build_routine_sheets(build: PdfBuild) -> dict[str, CachedPdf]:
    """Every routine's sheet, from the cache or rendered on the engine's pool; failures become problems."""
    library = build.library
    setup = build.setup()
    assets = AssetHasher()
    options = {"kind": ROUTINE_SHEET.name, "code": setup.code_digest}
    shared = _picklable(library)
    plans: list[Plan] = []
    jobs: dict[str, RenderJob] = {}
    for routine_id in library.routines:
        name = routine_sheet_name(routine_id)
        handout = routine_sheet(library, routine_id, build.options.paper)
        # A routine sheet names no patient, so it may be cached like a poster, under its HTML.
        key = assets.html_key((handout_html(library, handout, build.templates),), options)
        plans.append(Plan(name, library.source("routine", routine_id), key, ()))
        jobs[name] = RenderJob(
            name, setup, kind=ROUTINE_SHEET, payload=SheetPayload(shared, handout, key)
        )
    return dict(sorted(build.run(plans, jobs, label="routine sheets").items()))
