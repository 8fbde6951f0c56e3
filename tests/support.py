"""Paths and helpers shared by tests (import as `from tests.support import ...`)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from exercise_guide.template_folders import PACKAGED, Templates

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
# The templates shipped in the package, and the search order of a guide without its own.
TEMPLATES = PACKAGED
SHIPPED = Templates((PACKAGED,))
CLI = Path(sys.executable).parent / "exercise-guide"
# Copies kept in the repository so that it stands on its own: the seed article the content follows,
# and the public-domain free-exercise-db text (never its images).
DATA = REPO / "tests" / "data"
SEED_ARTICLE = DATA / "seed" / "upper-back-exercises.txt"
FREE_EXERCISE_DB = DATA / "free-exercise-db" / "exercises.json"


def without_seed_placeholders(stderr: str) -> str:
    """`check`'s stderr less its warnings about the seed guide's placeholder addresses.

    The shipped guide has no real address yet, so `check` rightly names its base_url every time.
    """
    return "".join(
        line
        for line in stderr.splitlines(keepends=True)
        if not re.match(r"warning: .*guide\.yml:\d+: (base_url|repo_url): .* placeholder", line)
    )


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of the given size (e.g. "64k") mounted at folder, so writes can fill it."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
