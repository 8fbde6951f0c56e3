"""Routine sheets for the site and dist/: one PDF per routine, planned here, built by the print engine."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

from ..content import Library
from ..pdf import PdfBuild, Plan
from ..pdf.cache import AssetHasher
from ..pdf.jobs import RenderJob
from ..pdf.run import Batch
from .kinds import ROUTINE_SHEET, SheetPayload
from .names import routine_sheet_name
from .plan import Handout, routine_sheet
from .sheet import handout_html


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


def routine_sheet_batch(build: PdfBuild) -> Batch:
    """Every routine's sheet planned, its render job made when the pool asks for it: given to
    `PdfBuild.build` (`beside`), the sheets render on the posters' pool, or on their own when
    there are no posters to build; failures become problems."""
    library = build.library
    setup = build.setup()
    assets = AssetHasher()
    options = {"kind": ROUTINE_SHEET.name, "code": setup.code_digest}
    shared = _picklable(library)
    handouts = {
        routine_sheet_name(routine_id): routine_sheet(library, routine_id, build.options.paper)
        for routine_id in library.routines
    }

    def job(name: str) -> RenderJob:
        handout = handouts[name]
        # A routine sheet names no patient, so it may be cached like a poster, under its HTML.
        key = assets.html_key((handout_html(library, handout, build.templates),), options)
        return RenderJob(
            name, setup, kind=ROUTINE_SHEET, payload=SheetPayload(shared, handout, key)
        )

    plans = [
        Plan(
            name,
            library.source("routine", handout.routine_id or ""),
            _source_key(build, handout, options),
            (),
        )
        for name, handout in handouts.items()
    ]
    return Batch(plans, _Jobs(job), "routine sheets")


def _source_key(build: PdfBuild, handout: Handout, options: dict[str, str]) -> str:
    # Everything the sheet's HTML is made from, so an unchanged sheet is found without laying it
    # out: the handout whole (its repr holds every field, the exercises' and doses' included,
    # so a field added later is covered), the print options, and each exercise's pictures'
    # files; the guide, poses, code and templates are in the fingerprint's base.
    data = json.dumps([repr(handout), build.options.as_dict(), options], sort_keys=True)
    return build.fingerprint.sheet(options, data, (e.exercise for e in handout.entries))


class _Jobs(dict[str, RenderJob]):
    """Render jobs made when the pool first asks for one: laying a sheet out to make its HTML
    (and its cache key) was most of a no-change build's PDF time, and a cached sheet needs none."""

    def __init__(self, make: Callable[[str], RenderJob]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, name: str) -> RenderJob:
        job = self[name] = self._make(name)
        return job
