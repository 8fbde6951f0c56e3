"""The page cache gives the same site as no cache; on MkDocs or Material releases it does not
know, or when an internal it needs is missing, it turns itself off (one log line), not the build."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from exercise_guide import site_cache
from exercise_guide.site import ExerciseGuidePlugin
from tests.site.support import copy_project

LOGGER = "mkdocs.plugins.exercise_guide"


def _build(project: Path, site: Path) -> ExerciseGuidePlugin:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    plugin = config.plugins["exercise-guide"]
    assert isinstance(plugin, ExerciseGuidePlugin)
    return plugin


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _entries(project: Path) -> dict[str, int]:
    # The page cache's entries (not site/'s stamps, which any build into a site/ records).
    pages = project / ".cache" / "site" / "pages"
    return {p.name: p.stat().st_mtime_ns for p in pages.rglob("*") if p.is_file()}


@dataclass(frozen=True)
class Warm:
    """A guide whose page cache is full, and the site its last (all cached) build made."""

    project: Path
    site: Path


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Warm:
    # One guide for the module: the builds below read its cache and never write it.
    root = tmp_path_factory.mktemp("cache")
    project = copy_project(root / "project", pdfs=False)
    _build(project, root / "cold")
    plugin = _build(project, root / "site")
    assert plugin.page_cache is not None and plugin.page_cache.off is None
    stats = plugin.page_cache.stats
    assert stats.converted == [] and stats.rendered == [] and stats.indexed == []
    assert stats.rendered_cached > 10
    return Warm(project, root / "site")


def test_the_installed_releases_are_the_known_ones() -> None:
    # If this fails after an upgrade, check site_cache against the new internals, then update
    # KNOWN_VERSIONS (and the pins in pyproject.toml).
    assert site_cache.unknown_versions() is None


def test_an_unknown_release_builds_the_same_site_without_the_cache_and_says_so(
    warm: Warm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    found = {**site_cache.installed_versions(), "mkdocs-material": "10.0.0"}
    monkeypatch.setattr(site_cache, "installed_versions", lambda: found)
    entries = _entries(warm.project)
    with caplog.at_level(logging.INFO, logger=LOGGER):
        plugin = _build(warm.project, tmp_path / "site")
    assert plugin.page_cache is None
    said = [r.getMessage() for r in caplog.records if "page cache off" in r.getMessage()]
    assert said == [
        "exercise-guide: page cache off for mkdocs-material 10.0.0 (known: 9.8.1); "
        "every page is rendered"
    ]
    # Every page rendered afresh is byte for byte the page the cache gave.
    assert _tree(tmp_path / "site") == _tree(warm.site)
    assert _entries(warm.project) == entries


@pytest.mark.parametrize(
    ("internal", "named", "cold"),
    [
        ("PAGE_TITLE", "Page._gone_in_this_release", False),
        ("PAGE_ANCHORS", "Page._gone_in_this_release", True),
        ("SEARCH_ADD", "SearchIndex._gone_in_this_release", False),
    ],
)
def test_a_missing_internal_turns_the_cache_off_and_names_it(
    warm: Warm,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    internal: str,
    named: str,
    cold: bool,
) -> None:
    # The adapter looks for an internal under a name this release does not have, as after an
    # upgrade that renamed it: the page's own (read before a conversion is restored, or after a
    # page is converted when nothing is cached), or the search index's (read once the pages are
    # converted and some are sent to stored HTML).
    monkeypatch.setattr(site_cache, internal, "_gone_in_this_release")
    project = warm.project
    if cold:
        project = tmp_path / "project"
        shutil.copytree(warm.project, project, ignore=shutil.ignore_patterns(".cache"))
    entries = _entries(project)
    with caplog.at_level(logging.INFO, logger=LOGGER):
        plugin = _build(project, tmp_path / "site")
    assert plugin.page_cache is not None and plugin.page_cache.off == named
    said = [r.getMessage() for r in caplog.records if "page cache off" in r.getMessage()]
    assert said == [
        f"exercise-guide: page cache off: {named} is missing on this release of MkDocs or "
        "Material; every page is rendered"
    ]
    assert _tree(tmp_path / "site") == _tree(warm.site)
    assert _entries(project) == entries  # nothing stored once off
