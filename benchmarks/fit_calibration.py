"""Calibration set for pdf/fit.py: every poster of the seed plus N imported entries, laid out at each
fit level: its natural height on an unbroken page at every level, and the level a search from the
loosest ends at (the first that fits on one A4 page).

`python -m benchmarks.fit_calibration [N]` writes benchmarks/out/fit_calibration.json: for each
exercise, the level the search ends at (null: none fits) and its content's height in mm at each
level. Slow (about five layouts per poster, on every core); run it
when the print layout changes, then refit pdf/fit.py's coefficients from the file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, make_imported_library

OUT = REPO / "benchmarks" / "out" / "fit_calibration.json"
_STATE: dict[str, Any] = {}
PX_PER_MM = 96 / 25.4
# A4 less the 10 mm margins.
A4_CONTENT_MM = 277.0
STRIDE = 7


def _init(root: str) -> None:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from exercise_guide.content import load_library
    from exercise_guide.pdf import PrintOptions
    from exercise_guide.pdf.documents import PosterMaker
    from exercise_guide.template_folders import PACKAGED, Templates

    library = load_library(Path(root))
    options = PrintOptions(paper=library.guide.paper)
    templates = Templates((PACKAGED,))
    fonts = FontConfiguration()
    first = next(iter(library.exercises.values()))
    css = PosterMaker(library, first, options, templates).styles()
    base = Path(root).resolve().as_uri() + "/"
    _STATE.update(
        library=library,
        options=options,
        templates=templates,
        fonts=fonts,
        css=CSS(string=css, base_url=base, font_config=fonts),
        # A page as tall as any poster: the content's natural height, unbroken, at every level.
        tall=CSS(string="@page { size: 210mm 2000mm; }", font_config=fonts),
        base=base,
    )


def content_height_mm(document: Any) -> float:
    """How tall the laid-out content of a one-page document is (mm)."""
    return float(document.pages[0]._page_box.children[0].margin_height() / PX_PER_MM)


def _measure(exercise_id: str) -> dict[str, Any]:
    from weasyprint import HTML

    from exercise_guide.pdf.documents import FIT_LEVELS, PosterMaker

    library = _STATE["library"]
    maker = PosterMaker(
        library, library.exercises[exercise_id], _STATE["options"], _STATE["templates"]
    )
    heights: list[float] = []
    searched = None
    for fit in range(FIT_LEVELS):
        html = maker.poster(fit)
        styles = [_STATE["css"], _STATE["tall"]]
        document = HTML(string=html, base_url=_STATE["base"]).render(
            font_config=_STATE["fonts"], stylesheets=styles
        )
        heights.append(content_height_mm(document))
        if searched is None and heights[-1] <= A4_CONTENT_MM - 3:
            searched = fit  # well under the page: it fits
        elif searched is None and heights[-1] <= A4_CONTENT_MM + 2:
            # Close to the page's height: whether it fits is settled by a real A4 layout.
            document = HTML(string=html, base_url=_STATE["base"]).render(
                font_config=_STATE["fonts"], stylesheets=[_STATE["css"]]
            )
            if len(document.pages) == 1:
                searched = fit
    return {"id": exercise_id, "searched": searched, "heights_mm": heights}


def _save(n: int, rows: list[dict[str, Any]]) -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"entries": n, "posters": rows}, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    """Lay out every poster at every level and write the outcomes as JSON (`--fit`: refit instead)."""
    if sys.argv[1:2] == ["--fit"]:
        fit()
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 873
    from exercise_guide.content import load_library

    with tempfile.TemporaryDirectory(prefix="fit-calibration-") as tmp:
        root = make_imported_library(n, Path(tmp) / "content")
        ids = list(load_library(root).exercises)
        # Strided, and saved as rows come in: a partial file is already an even sample.
        ids = [ids[i] for step in range(STRIDE) for i in range(step, len(ids), STRIDE)]
        rows: list[dict[str, Any]] = []
        with Pool(len(os.sched_getaffinity(0)), _init, (str(root),)) as pool:
            for row in pool.imap(_measure, ids, chunksize=2):
                rows.append(row)
                if len(rows) % 20 == 0 or len(rows) == len(ids):
                    _save(n, rows)
    print(f"wrote {OUT.relative_to(REPO)}: {len(rows)} posters", flush=True)


def _line(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares y = a x + b."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    a = sxy / sxx
    return a, my - a * mx


def _simulate(
    rows: list[dict[str, Any]], estimates: dict[str, list[float]]
) -> tuple[int, int, int]:
    """Replay pdf/fit.py on the recorded layouts: (right first time, layouts, levels differing)."""
    from exercise_guide.pdf import fit as model

    right = layouts = wrong = 0
    for row in rows:
        searched = row["searched"]
        heights = row["heights_mm"]
        corrected = [
            model.SCALE[f] * e + model.OFFSET[f] for f, e in enumerate(estimates[row["id"]])
        ]
        start = next(
            (f for f in range(3) if corrected[f] <= model.PAGE_HEIGHT_MM - model.MARGIN_MM[f]), 3
        )
        tried: list[int] = []

        def fits(
            fit: int, searched: Any = searched, tried: list[int] = tried
        ) -> tuple[bool, float]:
            tried.append(fit)
            return searched is not None and fit >= searched, heights[fit]  # noqa: B023

        found = model.settle_fit(start, fits, lambda f, c=corrected: c[f])
        right += start == (3 if searched is None else searched)
        layouts += len(tried)
        wrong += found != searched
    return right, layouts, wrong


def fit() -> None:
    """Refit pdf/fit.py's corrections from the calibration file and print how often it is right."""
    from exercise_guide.content import load_library
    from exercise_guide.pdf import fit as model

    data = json.loads(OUT.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="fit-calibration-") as tmp:
        library = load_library(make_imported_library(data["entries"], Path(tmp) / "content"))
    guide = library.guide
    rows = data["posters"]
    estimates = {}
    for row in rows:
        exercise = library.exercises[row["id"]]
        words = model.poster_words(exercise, guide)
        estimates[row["id"]] = [model.sheet_height(words, exercise, f) for f in range(4)]
    for level in range(4):
        xs = [estimates[r["id"]][level] for r in rows]
        ys = [r["heights_mm"][level] for r in rows]
        a, b = _line(xs, ys)
        errors = sorted(a * x + b - y for x, y in zip(xs, ys, strict=True))
        print(
            f"level {level}: SCALE {a:.4f} OFFSET {b:.2f}; error (mm) min {errors[0]:.2f}, "
            f"5% {errors[len(errors) // 20]:.2f}, 95% {errors[-len(errors) // 20]:.2f}, "
            f"max {errors[-1]:.2f}"
        )
    # How far off the looser level's height is, estimated from a layout's measured height.
    misses = []
    for row in rows:
        e, h = estimates[row["id"]], row["heights_mm"]
        for f in range(1, 4):
            corrected = [model.SCALE[g] * e[g] + model.OFFSET[g] for g in (f - 1, f)]
            misses.append(h[f] + corrected[0] - corrected[1] - h[f - 1])
    misses.sort()
    print(f"looser-level estimate error (mm): min {misses[0]:.2f}, max {misses[-1]:.2f}")
    right, layouts, wrong = _simulate(rows, estimates)
    print(
        f"current coefficients: right first time {right}/{len(rows)} "
        f"({right / len(rows):.3f}), layouts per poster {layouts / len(rows):.3f}, "
        f"level differing from the search {wrong}"
    )


if __name__ == "__main__":
    main()
