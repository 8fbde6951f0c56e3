"""A `mkdocs build` renders the site's pages while the PDFs are made, and still fails on a bad PDF."""

from __future__ import annotations

from pathlib import Path

from tests.hardening.project import make_project
from tests.site.support import copy_project, mkdocs_build

LONG = (
    "Stand tall, breathe slowly through your nose and let your shoulders drop away from your "
    "ears while you keep your chin level and your gaze soft, then move gently and stop if it hurts."
)


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html")]


def test_the_pages_are_written_while_the_posters_are_rendered(tmp_path: Path) -> None:
    # Observed through the files' own times, as the build's disk saw them: a page written to
    # site/ before the last poster was stored in the cache (each PDF in site/ is a hard link to
    # its cache file, so it carries the time its render finished). Built the old way, every PDF
    # was made before MkDocs wrote its first page.
    project = make_project(tmp_path / "project", exercises=12)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    pages = _pages(site)
    exercises = sorted((project / "content" / "exercises").glob("*.yml"))
    posters = [site / "pdf" / f"{path.stem}.pdf" for path in exercises]
    booklet = site / "pdf" / "guide.pdf"
    assert len(pages) > len(exercises) and len(posters) >= 12
    for pdf in [*posters, booklet]:
        assert pdf.stat().st_nlink >= 2, (
            f"{pdf} is not linked from the cache: its time says nothing"
        )
    first_page = min(page.stat().st_mtime_ns for page in pages)
    last_poster = max(poster.stat().st_mtime_ns for poster in posters)
    assert first_page < last_poster, "every poster was made before the first page was written"
    # The booklet's join, the build's largest allocation, waits until every page is written.
    last_page = max(page.stat().st_mtime_ns for page in pages)
    assert booklet.stat().st_mtime_ns >= last_page
    assert "PDF(s) while the pages render" in result.stderr


def test_a_poster_that_cannot_be_printed_fails_the_site_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    exercise = project / "content" / "exercises" / "shoulder-rolling.yml"
    steps = "".join(f"  - text: {LONG} ({i + 1})\n    breath: normal\n" for i in range(26))
    text = exercise.read_text(encoding="utf-8")
    exercise.write_text(text.replace("\nsteps:\n", f"\nsteps:\n{steps}", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/exercises/shoulder-rolling.yml:" in result.stderr
    assert ": steps: too long for one A4 page" in result.stderr, result.stderr
