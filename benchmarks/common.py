"""Shared helpers for benchmarks: libraries of any size, timing, peak memory."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content"


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
