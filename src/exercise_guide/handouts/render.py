"""Render a handout's HTML to PDF bytes with the PDF engine, in this process and never cached."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import BuildError
from ..pdf.confine import allowed_roots
from ..pdf.documents import file_url


def handout_pdf(html: str, name: str, content_dir: Path, templates_dir: Path) -> bytes:
    """PDF/UA-1 bytes of a handout; the same HTML always gives the same bytes."""
    from ..pdf.jobs import RenderJob
    from ..pdf.render import render

    job = RenderJob(
        name=name,
        variants=(html,),
        base_url=file_url(templates_dir / "print") + "/",
        roots=allowed_roots(content_dir, templates_dir),
        identifier=hashlib.sha256(html.encode()).hexdigest()[:32],
        one_page=False,
    )
    result = render(job)
    if result.pdf is None:
        raise BuildError(f"{name}: {result.error or 'could not be rendered'}")
    return result.pdf
