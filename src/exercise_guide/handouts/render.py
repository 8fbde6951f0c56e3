"""Makers of the handouts' kinds of document, run by the print engine: at most two exercises a page.

Imported only where documents are rendered (a render worker, or the CLI for a private handout):
they lay out through `pdf.render`, the module that imports WeasyPrint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..pdf.jobs import RenderJob, RenderResult
from ..pdf.render import LaidOut, lay_out
from ..template_folders import Templates
from .kinds import SheetPayload
from .sheet import handout_html

EXERCISE_ANCHOR = "ex-"
PER_PAGE = 2


def crowded(pages: list[dict[str, tuple[float, float]]]) -> frozenset[str]:
    """The third exercise of every page that holds more than two (pages' anchors)."""
    found = set()
    for anchors in pages:
        starts = sorted(
            (point[1], anchor)
            for anchor, point in anchors.items()
            if anchor.startswith(EXERCISE_ANCHOR)
        )
        if len(starts) > PER_PAGE:
            found.add(starts[PER_PAGE][1].removeprefix(EXERCISE_ANCHOR))
    return frozenset(found)


def _paginated(make_html: Callable[[frozenset[str]], str], job: RenderJob) -> LaidOut:
    """Exercises flow freely (short ones share a page) until a page would hold three; then the
    third starts a new page and the layout is done again."""
    page_starts: frozenset[str] = frozenset()
    while True:
        document = lay_out(make_html(page_starts), job.setup)
        more = crowded(document.anchors()) - page_starts
        if not more:
            return document
        page_starts |= more


def _html_maker(payload: SheetPayload, templates: Templates) -> Callable[[frozenset[str]], str]:
    return lambda starts: handout_html(payload.library, payload.handout, templates, starts)


def make_routine_sheet(job: RenderJob) -> RenderResult:
    """A routine sheet (names nobody, so the engine caches it under its HTML's key)."""
    payload: SheetPayload = job.payload
    document = _paginated(_html_maker(payload, job.setup.templates), job)
    pdf = document.pdf(payload.cache_key[:32])
    return RenderResult(job.name, payload.cache_key, pdf, document.pages, renders=1)


def make_handout(job: RenderJob) -> RenderResult:
    """A personalised handout: made in the process that asked for it, never cached."""
    payload: SheetPayload = job.payload
    make_html = _html_maker(payload, job.setup.templates)
    # Derived from the HTML, so the same prescription always gives the same bytes.
    identifier = hashlib.sha256(make_html(frozenset()).encode()).hexdigest()
    document = _paginated(make_html, job)
    return RenderResult(job.name, "", document.pdf(identifier[:32]), document.pages)
