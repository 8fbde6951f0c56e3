"""Fixtures every test folder can use: a private copy of the shipped content, the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import CLI, CONTENT

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content folder."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> RunCli:
    """Run the real `exercise-guide` command in a subprocess and capture its output."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(CLI), *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
        )

    return run
