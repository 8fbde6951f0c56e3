"""The benchmark's build wrapper clocks the PDF build only once the build imports it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support import REPO

# Runs timed_build's set-up with a stand-in for MkDocs' command line, which imports the PDF build
# or not, then says whether the module was loaded and whether its phases carry the clock.
_PROBE = """
import json, sys
import mkdocs.__main__
from benchmarks import timed_build

class FakeCli:
    def main(self, args, prog_name, standalone_mode):
        if args == ["pdfs"]:
            import exercise_guide.pdf.build

mkdocs.__main__.cli = FakeCli()
sys.argv = ["timed_build", sys.argv[1], sys.argv[2]]
timed_build.main()
build = sys.modules.get("exercise_guide.pdf.build")
print(json.dumps({
    "loaded": build is not None,
    "clocked": build is not None and hasattr(build.PdfBuild.posters, "__wrapped__"),
}))
"""


def _probe(tmp_path: Path, args: str) -> dict[str, bool]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path / "phases.json"), args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
    )
    assert json.loads((tmp_path / "phases.json").read_text())["posters_seconds"] == 0
    result: dict[str, bool] = json.loads(out.stdout)
    return result


def test_a_build_that_makes_pdfs_has_its_phases_clocked(tmp_path: Path) -> None:
    assert _probe(tmp_path, "pdfs") == {"loaded": True, "clocked": True}


def test_a_build_that_makes_none_does_not_load_the_pdf_build(tmp_path: Path) -> None:
    # A build with nothing changed takes its PDFs from the memo: the wrapper must not add the
    # PDF build's imports to what it times.
    assert _probe(tmp_path, "site") == {"loaded": False, "clocked": False}
