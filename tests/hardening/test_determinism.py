"""The same content gives byte-identical PDFs and identical site files, in two clones and processes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.hardening.project import ENV, PYTHON, mkdocs_command, same_bytes
from tests.support import REPO


def _clone_and_build(dest: Path, seed: str) -> Path:
    subprocess.run(["git", "clone", "-q", str(REPO), str(dest)], check=True)
    # A developer builds the working tree: give the clone the same content (templates are the
    # installed package's).
    for folder in ("content",):
        shutil.rmtree(dest / folder)
        shutil.copytree(REPO / folder, dest / folder)
    # Different hash seeds: nothing may depend on set or dict-of-str iteration order.
    env = {**ENV, "PYTHONHASHSEED": seed}
    for command in (
        mkdocs_command(dest, dest / "site"),
        [PYTHON, str(dest / "build_pdf.py"), "--out", str(dest / "dist")],
    ):
        done = subprocess.run(
            command, cwd=dest, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
    return dest


def test_two_clones_build_identical_sites_and_pdfs(tmp_path: Path) -> None:
    a = _clone_and_build(tmp_path / "a", seed="1")
    b = _clone_and_build(tmp_path / "b", seed="2")
    assert same_bytes(a / "site", b / "site") == []
    assert same_bytes(a / "dist", b / "dist") == []
    pdfs = sorted(p.name for p in (a / "dist").glob("*.pdf"))
    assert (
        "guide.pdf" in pdfs
        and len(pdfs) == len(list((REPO / "content" / "exercises").glob("*.yml"))) + 2
    )
    # The site serves the very same PDFs as dist/.
    for name in pdfs:
        assert (a / "site" / "pdf" / name).read_bytes() == (a / "dist" / name).read_bytes()
