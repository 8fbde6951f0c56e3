"""An imported library builds: `mkdocs build --strict` passes with a poster for every exercise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.strings import strings
from tests.importers.support import run_import
from tests.pdf.readers import pdf_text, pdfinfo, squash
from tests.site.support import copy_project, mkdocs_build
from tests.support import FREE_EXERCISE_DB

SIZE = 40


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Path]:
    """The project's seed plus 40 imported exercises, built with the real mkdocs and PDF engine."""
    root = tmp_path_factory.mktemp("imported-site")
    project = copy_project(root / "project")
    entries = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))
    # Spread over the whole file, so every category, level and body area shows up.
    sample = [entries[i * len(entries) // SIZE] for i in range(SIZE)]
    dataset = root / "sample.json"
    dataset.write_text(json.dumps(sample), encoding="utf-8")
    imported = run_import(dataset, "--out", project / "content" / "exercises")
    assert imported.returncode == 0, imported.stderr
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return load_library(project / "content"), site


def _imported(library: Library) -> list[str]:
    return [ex.id for ex in library.exercises.values() if ex.needs_review]


def test_the_imported_library_is_large_and_built_strictly(built: tuple[Library, Path]) -> None:
    library, site = built
    assert len(_imported(library)) >= SIZE - 2  # a few upstream entries have no instructions
    for exercise_id in library.exercises:
        assert (site / "exercises" / exercise_id / "index.html").is_file(), exercise_id


def test_site_pdf_holds_a_one_page_poster_for_every_exercise(built: tuple[Library, Path]) -> None:
    library, site = built
    posters = {p.stem for p in (site / "pdf").glob("*.pdf")} - {"guide"}
    assert {i for i in posters if not i.startswith("routine-")} == set(library.exercises)
    assert (site / "pdf" / "guide.pdf").is_file()
    for exercise_id in _imported(library)[:5]:
        assert pdfinfo(site / "pdf" / f"{exercise_id}.pdf")["Pages"] == "1"


def test_imported_pages_and_posters_carry_the_review_notice(built: tuple[Library, Path]) -> None:
    library, site = built
    notice = strings(library.guide.language)["review_needed"]
    for exercise_id in _imported(library)[:5]:
        page = (site / "exercises" / exercise_id / "index.html").read_text(encoding="utf-8")
        assert notice in page
        assert re.search(rf'href="[./]*pdf/{re.escape(exercise_id)}\.pdf"', page), exercise_id
        assert squash(notice) in squash(pdf_text(site / "pdf" / f"{exercise_id}.pdf"))
    seed_page = (site / "exercises" / "shoulder-rolling" / "index.html").read_text(encoding="utf-8")
    assert notice not in seed_page


def test_no_page_or_file_of_the_site_points_at_an_upstream_photo(
    built: tuple[Library, Path],
) -> None:
    _, site = built
    photos = re.compile(r"free-exercise-db/(?:exercises|dist)/|\d+\.jpg", re.IGNORECASE)
    assert not [p for p in site.rglob("*.html") if photos.search(p.read_text(encoding="utf-8"))]
    assert not [p for p in site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg")]
