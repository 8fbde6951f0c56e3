"""Shared helpers for benchmarks: libraries of any size, timing, peak memory."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content"
# The free-exercise-db text (public domain), copied into tests/data; its photos are never used.
FREE_EXERCISE_DB = Path(
    os.environ.get(
        "EXERCISE_GUIDE_FREE_EXERCISE_DB",
        REPO / "tests" / "data" / "free-exercise-db" / "exercises.json",
    )
)


def make_library(n: int, dest: Path) -> Path:
    """A content folder of n exercises: the seed's three, plus variants to reach n."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(SEED, dest, ignore=shutil.ignore_patterns("schema"))
    seed_files = sorted((dest / "exercises").glob("*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in seed_files]
    areas = ["upper-back", "shoulders", "neck", "chest", "lower-back", "hips", "knees", "core"]
    made = len(seed_files)
    i = 0
    while made < n:
        text = texts[i % len(texts)]
        area = areas[i % len(areas)]
        text = re.sub(r"^title: (.*)$", rf"title: \1 variant {i}", text, count=1, flags=re.M)
        text = re.sub(r"^body_areas: \[.*\]$", f"body_areas: [{area}]", text, count=1, flags=re.M)
        text = re.sub(r"^related: \[.*\]$", "related: []", text, count=1, flags=re.M)
        (dest / "exercises" / f"variant-{i:04d}.yml").write_text(text, encoding="utf-8")
        made += 1
        i += 1
    return dest


def dataset_slice(n: int, dest: Path) -> Path:
    """An exercises.json of n free-exercise-db entries spread evenly over the file (n≥all: all)."""
    entries = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))
    if n < len(entries):
        # Evenly spread, so every size has the same mix of categories and body areas.
        entries = [entries[i * len(entries) // n] for i in range(n)]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(entries), encoding="utf-8")
    return dest


def make_imported_library(n: int, dest: Path) -> Path:
    """A content folder: the seed (guide, article, routine, 3 exercises) plus n imported entries."""
    from exercise_guide.importers.runner import import_free_exercise_db

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(SEED, dest)
    dataset = dataset_slice(n, dest.parent / f"{dest.name}-free-exercise-db.json")
    import_free_exercise_db(dataset, dest / "exercises")
    return dest


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """Time a block: `with stopwatch() as elapsed: ...; elapsed()` gives seconds."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())


def report(name: str, value: float, digits: int = 3) -> None:
    """Print one benchmark figure as `name: value`."""
    print(f"{name}: {value:.{digits}f}", flush=True)
