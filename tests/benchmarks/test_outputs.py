"""`make bench` writes its outputs to benchmarks/out/ and changes no tracked file unless asked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import bench_scale

# Two sizes' figures, as a scale run saves them: enough for the chart to be drawn.
FIGURES = {
    "exercises": 100,
    "full_build_seconds": 30.0,
    "one_change_rebuild_seconds": 5.0,
    "nochange_rebuild_seconds": 2.0,
    "site_seconds_per_page": 0.03,
    "pdf_seconds_per_poster": 0.15,
}


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(bench_scale.REPO), *args], capture_output=True, text=True, check=True
    ).stdout


def test_default_chart_goes_only_to_the_gitignored_out_folder() -> None:
    paths = bench_scale.chart_paths(refresh_docs=False)
    assert bench_scale.DOCS_PLOT not in paths
    for path in paths:
        # check-ignore exits 0 (and names the path) only for an ignored path.
        assert _git("check-ignore", str(path)).strip() == str(path)
    assert bench_scale.DOCS_PLOT in bench_scale.chart_paths(refresh_docs=True)


def test_redrawing_the_chart_changes_no_tracked_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = {"100": FIGURES, "400": {**FIGURES, "exercises": 399, "full_build_seconds": 90.0}}
    saved = tmp_path / "scale.json"
    saved.write_text(json.dumps(results), encoding="utf-8")
    monkeypatch.setattr(bench_scale, "OUT", tmp_path)
    monkeypatch.setattr(bench_scale, "OUT_JSON", saved)
    monkeypatch.setenv("EXERCISE_GUIDE_SCALE_SIZES", "")  # no build: only the chart is redrawn
    monkeypatch.setattr(sys, "argv", ["benchmarks", "scale"])
    docs_chart = bench_scale.DOCS_PLOT.read_bytes()
    before = _git("status", "--porcelain", "--untracked-files=no")

    bench_scale.main()

    assert (tmp_path / "scale.png").read_bytes().startswith(b"\x89PNG")
    assert bench_scale.DOCS_PLOT.read_bytes() == docs_chart
    assert _git("status", "--porcelain", "--untracked-files=no") == before


def test_scale_prints_the_nochange_build_fraction_of_each_size(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bench_scale._ratios({100: FIGURES, 400: {**FIGURES, "exercises": 399}})

    lines = capsys.readouterr().out.splitlines()
    # 2 s with nothing changed over a 30 s cold build.
    assert "nochange_build_fraction_100: 0.067" in lines
    assert "nochange_build_fraction_400: 0.067" in lines
