"""Everything that must hold before anything is built, beyond what loading already checked."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from .content import Library
from .digest import code_digest
from .errors import BuildError, Problem
from .writing import write_atomic

# Bump when what the figure check reads of a library changes meaning.
FIGURE_CHECK_FORMAT = "exercise-guide-figure-check-1"
# Beside the content memo: the key of the last library the figure check found nothing in.
CHECKED_FILE = "figures-checked"
_PACKAGE = Path(__file__).resolve().parent
_DISTS = ("pydantic", "pydantic-core", "pyyaml")


def library_problems(library: Library, memo_dir: Path | None = None) -> list[Problem]:
    """Problems no figure or PDF font could get past: bad poses, characters no font can draw.
    With `memo_dir`, a library the figure check passed before, by the same code, is not checked
    again (building the pose book for it was a twentieth of a build with nothing changed)."""
    from .glyphs import glyph_problems

    # The fonts are the system's: checked every time (glyphs caches what it reads of them).
    return _figure_problems(library, memo_dir) + glyph_problems(library)


def _figure_problems(library: Library, memo_dir: Path | None) -> list[Problem]:
    if memo_dir is None:
        from .figures import check_library

        return check_library(library)
    key = figure_check_key(library)
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if (memo_dir / CHECKED_FILE).read_text(encoding="utf-8") == key:
            return []
    from .figures import check_library

    problems = check_library(library)
    if not problems:
        # A memo that cannot be saved only means checking again next time.
        with contextlib.suppress(BuildError):
            write_atomic(memo_dir / CHECKED_FILE, key.encode())
    return problems


def figure_check_key(library: Library) -> str:
    """A hash of all the figure check reads: the code (with the shipped poses) and every model."""
    digest = hashlib.sha256(code_digest(FIGURE_CHECK_FORMAT, _PACKAGE, _DISTS).encode())
    for kind, items in (
        ("pose", library.poses),
        ("exercise", library.exercises),
    ):
        for item_id, item in items.items():
            digest.update(f"\0{kind}\0{item_id}\0{item.model_dump_json()}".encode())
    return digest.hexdigest()
