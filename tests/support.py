"""Paths and helpers shared by tests (import as `from tests.support import ...`)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
CLI = Path(sys.executable).parent / "exercise-guide"
SHARED = next(
    (p for p in (REPO.parent / "shared", Path("/work/shared")) if (p / "seed").is_dir()),
    REPO.parent / "shared",
)
SEED_ARTICLE = SHARED / "seed" / "upper-back-exercises.txt"
FREE_EXERCISE_DB = SHARED / "datasets" / "free-exercise-db" / "exercises.json"
