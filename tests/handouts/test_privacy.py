"""Patient details end up in the requested file and nowhere else: not the project, cache or temp."""

from __future__ import annotations

import gzip
import subprocess
import uuid
import zlib
from pathlib import Path

from tests.handouts.support import make_project, run_handout
from tests.support import REPO


def _holds(path: Path, name: str) -> bool:
    """True when a file holds the name as UTF-8 or UTF-16 bytes, compressed or in a PDF's text."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    needles = [name.encode(), name.encode("utf-16-be"), name.encode("utf-16-le")]
    if any(n in data for n in needles):
        return True
    if data.startswith(b"%PDF"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True).stdout
        return name.encode() in text
    for unpack in (gzip.decompress, zlib.decompress):
        try:
            if any(n in unpack(data) for n in needles):
                return True
        except Exception:  # not that kind of compressed data
            continue
    return False


def _search(roots: list[Path], name: str, skip: tuple[str, ...] = ()) -> set[Path]:
    found = set()
    for root in roots:
        if not root.exists():
            continue
        for path in root.rglob("*"):
            if any(part in skip for part in path.relative_to(root).parts):
                continue
            in_name = name in path.name
            if in_name or (path.is_file() and not path.is_symlink() and _holds(path, name)):
                found.add(path)
    return found


def test_the_patient_name_is_only_in_the_output_file(tmp_path: Path) -> None:
    name = f"Quillon{uuid.uuid4().hex[:12]}"
    clinician = f"Dr Vellamy{uuid.uuid4().hex[:12]}"  # printed in the contact block
    project = make_project(tmp_path / "project")
    temp, cache, home = tmp_path / "tmp", tmp_path / "cache", tmp_path / "home"
    for folder in (temp, cache, home):
        folder.mkdir()
    env = {"TMPDIR": str(temp), "XDG_CACHE_HOME": str(cache), "HOME": str(home)}
    result = run_handout(
        project,
        "upper-back-loosening",
        "--patient",
        name,
        "--clinician",
        clinician,
        "--review",
        "2026-12-15",
        "--note",
        f"For {name}: gently.",
        "--dose",
        "shoulder-rolling=10x2@twice a day",
        "--large-print",
        "--out",
        "out/handout.pdf",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    output = project / "out" / "handout.pdf"
    assert name not in result.stdout + result.stderr  # nothing logged with it

    found = _search([project, temp, cache, home], name)
    # The repository's own outputs and render cache, where a leak from the shared code would go.
    found |= _search([REPO / ".cache", REPO / "site", REPO / "dist"], name)
    found |= _search([REPO], name, skip=(".venv", ".git", ".cache", "site", "dist", "node_modules"))
    assert found == {output}
    # The clinician's name (now in the contact block) goes the same way: only into the output.
    assert clinician not in result.stdout + result.stderr
    found = _search([project, temp, cache, home], clinician)
    found |= _search([REPO / ".cache", REPO / "site", REPO / "dist"], clinician)
    assert found == {output}
