"""Run `mkdocs build` with the PDF phases timed: `python -m benchmarks.timed_build OUT.json ARGS…`.

The real build runs unchanged; the PDF build's poster and booklet steps are only wrapped with a
clock, so one cold build yields the full time and its parts without rendering anything twice.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exercise_guide.pdf.build import PdfBuild

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


def main() -> None:
    """Time the PDF phases of one MkDocs build and write them as JSON to the first argument."""
    out = Path(sys.argv[1])
    PdfBuild.posters = _timed("posters_seconds", PdfBuild.posters)  # type: ignore[method-assign]
    PdfBuild.booklet = _timed("booklet_seconds", PdfBuild.booklet)  # type: ignore[method-assign]
    # Part of booklet_seconds: joining the cached parts into guide.pdf.
    PdfBuild._join = _timed("booklet_join_seconds", PdfBuild._join)  # type: ignore[method-assign]
    from mkdocs.__main__ import cli

    try:
        cli.main(args=sys.argv[2:], prog_name="mkdocs", standalone_mode=False)
    finally:
        # booklet() asks posters() for its pages; those come from memory, so no double count.
        out.write_text(json.dumps(TIMES), encoding="utf-8")


if __name__ == "__main__":
    main()
