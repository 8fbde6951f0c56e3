"""The booklet of the imported free-exercise-db library: the whole library's plan, and a booklet
built from a sample spread over it, read back (sections, bookmarks, index pages that land)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from types import MappingProxyType

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.pdf import BOOKLET, BuildReport, PdfBuild, PrintOptions
from exercise_guide.pdf.book import (
    first_guess,
    front_context,
    index_context,
    page_map,
    plan_book,
    section_context,
)
from exercise_guide.pdf.jobs import BOOKLET_FRONT, BOOKLET_SECTION, RenderJob
from exercise_guide.pdf.render import booklet_document
from exercise_guide.reading_order import routine_ranks, sort_key
from tests.importers.support import run_import
from tests.pdf.booklet_readback import booklet_failures
from tests.pdf.conftest import TEMPLATES, build
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


def test_a_cold_build_guesses_the_whole_librarys_section_lengths_right(
    library: Library, tmp_path: Path
) -> None:
    """The front matter and every section opening come out as long as the first guess says, so a
    cold build lays each out once: their page numbers follow from those lengths, and a wrong
    guess lays every one out again (before the guess counted the entries: 1 page each, 3 to 10
    laid out)."""
    plan = plan_book(library)
    guess = first_guess(library, plan, library.guide.paper)
    pages = page_map(plan, *guess)
    engine = PdfBuild(library, templates=TEMPLATES, cache_dir=tmp_path)
    setup = engine.setup(PrintOptions(paper=library.guide.paper, layout="poster"))
    front = RenderJob(
        "front", setup, kind=BOOKLET_FRONT, payload=front_context(library, plan, pages)
    )
    laid_out = [booklet_document(front).pages]
    for area in plan.areas:
        context = section_context(library, area, pages)
        laid_out.append(
            booklet_document(RenderJob(area.id, setup, kind=BOOKLET_SECTION, payload=context)).pages
        )
    assert (laid_out[0], tuple(laid_out[1:])) == guess
    assert max(guess[1]) > 1  # sections of several pages, which the old guess missed
