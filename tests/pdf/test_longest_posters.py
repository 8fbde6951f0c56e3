"""The longest imported exercises still fit one A4 poster with every box the guide prints."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader

from exercise_guide.content import load_library
from exercise_guide.importers.runner import import_free_exercise_db
from exercise_guide.model import Exercise
from tests.pdf.conftest import build, only
from tests.support import CONTENT, FREE_EXERCISE_DB

LONGEST = 3


def _length(exercise: Exercise) -> int:
    # Step text, with each step's panel and figure weighing as much as 290 characters.
    return sum(len(step.text) + 290 for step in exercise.steps)


HELP = """
get_help:
  - Call the clinic if anything on this sheet worries you.
  - Ask the clinic before you start again after a break.
"""


def test_the_longest_imported_posters_fit_one_page_with_the_get_help_box(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    import_free_exercise_db(FREE_EXERCISE_DB, content / "exercises")
    guide = content / "guide.yml"
    # A clinic's help box, two lines long, as a real guide would set it.
    guide.write_text(guide.read_text(encoding="utf-8") + HELP, encoding="utf-8")
    library = load_library(content)
    assert library.guide.get_help
    seed = set(load_library(CONTENT).exercises)
    imported = [ex for ex in library.exercises.values() if ex.id not in seed]
    longest = sorted(imported, key=_length, reverse=True)[:LONGEST]

    build(only(library, *(ex.id for ex in longest)), tmp_path, booklet=False)

    for exercise in longest:
        poster = PdfReader(tmp_path / "out" / f"{exercise.id}.pdf")
        assert len(poster.pages) == 1, exercise.id
        assert "When to get help" in poster.pages[0].extract_text(), exercise.id
