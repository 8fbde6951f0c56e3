"""Scale: import, website, posters, booklet, full and incremental builds at 100, 400 and 873 entries.

Each size is a private copy of the project whose content is the seed plus that many entries of the
free-exercise-db file (tests/data), imported for real. Figures print as `name_<size>: value`; the results
go to benchmarks/out/scale.json (merged, so a run of one size keeps the others) and the chart to
benchmarks/out/scale.png (gitignored: a benchmark run never changes a tracked file);
`python -m benchmarks scale --refresh-docs` also copies the chart to docs/benchmarks/scale.png,
the README's figure. EXERCISE_GUIDE_SCALE_SIZES="100,400" runs only those sizes;
EXERCISE_GUIDE_SCALE_SITE_ONLY=1 stops each size after the website figures (no PDFs) and
keeps the PDF figures of the last full run; EXERCISE_GUIDE_SCALE_SIZES="" only redraws the chart.
After the cold full build, the whole library's booklet is read back (benchmarks/booklet_readback.py:
`booklet_readback_<size>: ok`, or the failures and a non-zero exit). Ratios of the same run:
`nochange_build_fraction_<size>` (a build with nothing changed over the cold full build),
`one_change_fraction_of_full_<size>`, `whole_library_vs_plain_posters_<size>` (the cold full
build over plain sequential WeasyPrint on the same posters' final HTML, timed on 100 of them and
scaled: benchmarks/plain_posters.py), `whole_library_cpu_vs_plain_posters_cpu_<size>` (the same in
CPU seconds of the whole process tree, which does not follow the machine's load),
`full_build_cores_used_<size>` (CPU seconds over wall seconds) and `renders_per_document_<size>`
(WeasyPrint layouts per document of the cold build).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .booklet_readback import readback
from .common import REPO, dataset_slice, report, stopwatch
from .proctree import Run, run_measured
from .scale_plot import plot_scale

SIZES = (100, 400, 873)
OUT = REPO / "benchmarks" / "out"
OUT_JSON = OUT / "scale.json"
# The README's copy of the chart: tracked, so only refreshed when asked.
DOCS_PLOT = REPO / "docs" / "benchmarks" / "scale.png"
REFRESH_DOCS_FLAG = "--refresh-docs"
# What a project needs besides content/ to build the site and the PDFs.
PROJECT_FILES = ("mkdocs.yml", "docs_src")
# Every poster of the largest library on 2 busy cores takes many minutes; past this, give up.
TIMEOUT = int(os.environ.get("EXERCISE_GUIDE_BENCH_TIMEOUT", "5400"))
COUNTS = ("entries", "exercises", "pages", "posters", "one_change_pdfs_rendered", "booklet_pages")
BIN = Path(sys.executable).parent
# Posters plain WeasyPrint renders for the baseline (scaled to the whole library).
PLAIN_SAMPLE = int(os.environ.get("EXERCISE_GUIDE_PLAIN_SAMPLE", "100"))


def snapshot(dest: Path) -> Path:
    """The committed code (templates inside it) and config (git HEAD), so edits in progress never leak in."""
    dest.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "HEAD", "src", "content", *PROJECT_FILES],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def make_project(code: Path, root: Path) -> Path:
    """A private copy of the project (config, seed content) to build in."""
    root.mkdir(parents=True)
    for name in (*PROJECT_FILES, "content"):
        source = code / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    return root


def _without_pdfs(project: Path) -> Path:
    # The plugin's `pdfs: false` gives the website alone, for the per-page figures.
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "      content_dir: content\n"
    if marker not in text:
        raise SystemExit("mkdocs.yml: cannot find the exercise-guide plugin's content_dir line")
    config = project / "mkdocs-site-only.yml"
    config.write_text(text.replace(marker, marker + "      pdfs: false\n"), encoding="utf-8")
    return config


class Builder:
    """Runs `mkdocs build --strict` in one project, timing the PDF phases of each build."""

    def __init__(self, code: Path, project: Path, logs: Path) -> None:
        self.project = project
        self.logs = logs
        # The snapshot's package comes first on the path, ahead of the editable install.
        self.env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": os.pathsep.join([str(code / "src"), str(REPO)]),
        }

    def build(self, name: str, *extra: str, cold: bool = False) -> tuple[Run, dict[str, float]]:
        """One real build (cold: with the PDF, figure and page caches emptied first); returns its
        run and the seconds spent on posters and the booklet."""
        if cold:
            shutil.rmtree(self.project / ".cache", ignore_errors=True)
        phases = self.logs / f"{name}.json"
        args = [sys.executable, "-m", "benchmarks.timed_build", str(phases)]
        args += ["build", "--strict", "--quiet", *extra]
        run = run_measured(args, self.project, self.logs / f"{name}.log", self.env, TIMEOUT)
        return run, json.loads(phases.read_text(encoding="utf-8"))


def _site_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def _site_mb(site: Path) -> float:
    files = [p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != "pdf"]
    return sum(p.stat().st_size for p in files) / 1_000_000


def measure(code: Path, n: int, root: Path, save: Callable[[dict[str, float]], None]) -> None:
    """Every figure for a library of the seed plus n upstream entries, saved after each phase."""
    from exercise_guide.content import load_library
    from exercise_guide.importers.runner import import_free_exercise_db

    # Saved as they come, so a run stopped by a timeout still leaves what it measured.
    figures: dict[str, float] = {"entries": n}
    project = make_project(code, root / "project")
    logs = root / "logs"
    logs.mkdir()
    dataset = dataset_slice(n, root / "free-exercise-db.json")
    with stopwatch() as elapsed:
        imported = import_free_exercise_db(dataset, project / "content" / "exercises")
    figures["import_seconds"] = elapsed()
    library = load_library(project / "content")
    figures["exercises"] = len(library.exercises)
    builder = Builder(code, project, logs)
    save(figures)

    # Best of two cold builds: the website figures are small and easily disturbed by other work.
    site_only = min(
        (
            builder.build(
                f"site-only-{i}",
                "-f",
                str(_without_pdfs(project)),
                "--site-dir",
                str(root / "site-only"),
                cold=True,
            )[0]
            for i in (1, 2)
        ),
        key=lambda run: run.seconds,
    )
    pages = len(_site_pages(root / "site-only"))
    figures["pages"] = pages
    figures["site_seconds_per_page"] = site_only.seconds / pages
    figures["site_mb_per_page"] = _site_mb(root / "site-only") / pages
    figures["site_peak_rss_mb"] = site_only.peak_rss_mb
    shutil.rmtree(root / "site-only")
    save(figures)
    if os.environ.get("EXERCISE_GUIDE_SCALE_SITE_ONLY"):
        return  # a quick run: the website figures only, no PDFs

    full, phases = builder.build("full", cold=True)
    site = project / "site"
    posters = [p for p in site.glob("pdf/*.pdf") if p.stem in library.exercises]
    if len(posters) != len(library.exercises) or not (site / "pdf" / "guide.pdf").is_file():
        raise SystemExit(
            f"{site}/pdf: {len(posters)} posters for {len(library.exercises)} exercises"
        )
    figures["posters"] = len(posters)
    figures["pdf_seconds_per_poster"] = phases["posters_seconds"] / len(posters)
    figures["booklet_seconds"] = phases["booklet_seconds"]
    figures["booklet_join_seconds"] = phases["booklet_join_seconds"]
    figures["full_build_seconds"] = full.seconds
    figures["full_build_cpu_seconds"] = full.cpu_seconds
    # How many of the machine's cores the build kept busy, on average.
    figures["full_build_cores_used"] = full.cpu_seconds / full.seconds
    figures["peak_rss_mb"] = max(site_only.peak_rss_mb, full.peak_rss_mb)
    figures["renders_per_document"] = phases["renders"] / max(phases["rendered"], 1)
    save(figures)

    # The cold full build against plain sequential WeasyPrint on the same posters' final HTML:
    # a sample spread over the library, timed in the same run and scaled to every poster.
    plain = logs / "plain.json"
    args = [sys.executable, "-m", "benchmarks.plain_posters", str(project), str(PLAIN_SAMPLE)]
    subprocess.run([*args, str(plain)], cwd=project, env=builder.env, check=True, timeout=TIMEOUT)
    sample = json.loads(plain.read_text(encoding="utf-8"))
    scaled = sample["seconds"] * sample["posters"] / sample["sampled"]
    figures["plain_weasyprint_posters_seconds"] = scaled
    figures["whole_library_vs_plain_posters"] = full.seconds / scaled
    # The same in CPU seconds: unlike the wall-clock ratio it does not follow the machine's load
    # between the build and the sample. Wall ratio = CPU ratio / cores used, on a quiet machine.
    scaled_cpu = sample["cpu_seconds"] * sample["posters"] / sample["sampled"]
    figures["whole_library_cpu_vs_plain_posters_cpu"] = full.cpu_seconds / scaled_cpu
    save(figures)
    # The whole library's booklet read back (sections, each exercise once, index pages that land,
    # bookmarks): too slow a build for `make test`, so checked here, where it is built anyway.
    pages, right = readback(site / "pdf" / "guide.pdf", project / "content", str(n))
    figures["booklet_pages"] = pages
    save(figures)
    if not right:
        raise SystemExit(f"booklet_readback_{n}: the booklet does not read back right (see above)")

    nochange, _ = builder.build("nochange")
    figures["nochange_rebuild_seconds"] = nochange.seconds
    save(figures)

    # Edit the summary of one imported exercise, as an author would, and rebuild.
    edited = sorted(imported.files)[len(imported.files) // 2]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\nsummary: ", "\nsummary: Edited. ", 1), encoding="utf-8")
    one_change, phases = builder.build("one-change")
    figures["one_change_rebuild_seconds"] = one_change.seconds
    figures["one_change_pdfs_rendered"] = phases["rendered"]
    figures["one_change_booklet_join_seconds"] = phases["booklet_join_seconds"]
    figures["peak_rss_mb"] = max(
        figures["peak_rss_mb"], nochange.peak_rss_mb, one_change.peak_rss_mb
    )
    save(figures)


def sizes() -> tuple[int, ...]:
    """The sizes to run: all three, or those EXERCISE_GUIDE_SCALE_SIZES names."""
    wanted = os.environ.get("EXERCISE_GUIDE_SCALE_SIZES")
    if wanted is None:
        return SIZES
    # An empty list measures nothing: the ratios and the chart are redrawn from scale.json.
    return tuple(int(s) for s in wanted.split(",") if s.strip())


def _previous() -> dict[int, dict[str, Any]]:
    if not OUT_JSON.is_file():
        return {}
    return {int(k): v for k, v in json.loads(OUT_JSON.read_text(encoding="utf-8")).items()}


def _ratios(results: dict[int, dict[str, Any]]) -> None:
    for name in ("site_seconds_per_page", "site_mb_per_page", "pdf_seconds_per_poster"):
        # Between the smallest and largest sizes that measured this figure.
        have = sorted(n for n, r in results.items() if name in r)
        if len(have) > 1:
            ratio = results[have[-1]][name] / results[have[0]][name]
            report(f"{name}_ratio_{have[-1]}_to_{have[0]}", ratio, 2)
    for n, figures in sorted(results.items()):
        if "nochange_rebuild_seconds" in figures:
            # A `mkdocs build` with nothing changed over the cold full build of the same run.
            fraction = figures["nochange_rebuild_seconds"] / figures["full_build_seconds"]
            report(f"nochange_build_fraction_{n}", fraction, 3)
        if "one_change_rebuild_seconds" in figures:
            fraction = figures["one_change_rebuild_seconds"] / figures["full_build_seconds"]
            report(f"one_change_fraction_of_full_{n}", fraction, 3)


def chart_paths(refresh_docs: bool) -> list[Path]:
    """Where the chart goes: benchmarks/out/, plus the README's tracked copy only when asked."""
    return [OUT / "scale.png", *([DOCS_PLOT] if refresh_docs else [])]


def main() -> None:
    """Measure each size, print `name_<size>: value` lines and ratios, write JSON and the chart."""
    results = _previous()

    def save(figures: dict[str, float]) -> None:
        # Merged into the size's earlier figures: a site-only run keeps the last PDF figures.
        n = int(figures["entries"])
        results[n] = {**results.get(n, {}), **figures}
        OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
        ordered = {str(k): results[k] for k in sorted(results)}
        OUT_JSON.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        code = snapshot(Path(tmp) / "code")
        for n in sizes():
            measure(code, n, Path(tmp) / f"n{n}", save)
            for name, value in results[n].items():
                report(f"{name}_{n}", value, 0 if name in COUNTS else 3)
    _ratios(results)
    if len(results) > 1:
        for chart in chart_paths(REFRESH_DOCS_FLAG in sys.argv[1:]):
            plot_scale(results, chart)
            print(f"wrote {os.path.relpath(chart, REPO)}", flush=True)
    print(f"wrote {os.path.relpath(OUT_JSON, REPO)}", flush=True)


if __name__ == "__main__":
    main()
