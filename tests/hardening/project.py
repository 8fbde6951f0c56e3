"""A throwaway copy of the project (config, a library of any size) for fault tests."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from benchmarks.common import make_library
from tests.support import REPO

PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def make_project(dest: Path, exercises: int = 3) -> Path:
    """A project folder with mkdocs.yml, an empty docs_src/ and n exercises."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "docs_src").mkdir()
    make_library(exercises, dest / "content")
    return dest


def touch_every_exercise(project: Path, word: str) -> None:
    """Change every exercise a little, so each poster must be rendered again."""
    for path in sorted((project / "content" / "exercises").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\ntips:\n", f"\ntips:\n  - {word}\n", 1), encoding="utf-8")


def pdf_command(project: Path, out: Path, cache: Path, *extra: str) -> list[str]:
    """The build_pdf.py command line for a project."""
    return [
        PYTHON, str(REPO / "build_pdf.py"), "--content", str(project / "content"),
        "--out", str(out), "--cache", str(cache),
        *extra,
    ]  # fmt: skip


def mkdocs_command(project: Path, site: Path) -> list[str]:
    """The mkdocs build command line for a project."""
    return [MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a build to the end and capture its output."""
    return subprocess.run(
        command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=900, check=False
    )


def kill_when(command: list[str], cwd: Path, ready: Callable[[], bool], limit: float = 300) -> None:
    """Start a build, wait until `ready()` says it is mid-way, then kill -9 it and its workers."""
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + limit
    try:
        while not ready():
            if process.poll() is not None:
                raise AssertionError("the build finished before it could be killed")
            if time.monotonic() > deadline:
                raise AssertionError("the build never reached the point to kill it at")
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def live_files(folder: Path, pattern: str) -> list[Path]:
    """The files below a folder matching a glob pattern, read while a build may be moving them:
    a folder or file that vanishes mid-walk is skipped (Path.rglob raises FileNotFoundError)."""
    found = []
    for top, _, names in os.walk(folder):  # os.walk skips folders that vanish
        found += [Path(top) / name for name in fnmatch.filter(names, pattern)]
    return found


def written_since(folder: Path, pattern: str, started_ns: int) -> bool:
    """Whether a file below a folder matching the pattern was written after `started_ns`, read
    while a build may be moving files (one that vanishes between listing and stat is skipped)."""
    for path in live_files(folder, pattern):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime_ns > started_ns:
                return True
    return False


def count_files(folder: Path, pattern: str) -> int:
    """How many files below a folder match a glob pattern (while a build may be running)."""
    return len(live_files(folder, pattern))


def assert_whole_pdfs(folder: Path) -> list[Path]:
    """Every PDF in a folder opens, has pages, and ends with %%EOF; returns them."""
    pdfs = sorted(folder.rglob("*.pdf"))
    for path in pdfs:
        data = path.read_bytes()
        assert data.rstrip().endswith(b"%%EOF"), f"{path} is cut short"
        assert len(PdfReader(path).pages) >= 1, path
    return pdfs


def temp_files(*folders: Path) -> list[Path]:
    """Temp files (ours end in .tmp) anywhere below the folders."""
    return [p for folder in folders if folder.exists() for p in folder.rglob("*.tmp")]


def same_bytes(a: Path, b: Path) -> list[str]:
    """Names of files that differ between two folder trees (or exist in only one)."""
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = sorted(str(n) for n in names_a ^ names_b)
    differ += sorted(
        str(n) for n in names_a & names_b if (a / n).read_bytes() != (b / n).read_bytes()
    )
    return differ
