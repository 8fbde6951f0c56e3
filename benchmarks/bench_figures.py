"""Figure rendering speed: every step figure of an 873-exercise library."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.common import make_library, report, stopwatch
from exercise_guide.content import Library, load_library
from exercise_guide.figures import pose_book, render_step
from exercise_guide.figures.animate import render_animation

EXERCISES = 873
SEED_IDS = ("upper-back-loosener", "elbow-flapping", "shoulder-rolling")


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
        _drawn_afresh(library)
        report("figures_first_ms", first() * 1000, 1)
        report("figure_bytes_mean", sum(sizes) / len(sizes), 0)
        report("figure_bytes_max", max(sizes), 0)
        _animations(library)


def _drawn_afresh(library: Library) -> None:
    """Pictures drawn from scratch: the seed's steps with no picture kept from a step before.

    A library's steps share pictures (these variants repeat the seed's eight), so
    `figures_per_second` mostly measures taking a kept drawing; this is the drawing itself.
    The key poses' bodies stay built, and with them what each camera made of them (frame.View),
    as in a build, where a pose is drawn in many figures; `figures_drawn_cold_per_cpu_second`
    forgets those views before every figure too, as if each pose were drawn once.
    """
    book = pose_book(library)
    seed = [
        (library.exercises[i], n) for i in SEED_IDS for n in range(len(library.exercises[i].steps))
    ]
    rounds = 20
    cpu = time.process_time()
    with stopwatch() as elapsed:
        for _ in range(rounds):
            for exercise, n in seed:
                book.drawings.clear()
                render_step(library, exercise, n)
    cpu = time.process_time() - cpu
    report("figures_drawn_per_second", rounds * len(seed) / elapsed(), 1)
    # The same per second of this process's own CPU time: on a shared, loaded machine the
    # wall-clock figure mostly measures the other processes.
    report("figures_drawn_per_cpu_second", rounds * len(seed) / cpu, 1)
    cpu = time.process_time()
    for _ in range(rounds):
        for exercise, n in seed:
            book.drawings.clear()
            for body in book._bodies.values():
                body.views.clear()
            render_step(library, exercise, n)
    cpu = time.process_time() - cpu
    report("figures_drawn_cold_per_cpu_second", rounds * len(seed) / cpu, 1)
    report("figures_load_average_1min", os.getloadavg()[0], 2)


def _animations(library: Library) -> None:
    """Each exercise's animation: the seed's three drawn afresh, then the whole library.

    The library's variants move through the seed's poses, so after the first three their frames
    come from the drawings already made (as exercises sharing poses do in a real library).
    """
    seed = [library.exercises[i] for i in SEED_IDS]
    with stopwatch() as fresh:
        for exercise in seed:
            render_animation(library, exercise)
    sizes = []
    with stopwatch() as elapsed:
        for exercise in library.exercises.values():
            animation = render_animation(library, exercise)
            if animation is not None:
                sizes.append(len(animation.svg.encode("utf-8")))
    report("animation_seed_ms_each", fresh() * 1000 / len(seed), 1)
    report("animations", len(sizes), 0)
    report("animations_seconds", elapsed())
    report("animation_bytes_max", max(sizes), 0)


if __name__ == "__main__":
    main()
