"""Makers of the handouts' kinds of document, run by the print engine.

Imported only where documents are rendered (a render worker, or the CLI for a private handout):
they lay out through `pdf.render`, the module that imports WeasyPrint. Pages fill in one layout:
the templates keep each step whole, and an exercise's title with its first row of steps and its
safety box with its last.
"""

from __future__ import annotations

import hashlib

from ..pdf.jobs import RenderJob, RenderResult
from ..pdf.render import lay_out
from .kinds import SheetPayload
from .sheet import handout_html


def make_routine_sheet(job: RenderJob) -> RenderResult:
    """A routine sheet (names nobody, so the engine caches it under its HTML's key)."""
    payload: SheetPayload = job.payload
    html = handout_html(payload.library, payload.handout, job.setup.templates)
    document = lay_out(html, job.setup)
    pdf = document.pdf(payload.cache_key[:32])
    return RenderResult(job.name, payload.cache_key, pdf, document.pages, renders=1)


def make_handout(job: RenderJob) -> RenderResult:
    """A personalised handout: made in the process that asked for it, never cached."""
    payload: SheetPayload = job.payload
    html = handout_html(payload.library, payload.handout, job.setup.templates)
    # Derived from the HTML, so the same prescription always gives the same bytes.
    identifier = hashlib.sha256(html.encode()).hexdigest()
    document = lay_out(html, job.setup)
    return RenderResult(job.name, "", document.pdf(identifier[:32]), document.pages)
