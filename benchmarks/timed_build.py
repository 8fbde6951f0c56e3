"""Run `mkdocs build` with the PDF phases timed: `python -m benchmarks.timed_build OUT.json ARGS…`.

The real build runs unchanged; the PDF build's poster and booklet steps are only wrapped with a
clock, so one cold build yields the full time and its parts without rendering anything twice.
They are wrapped when the build itself imports the PDF build: a build with nothing changed never
does, and importing it here would time modules that build does not load.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exercise_guide.pdf.build import PdfBuild

PDF_BUILD = "exercise_guide.pdf.build"

TIMES: dict[str, float] = {
    "posters_seconds": 0.0,
    "booklet_seconds": 0.0,
    "booklet_join_seconds": 0.0,
    "rendered": 0.0,
    "renders": 0.0,
}


def _timed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: PdfBuild, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            TIMES[name] += time.perf_counter() - start
            TIMES["rendered"] = float(self.report.rendered)
            TIMES["renders"] = float(self.report.renders)

    return wrapper


def _clock(build: type[PdfBuild]) -> None:
    """Wrap the PDF build's phases with the clock."""
    build.posters = _timed("posters_seconds", build.posters)  # type: ignore[method-assign]
    build.booklet = _timed("booklet_seconds", build.booklet)  # type: ignore[method-assign]
    # Part of booklet_seconds: joining the cached parts into guide.pdf.
    build._join = _timed("booklet_join_seconds", build._join)  # type: ignore[method-assign]


class _ClockOnImport(importlib.abc.MetaPathFinder):
    """Finds the PDF build as Python would, and clocks it as soon as it has been executed."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != PDF_BUILD:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        loader = spec.loader if spec is not None else None
        if spec is None or not isinstance(loader, importlib.abc.Loader):
            return spec
        execute = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            _clock(module.PdfBuild)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def main() -> None:
    """Time the PDF phases of one MkDocs build and write them as JSON to the first argument."""
    out = Path(sys.argv[1])
    if PDF_BUILD in sys.modules:
        _clock(sys.modules[PDF_BUILD].PdfBuild)
    else:
        sys.meta_path.insert(0, _ClockOnImport())
    from mkdocs.__main__ import cli

    try:
        cli.main(args=sys.argv[2:], prog_name="mkdocs", standalone_mode=False)
    finally:
        # booklet() asks posters() for its pages; those come from memory, so no double count.
        out.write_text(json.dumps(TIMES), encoding="utf-8")


if __name__ == "__main__":
    main()
