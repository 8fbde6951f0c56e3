"""Website build at 873 imported exercises: seconds and megabytes per page, peak memory.

A private copy of the project (mkdocs.yml, seed content plus the whole
free-exercise-db import) is built with the real `mkdocs build --strict`, PDFs switched off
(`pdfs: false`; bench_pdf measures those), so the figures are the website's alone.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

from .common import REPO, make_imported_library, make_library, report, stopwatch
from .proctree import run_measured

ENTRIES = 873
PROJECT_PARTS = ("mkdocs.yml", "docs_src")


def _project(root: Path) -> Path:
    project = root / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        else:
            shutil.copy2(source, project / part)
    (project / "docs_src").mkdir(exist_ok=True)
    try:
        make_imported_library(ENTRIES, project / "content")
    except (ImportError, FileNotFoundError):
        # Before the importer or the shared data set exists: generated variants of the seed.
        make_library(ENTRIES, project / "content")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "      content_dir: content\n",
            "      content_dir: content\n      pdfs: false\n",
        ),
        encoding="utf-8",
    )
    return project


def main() -> None:
    """Build the site for ~873 exercises and print per-page time and size."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        root = Path(tmp)
        project = _project(root)
        exercises = len(list((project / "content" / "exercises").glob("*.yml")))
        site = root / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        mkdocs = str(Path(sys.executable).parent / "mkdocs")
        cpu_before = _children_cpu()
        run = run_measured(
            [mkdocs, "build", "--strict", "--quiet", "-d", str(site)],
            project,
            root / "build.log",
            env,
            3600,
        )
        cpu = _children_cpu() - cpu_before
        pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
        page_mb = sum(p.stat().st_size for p in pages) / 1_000_000
        site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1_000_000
        report("site_exercises", exercises, 0)
        report("site_pages", len(pages), 0)
        report("site_seconds", run.seconds)
        report("site_seconds_per_page", run.seconds / len(pages), 4)
        # The machine is shared: CPU seconds say what the build costs when it has a core to itself.
        report("site_cpu_seconds_per_page", cpu / len(pages), 4)
        report("site_mb", site_mb)
        report("site_html_mb", page_mb)
        report("site_mb_per_page", site_mb / len(pages), 4)
        report("site_peak_rss_mb", run.peak_rss_mb, 1)
        _parts(project)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _parts(project: Path) -> None:
    # Where the plugin's share of the time goes: figures (pose → SVG) and page Markdown.
    from exercise_guide.content import load_library
    from exercise_guide.pages.assets import figures
    from exercise_guide.pages.generate import generate
    from exercise_guide.template_folders import templates_for

    with stopwatch() as elapsed:
        library = load_library(project / "content")
    report("site_load_seconds", elapsed())
    with stopwatch() as elapsed:
        _, alts = figures(library)
    report("site_figures_seconds", elapsed())
    with stopwatch() as elapsed:
        generate(library, templates_for(project), alts)
    report("site_markdown_seconds", elapsed())


if __name__ == "__main__":
    main()
