"""Everything that must hold before anything is built, beyond what loading already checked."""

from __future__ import annotations

from .content import Library
from .errors import Problem


def library_problems(library: Library) -> list[Problem]:
    """Problems no figure or PDF font could get past: bad poses, characters no font can draw."""
    from .figures import check_library
    from .glyphs import glyph_problems

    return check_library(library) + glyph_problems(library)
