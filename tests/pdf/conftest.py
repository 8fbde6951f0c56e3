"""Shared PDF builds: each is made once per test process and read by many tests."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.pdf import BuildReport, PrintOptions
from exercise_guide.printing import build_pdfs
from tests.support import CONTENT, SHIPPED

TEMPLATES = SHIPPED
Build = Callable[..., BuildReport]


def build(library: Library, where: Path, **kwargs: Any) -> BuildReport:
    """Build PDFs of a library into where/out with a cache in where/cache (never the repo's)."""
    kwargs.setdefault("show_progress", False)
    kwargs.setdefault("templates", TEMPLATES)
    kwargs.setdefault("out_dir", where / "out")
    kwargs.setdefault("jobs", 2)
    # Routine sheets are the handouts package's (tested there); these tests count posters and booklet.
    kwargs.setdefault("routines", False)
    return build_pdfs(library, cache_dir=where / "cache", **kwargs)


def progress_lines(stream: io.StringIO) -> list[tuple[str, str, str]]:
    """Each line a build's progress wrote, as (count/total, status, document name)."""
    found = []
    for line in stream.getvalue().splitlines():
        count, status, name = line.split(" ", 2)
        found.append((count.strip("[]"), status, name))
    return found


def only(library: Library, *ids: str) -> Library:
    """The library with just some of its exercises (fewer renders for tests that need one or two)."""
    exercises = {i: library.exercises[i] for i in ids}
    return dataclasses.replace(
        library, exercises=MappingProxyType(exercises), routines=MappingProxyType({})
    )


def with_exercise(library: Library, exercise_id: str, **changes: Any) -> Library:
    """The library with one exercise changed (as if its file said so)."""
    changed = library.exercises[exercise_id].model_copy(update=changes)
    exercises = {**library.exercises, exercise_id: changed}
    return dataclasses.replace(library, exercises=MappingProxyType(exercises))


@pytest.fixture(scope="session")
def shipped() -> Library:
    """The shipped content."""
    return load_library(CONTENT)


@pytest.fixture(scope="session", params=["A4", "Letter", "A3"])
def paper_build(
    request: pytest.FixtureRequest, shipped: Library, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, BuildReport]:
    """Posters of the shipped content on each paper size."""
    paper = request.param
    where = tmp_path_factory.mktemp(f"posters-{paper}")
    report = build(shipped, where, options=PrintOptions(paper=paper), booklet=False)
    return paper, report


@pytest.fixture(scope="session")
def a4_build(
    shipped: Library, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BuildReport]:
    """Posters and booklet of the shipped content on A4 (where, report)."""
    where = tmp_path_factory.mktemp("a4")
    return where, build(shipped, where)
