"""Two builds at once, a full disk, a read-only output: clear errors, no corrupt cache or output."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.project import (
    ENV,
    assert_whole_pdfs,
    make_project,
    pdf_command,
    run,
    same_bytes,
    temp_files,
    touch_every_exercise,
)
from tests.support import tmpfs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with six exercises."""
    return make_project(tmp_path / "project", exercises=6)


def test_two_builds_at_once_share_a_cache_safely(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    outs = [tmp_path / "out-a", tmp_path / "out-b"]
    builds = [
        subprocess.Popen(
            pdf_command(project, out, cache, "--jobs", "1"),
            cwd=project,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outs
    ]
    for build in builds:
        _, stderr = build.communicate(timeout=900)
        assert build.returncode == 0, stderr
    assert same_bytes(outs[0], outs[1]) == []
    assert temp_files(cache, *outs) == []
    # The cache they wrote together gives the same files as a fresh build.
    again, fresh = tmp_path / "again", tmp_path / "fresh"
    assert run(pdf_command(project, again, cache), project).returncode == 0
    assert run(pdf_command(project, fresh, tmp_path / "fresh-cache"), project).returncode == 0
    assert same_bytes(again, fresh) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 600 KiB tmpfs: room for one build's posters, not for a second set beside them."""
    with tmpfs(tmp_path / "disk", "600k") as mount:
        yield mount


def test_a_full_disk_gives_a_clear_error_and_keeps_earlier_outputs(
    project: Path, tmp_path: Path, small_disk: Path
) -> None:
    cache = tmp_path / "cache"
    out = small_disk / "dist"
    first = run(pdf_command(project, out, cache, "--no-booklet"), project)
    assert first.returncode == 0, first.stderr
    earlier = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    # Fill the disk, then build changed posters that no longer fit.
    filler = small_disk / "filler"
    free = _free_bytes(small_disk)
    filler.write_bytes(b"\0" * max(free - 20_000, 0))
    touch_every_exercise(project, "Breathe slowly.")
    full = run(pdf_command(project, out, cache, "--no-booklet"), project)
    assert full.returncode == 1
    assert "Traceback" not in full.stderr
    assert "the disk is full; earlier outputs are left as they were" in full.stderr
    assert_whole_pdfs(out)
    now = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    assert set(now) == set(earlier), "no earlier output was lost"
    assert temp_files(out) == []


def _free_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def test_a_read_only_output_gives_a_clear_error(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    (out / "guide.pdf").write_bytes(b"%PDF-1.7 earlier\n%%EOF\n")
    subprocess.run(["mount", "--bind", str(out), str(out)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(out)], check=True)
    try:
        result = run(pdf_command(project, out, tmp_path / "cache"), project)
    finally:
        subprocess.run(["umount", str(out)], check=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "the folder is not writable" in result.stderr
    assert (out / "guide.pdf").read_bytes() == b"%PDF-1.7 earlier\n%%EOF\n"
