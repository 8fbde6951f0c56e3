"""The scale benchmark's process-tree measurements: the CPU of grandchildren (render workers) counts."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.proctree import run_measured

# A child that starts a grandchild (as the build starts render workers); the grandchild spins
# until its own CPU clock reaches half a second, then both exit.
_SPIN = "import time\nwhile time.process_time() < 0.5:\n    pass\n"
_PARENT = f"import subprocess, sys\nsubprocess.run([sys.executable, '-c', {_SPIN!r}], check=True)\n"


def test_a_run_counts_the_cpu_seconds_of_its_whole_process_tree(tmp_path: Path) -> None:
    run = run_measured(
        [sys.executable, "-c", _PARENT], tmp_path, tmp_path / "log.txt", {}, timeout=60
    )
    # At least the grandchild's own half second: a count of the direct child alone is far less.
    assert run.cpu_seconds >= 0.5
    assert run.peak_rss_mb >= 0
