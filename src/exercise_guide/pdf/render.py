"""Worker side: turn a RenderJob's HTML into PDF bytes with WeasyPrint (imported here, not in the parent)."""

from __future__ import annotations

import logging

from weasyprint import HTML

from .fetcher import ConfinedFetcher, RefusedURL
from .jobs import RenderJob, RenderResult

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "uncompressed_pdf": False}


class _Collect(logging.Handler):
    """Keeps WeasyPrint's errors (e.g. an image with no alt text) so the build can report them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render(job: RenderJob) -> RenderResult:
    """Render a job, trying tighter fit levels until it is one page (when it must be)."""
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        return _render(job, collect)
    except RefusedURL as exc:
        return RenderResult(job.name, None, 0, 0, refused_url=exc.url, error=exc.reason)
    finally:
        logger.removeHandler(collect)


def _render(job: RenderJob, collect: _Collect) -> RenderResult:
    fetcher = ConfinedFetcher(job.roots)
    pages = 0
    for level, html in enumerate(job.variants):
        document = HTML(string=html, base_url=job.base_url, url_fetcher=fetcher).render()
        pages = len(document.pages)
        if pages == 1 or not job.one_page:
            # The identifier is derived from the cache key, so equal input gives equal bytes.
            pdf = document.write_pdf(pdf_identifier=job.identifier.encode(), **PDF_OPTIONS)
            return RenderResult(
                job.name, pdf, pages, level, renders=level + 1, warnings=tuple(collect.messages)
            )
    return RenderResult(
        job.name,
        None,
        pages,
        len(job.variants) - 1,
        error=f"{pages} pages at the tightest layout",
        renders=len(job.variants),
    )
