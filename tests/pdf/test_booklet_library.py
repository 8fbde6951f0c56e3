"""The booklet of the imported free-exercise-db library: the whole library's plan, and a booklet
built from a sample spread over it, read back (sections, bookmarks, index pages that land)."""

from __future__ import annotations

import dataclasses
import shutil
from types import MappingProxyType

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.pdf import BOOKLET, BuildReport
from exercise_guide.pdf.book import index_context, page_map, plan_book
from exercise_guide.reading_order import routine_ranks, sort_key
from tests.importers.support import run_import
from tests.pdf.booklet_readback import booklet_failures
from tests.pdf.conftest import build
from tests.support import CONTENT, FREE_EXERCISE_DB

SAMPLE = 24


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The seed plus the whole free-exercise-db file, imported for real."""
    content = tmp_path_factory.mktemp("library") / "content"
    shutil.copytree(CONTENT, content)
    result = run_import(FREE_EXERCISE_DB, "--out", content / "exercises")
    assert result.returncode == 0, result.stderr
    return load_library(content)


@pytest.fixture(scope="module")
def sample_build(
    library: Library, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Library, BuildReport]:
    """A booklet of the seed and a sample spread over the imported library (posters included)."""
    imported = [e for e in library.exercises.values() if e.needs_review]
    picked = [imported[i * len(imported) // SAMPLE] for i in range(SAMPLE)]
    seed = [e for e in library.exercises.values() if not e.needs_review]
    exercises = {e.id: e for e in [*seed, *picked]}
    ordered = dict(sorted(exercises.items(), key=lambda kv: (kv[1].title.casefold(), kv[0])))
    sample = dataclasses.replace(library, exercises=MappingProxyType(ordered))
    where = tmp_path_factory.mktemp("library-booklet")
    return sample, build(sample, where)


def test_the_whole_library_is_planned_once_each_by_area_in_the_guides_order(
    library: Library,
) -> None:
    assert len(library.exercises) >= 870  # the seed and every importable upstream entry
    plan = plan_book(library)
    printed = [e.id for e in plan.printed()]
    assert sorted(printed) == sorted(library.exercises)
    ranks = routine_ranks(library)
    assert [a.id for a in plan.areas] == library.body_areas()
    for area in plan.areas:
        assert all(e.body_areas[0] == area.id for e in area.printed)
        assert all(area.id in e.body_areas[1:] for e in area.elsewhere)
        keys = [sort_key(e, ranks) for e in area.printed]
        assert keys == sorted(keys)
    # Every page number is distinct, and the index names each exercise's own page.
    pages = page_map(plan, 7, tuple(3 for _ in plan.areas))
    assert len(set(pages.exercise.values())) == len(printed)
    names = index_context(library, plan, pages)["names"]
    assert {e["id"]: e["page"] for e in names} == pages.exercise


def test_sample_booklet_reads_back_whole(sample_build: tuple[Library, BuildReport]) -> None:
    # Sections per area holding their exercises once each, in the guide's order, their lists and
    # the index with page numbers that land, bookmarks that mirror it all, every page numbered.
    # The same checker reads back the whole library's booklet in the scale benchmark.
    sample, report = sample_build
    assert len(sample.body_areas()) > 5
    assert booklet_failures(report.files[BOOKLET], sample) == []
