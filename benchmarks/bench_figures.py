"""Figure rendering speed: every step figure of an 873-exercise library."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import make_library, report, stopwatch
from exercise_guide.content import load_library
from exercise_guide.figures import render_step

EXERCISES = 873


def main() -> None:
    """Render every step's figure of a large library; print figures per second and sizes."""
    with tempfile.TemporaryDirectory() as tmp:
        library = load_library(make_library(EXERCISES, Path(tmp) / "content"))
        steps = [(ex, i) for ex in library.exercises.values() for i in range(len(ex.steps))]
        # The first figure builds the pose book (IK for the key poses); time it on its own.
        with stopwatch() as first:
            render_step(library, *steps[0])
        sizes = []
        with stopwatch() as elapsed:
            for ex, i in steps:
                svg = render_step(library, ex, i).svg or ""
                sizes.append(len(svg.encode("utf-8")))
        report("figures", len(steps), 0)
        report("figures_seconds", elapsed())
        report("figures_per_second", len(steps) / elapsed(), 1)
        report("figures_first_ms", first() * 1000, 1)
        report("figure_bytes_mean", sum(sizes) / len(sizes), 0)
        report("figure_bytes_max", max(sizes), 0)


if __name__ == "__main__":
    main()
