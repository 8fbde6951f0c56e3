"""Fixtures for site tests: the shipped project built once per worker with the real mkdocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.support import copy_project, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built with `mkdocs build --strict` into a temp folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site
