"""PDF engine (placeholder until the posters issue lands)."""

from __future__ import annotations

from pathlib import Path

from .content import Library


def build_for_site(library: Library, project_dir: Path) -> dict[str, Path]:
    """Build every PDF the site links (through the cache); site path (pdf/x.pdf) → file."""
    return {}
