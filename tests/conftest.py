"""Fixtures every test folder can use: a private copy of the shipped content, the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.site.support import ShippedBuild, copy_project, mkdocs_build
from tests.support import CLI, CONTENT

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content folder."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> ShippedBuild:
    """The shipped content built once per test process with the real `mkdocs build --strict`,
    site and PDFs: the site tests read it and the browser tests serve it (none writes to it)."""
    project = copy_project(tmp_path_factory.mktemp("shipped-project"))
    site = tmp_path_factory.mktemp("shipped-site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return ShippedBuild(project, site)


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> RunCli:
    """Run the real `exercise-guide` command in a subprocess and capture its output."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(CLI), *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
        )

    return run
