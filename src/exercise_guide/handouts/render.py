"""Render a handout's HTML to PDF bytes with the PDF engine's fetcher and options, never cached."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import BuildError
from ..pdf.confine import allowed_roots


def handout_pdf(html: str, name: str, content_dir: Path, templates_dir: Path) -> bytes:
    """PDF/UA-1 bytes of a handout, loading files only from content/, templates/ and the font."""
    # Derived from the HTML, so the same handout always gives the same bytes.
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32]
    return handout_document(html, name, content_dir, templates_dir, identifier)[0]


def handout_document(
    html: str, name: str, content_dir: Path, templates_dir: Path, identifier: str
) -> tuple[bytes, int]:
    """PDF/UA-1 bytes of a handout and its page count."""
    # WeasyPrint is imported here, not at module level, like the engine's render workers.
    from weasyprint import HTML

    from ..pdf.fetcher import ConfinedFetcher, RefusedURL
    from ..pdf.render import PDF_OPTIONS

    fetcher = ConfinedFetcher(allowed_roots(content_dir, templates_dir))
    try:
        document = HTML(
            string=html, base_url=content_dir.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render()
    except RefusedURL as exc:
        raise BuildError(f"{name}: {exc.reason}") from None
    pdf: bytes = document.write_pdf(pdf_identifier=identifier.encode(), **PDF_OPTIONS)
    return pdf, len(document.pages)
