"""On MkDocs or Material releases the page cache does not know, it turns itself off, not the build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from exercise_guide import site_cache
from exercise_guide.site import ExerciseGuidePlugin
from tests.site.support import copy_project


def _build(project: Path, site: Path) -> ExerciseGuidePlugin:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    plugin = config.plugins["exercise-guide"]
    assert isinstance(plugin, ExerciseGuidePlugin)
    return plugin


def test_the_installed_releases_are_the_known_ones() -> None:
    # If this fails after an upgrade, check site_cache against the new internals, then update
    # KNOWN_VERSIONS (and the pins in pyproject.toml).
    assert site_cache.unknown_versions() is None


def test_an_unknown_release_builds_without_the_page_cache_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    found = {**site_cache.installed_versions(), "mkdocs-material": "10.0.0"}
    monkeypatch.setattr(site_cache, "installed_versions", lambda: found)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.exercise_guide"):
        plugin = _build(project, tmp_path / "site")
    assert plugin.page_cache is None
    assert "page cache off for mkdocs-material 10.0.0 (known: 9.8.1)" in caplog.text
    assert not (project / ".cache" / "site").exists()
    page = tmp_path / "site" / "exercises" / "shoulder-rolling" / "index.html"
    assert "Shoulder Rolling" in page.read_text(encoding="utf-8")
