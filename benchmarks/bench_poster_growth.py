"""Poster render time now against the code before the step-figure work (issue 12's "poster
render time per poster grows by no more than 10%").

The baseline is BASELINE, the last commit before issue 12's figure work (its first commit,
654c513 "Step cue field", has it as parent). Its src/, benchmarks/, content/ and templates/ are
taken with `git archive` into benchmarks/out/ (no tracked file changes, no worktree). Each round
renders the A4 posters of the seed plus POSTER_GROWTH_N (30) entries of the same free-exercise-db
slice, once with the baseline's code and once with this checkout's, each in a subprocess of its
own running that side's own code (benchmarks/poster_growth_side.py), the order alternating between
rounds so that load on a shared machine falls on both alike. A poster's time is its render worker's
work: HTML with its step figures, the fit-level layouts, the PDF. Prints, medians over
POSTER_GROWTH_ROUNDS rounds (3):

- `poster_render_seconds_per_poster_now` and `..._baseline`: CPU seconds per poster;
- `poster_render_growth`: now over baseline (the median of each round's ratio);
- the same in wall-clock seconds (`..._wall`), which a loaded machine inflates;
- `poster_layouts_per_poster_now` and `..._baseline`: WeasyPrint layouts per poster.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import FREE_EXERCISE_DB, REPO, report

BASELINE = os.environ.get("POSTER_GROWTH_BASELINE", "2de03866c060ec343355d6f71d68e0227f8dc2db")
POSTERS = int(os.environ.get("POSTER_GROWTH_N", "30"))
ROUNDS = int(os.environ.get("POSTER_GROWTH_ROUNDS", "3"))
OUT = REPO / "benchmarks" / "out"
SIDE = Path(__file__).with_name("poster_growth_side.py")


def baseline_checkout(commit: str = BASELINE) -> Path:
    """The baseline commit's code and content under benchmarks/out/ (extracted once)."""
    dest = OUT / f"poster-baseline-{commit[:12]}"
    done = dest / ".extracted"
    if done.exists():
        return dest
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "baseline.tar"
        folders = ("src", "benchmarks", "content", "templates")
        subprocess.run(
            ["git", "-C", str(REPO), "archive", "-o", str(archive), commit, *folders], check=True
        )
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="data")
    done.write_text(commit, encoding="utf-8")
    return dest


def _side(root: Path, out: Path, count: int = POSTERS) -> dict[str, Any]:
    """One side's posters (the seed's and `count` imported) rendered in a subprocess running that
    side's code."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(root / "src"), str(root)])
    # Both sides import the same entries: the dataset is this checkout's copy.
    env["EXERCISE_GUIDE_FREE_EXERCISE_DB"] = str(FREE_EXERCISE_DB)
    subprocess.run([sys.executable, str(SIDE), str(count), str(out)], cwd=root, env=env, check=True)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    failed = [p["name"] for p in data["posters"] if not p["ok"]]
    if failed:
        raise SystemExit(f"{root}: posters not rendered: {failed}")
    return data


def _per_poster(data: dict[str, Any], key: str) -> float:
    posters = data["posters"]
    return float(sum(p[key] for p in posters) / len(posters))


def main() -> None:
    """Alternate baseline and current renders; print per-poster times and the growth."""
    sides = {"baseline": baseline_checkout(), "now": REPO}
    runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "now": []}
    with tempfile.TemporaryDirectory(prefix="bench-poster-growth-") as tmp:
        for i in range(ROUNDS):
            order = ("now", "baseline") if i % 2 == 0 else ("baseline", "now")
            for name in order:
                runs[name].append(_side(sides[name], Path(tmp) / f"{name}-{i}.json"))
    for key, suffix in (("cpu", ""), ("wall", "_wall")):
        now = [_per_poster(r, key) for r in runs["now"]]
        base = [_per_poster(r, key) for r in runs["baseline"]]
        report(f"poster_render_seconds_per_poster_now{suffix}", statistics.median(now))
        report(f"poster_render_seconds_per_poster_baseline{suffix}", statistics.median(base))
        ratios = [a / b for a, b in zip(now, base, strict=True)]
        report(f"poster_render_growth{suffix}", statistics.median(ratios))
    for name in ("now", "baseline"):
        layouts = statistics.median(_per_poster(r, "renders") for r in runs[name])
        report(f"poster_layouts_per_poster_{name}", layouts, 2)
    report("poster_growth_posters", len(runs["now"][0]["posters"]), 0)
    report("poster_growth_load_average_1min", os.getloadavg()[0], 2)
    # Each poster's times, for finding what grew: benchmarks/out/poster_growth.json.
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "poster_growth.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
