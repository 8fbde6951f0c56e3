"""A kind of document registered by a test: real WeasyPrint layout, and one document that breaks."""

from __future__ import annotations

import gc
import hashlib

from exercise_guide.pdf.jobs import RenderJob, RenderResult
from exercise_guide.pdf.render import lay_out


def make(job: RenderJob) -> RenderResult:
    """A one-line PDF naming the job; the job called "bad.pdf" fails as a template mistake would."""
    if job.name == "bad.pdf":
        raise ValueError("broken on purpose")
    html = f'<html lang="en"><head><title>{job.name}</title></head><body><p>{job.name}</p></body></html>'
    key = hashlib.sha256(html.encode()).hexdigest()
    document = lay_out(html, job.setup)
    return RenderResult(job.name, key, document.pdf(key[:32]), document.pages, renders=1)


def collector_state(job: RenderJob) -> RenderResult:
    """A PDF that prints the worker's cyclic garbage collector settings: "threshold T frozen F"."""
    state = f"threshold {gc.get_threshold()[0]} frozen {gc.get_freeze_count()}"
    html = (
        f'<html lang="en"><head><title>{job.name}</title></head><body><p>{state}</p></body></html>'
    )
    key = hashlib.sha256(html.encode()).hexdigest()
    document = lay_out(html, job.setup)
    return RenderResult(job.name, key, document.pdf(key[:32]), document.pages, renders=1)
