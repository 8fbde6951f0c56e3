"""kill -9 in the middle of a build: outputs stay whole, the cache stays true, no temp files stay."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.hardening.project import (
    assert_whole_pdfs,
    count_files,
    kill_when,
    make_project,
    mkdocs_command,
    pdf_command,
    run,
    same_bytes,
    temp_files,
    touch_every_exercise,
    written_since,
)


@pytest.mark.parametrize("moment", ["rendering", "writing"])
def test_kill_during_build_pdf(tmp_path: Path, moment: str) -> None:
    project = make_project(tmp_path / "project", exercises=10)
    out, cache = tmp_path / "dist", tmp_path / "cache"
    first = run(pdf_command(project, out, cache), project)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    cached_pdfs = count_files(cache, "*.pdf")

    touch_every_exercise(project, "Breathe slowly.")
    if moment == "rendering":
        ready = lambda: count_files(cache, "*.pdf") > cached_pdfs + 1  # noqa: E731
    else:
        ready = lambda: any(  # noqa: E731
            p.stat().st_mtime_ns != before.get(p.name) for p in out.glob("*.pdf")
        )
    kill_when(pdf_command(project, out, cache, "--jobs", "2"), project, ready)

    pdfs = assert_whole_pdfs(out)
    assert {p.name for p in pdfs} == set(before), "no output was lost"

    again = run(pdf_command(project, out, cache), project)
    assert again.returncode == 0, again.stderr
    assert temp_files(out, cache) == []
    fresh_out = tmp_path / "fresh"
    fresh = run(pdf_command(project, fresh_out, tmp_path / "fresh-cache"), project)
    assert fresh.returncode == 0, fresh.stderr
    differ = same_bytes(out, fresh_out)
    assert differ == [], (differ, again.stdout, fresh.stdout)


def test_kill_during_mkdocs_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", exercises=10)
    site = tmp_path / "site"
    cache = project / ".cache" / "pdf"
    first = run(mkdocs_command(project, site), project)
    assert first.returncode == 0, first.stderr
    cached_pdfs = count_files(cache, "*.pdf")

    touch_every_exercise(project, "Breathe slowly.")
    kill_when(
        mkdocs_command(project, site),
        project,
        lambda: count_files(cache, "*.pdf") > cached_pdfs + 1,
    )
    assert_whole_pdfs(site)

    # Kill again while MkDocs copies files into site/, then finish the build.
    touch_every_exercise(project, "Relax.")
    started = time.time_ns()
    kill_when(
        mkdocs_command(project, site),
        project,
        lambda: written_since(site, "*.pdf", started),
    )
    assert_whole_pdfs(site)

    again = run(mkdocs_command(project, site), project)
    assert again.returncode == 0, again.stderr
    assert temp_files(site, cache) == []
    assert_whole_pdfs(site)
    fresh_project = make_project(tmp_path / "fresh-project", exercises=10)
    touch_every_exercise(fresh_project, "Breathe slowly.")
    touch_every_exercise(fresh_project, "Relax.")
    fresh_site = tmp_path / "fresh-site"
    fresh = run(mkdocs_command(fresh_project, fresh_site), fresh_project)
    assert fresh.returncode == 0, fresh.stderr
    assert same_bytes(site / "pdf", fresh_site / "pdf") == []
