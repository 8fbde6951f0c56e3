"""Fixtures for site tests: the shipped project built once per worker with the real mkdocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.support import ShippedBuild


@pytest.fixture(scope="session")
def built_site(shipped_build: ShippedBuild) -> Path:
    """The shipped content built with `mkdocs build --strict` into a temp folder."""
    return shipped_build.site
