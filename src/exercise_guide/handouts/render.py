"""Render a handout to PDF with the PDF engine's fetcher and options, at most two exercises a page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import BuildError
from ..pdf.confine import allowed_roots
from ..template_folders import Templates

# HTML of a handout given the exercises (ids) that must start a new page.
MakeHtml = Callable[[frozenset[str]], str]
EXERCISE_ANCHOR = "ex-"
PER_PAGE = 2


def crowded(document: Any) -> frozenset[str]:
    """The third exercise of every page that holds more than two (WeasyPrint page anchors)."""
    found = set()
    for page in document.pages:
        starts = sorted(
            (point[1], anchor)
            for anchor, point in page.anchors.items()
            if anchor.startswith(EXERCISE_ANCHOR)
        )
        if len(starts) > PER_PAGE:
            found.add(starts[PER_PAGE][1].removeprefix(EXERCISE_ANCHOR))
    return frozenset(found)


def render_handout(
    make_html: MakeHtml, name: str, content_dir: Path, templates: Templates, identifier: str
) -> tuple[bytes, int]:
    """PDF/UA-1 bytes of a handout and its page count, loading only confined files."""
    # WeasyPrint is imported here, not at module level, like the engine's render workers.
    from weasyprint import HTML

    from ..pdf.fetcher import ConfinedFetcher, RefusedURL
    from ..pdf.render import PDF_OPTIONS

    fetcher = ConfinedFetcher(allowed_roots(content_dir, templates))
    base_url = content_dir.resolve().as_uri() + "/"
    page_starts: frozenset[str] = frozenset()
    try:
        while True:
            document = HTML(
                string=make_html(page_starts), base_url=base_url, url_fetcher=fetcher
            ).render()
            # Exercises flow freely (short ones share a page) until a page would hold three;
            # then the third starts a new page and the layout is done again.
            more = crowded(document) - page_starts
            if not more:
                break
            page_starts |= more
    except RefusedURL as exc:
        raise BuildError(f"{name}: {exc.reason}") from None
    pdf: bytes = document.write_pdf(pdf_identifier=identifier.encode(), **PDF_OPTIONS)
    return pdf, len(document.pages)
