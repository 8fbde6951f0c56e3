"""One side of bench_poster_growth: `python PATH/poster_growth_side.py N OUT.json`, run with the
working directory and PYTHONPATH set to a checkout (its src/ first), renders that checkout's A4
posters of its seed plus N imported entries with that checkout's own code, and writes the times.

Written for two versions of the code (today's and the commit before the step-figure work), so it
uses only what both have: benchmarks.common.make_imported_library, PdfBuild(...).posters(), and
pdf.render.render(job), the function a render worker runs for each poster. The pool is replaced
by a loop in this process that times each render(job): the CPU and wall time of one worker's
poster. One poster is rendered first, untimed, into another cache (a worker that has started:
fonts, styles and the key poses loaded), and the pictures it drew are forgotten.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import inspect
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


def _forget_drawings() -> None:
    """Drop the step pictures the warm-up drew (kept per pose book in versions that keep any)."""
    from exercise_guide import figures

    for _library, book in getattr(figures, "_BOOKS", {}).values():
        drawings = getattr(book, "drawings", None)
        if drawings is not None:
            drawings.clear()


def main() -> None:
    """Render the posters with the code on the path; write each one's CPU and wall seconds."""
    # This file's folder is the other checkout's benchmarks/: the code measured is the one on
    # PYTHONPATH, never this folder's.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    root = Path.cwd().resolve()
    count, out = int(sys.argv[1]), Path(sys.argv[2])

    import exercise_guide

    if not Path(exercise_guide.__file__).resolve().is_relative_to(root):
        raise SystemExit(f"exercise_guide imported from {exercise_guide.__file__}, not {root}")
    from benchmarks.common import make_imported_library
    from exercise_guide.content import load_library
    from exercise_guide.pdf import PrintOptions
    from exercise_guide.pdf import build as build_module
    from exercise_guide.pdf.render import render

    timings: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="poster-growth-") as tmp:
        library = load_library(make_imported_library(count, Path(tmp) / "content"))
        where: dict[str, Any]
        if "templates" in inspect.signature(build_module.PdfBuild).parameters:
            from exercise_guide.template_folders import PACKAGED, Templates

            where = {"templates": Templates((PACKAGED,))}
        else:
            where = {"templates_dir": root / "templates"}

        def in_process(jobs: Iterable[Any], workers: int) -> Iterator[Any]:
            todo = list(jobs)
            first = todo[0]
            warm = dataclasses.replace(
                first, setup=dataclasses.replace(first.setup, cache_dir=str(Path(tmp) / "warm"))
            )
            render(warm)
            _forget_drawings()
            for job in todo:
                cpu, wall = time.process_time(), time.perf_counter()
                result = render(job)
                timings.append(
                    {
                        "name": job.name,
                        "cpu": time.process_time() - cpu,
                        "wall": time.perf_counter() - wall,
                        "renders": getattr(result, "renders", 0),
                        "fit": result.fit,
                        "ok": result.pdf is not None,
                    }
                )
                yield result

        # The pool is called from the build module in the baseline, from pdf/run.py since the
        # build was split (a2208d1): stand in wherever it is called.
        callers: list[Any] = [build_module]
        if importlib.util.find_spec("exercise_guide.pdf.run") is not None:
            callers.append(importlib.import_module("exercise_guide.pdf.run"))
        for module in callers:
            if hasattr(module, "run_jobs"):
                module.run_jobs = in_process
        build = build_module.PdfBuild(
            library,
            cache_dir=Path(tmp) / "cache",
            options=PrintOptions(paper="A4"),
            jobs=1,
            show_progress=False,
            **where,
        )
        build.posters()
    if not timings:
        raise SystemExit(f"{root}: no poster was timed (the pool ran instead of the stand-in)")
    out.write_text(
        json.dumps({"root": str(root), "load": os.getloadavg()[0], "posters": timings}),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
