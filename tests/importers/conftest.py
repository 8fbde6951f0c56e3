"""Fixtures for importer tests: one real import of the shared free-exercise-db file per worker."""

from __future__ import annotations

import pytest

from tests.importers.support import Imported, empty_content, run_import
from tests.support import FREE_EXERCISE_DB


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """The whole shared dataset imported once into a fresh content folder."""
    content = empty_content(tmp_path_factory.mktemp("imported"))
    result = run_import(FREE_EXERCISE_DB, "--out", content / "exercises")
    assert result.returncode == 0, result.stderr
    return Imported(content, result)
