"""Large print: every word on the page at least 18 pt, read back from the PDF's text runs.

Its pages (at most 7 for the seed routine, steps with their figures): test_pagination.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise_guide.content import load_library
from tests.handouts.support import make_project, pdf_text, run_handout, squash
from tests.pdf.readers import text_runs

ARGS = ["upper-back-loosening", "--patient", "Ann Example", "--note", "Slowly."]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("large") / "project")


@pytest.fixture(scope="module")
def large(project: Path) -> Path:
    result = run_handout(project, *ARGS, "--large-print", "--out", "large.pdf")
    assert result.returncode == 0, result.stderr
    return project / "large.pdf"


def test_the_smallest_text_is_at_least_18_pt(large: Path) -> None:
    runs = text_runs(large)
    assert len(runs) > 200  # the measurement saw the whole document, not an empty page
    smallest = min(runs, key=lambda run: run[1])
    assert smallest[1] >= 18.0 - 0.01, smallest


def test_the_same_measurement_finds_small_text_in_the_standard_handout(project: Path) -> None:
    # Proves the reading can fail: the standard handout has 9 pt footers and figure labels.
    result = run_handout(project, *ARGS, "--out", "standard.pdf")
    assert result.returncode == 0, result.stderr
    assert min(size for _, size, _ in text_runs(project / "standard.pdf")) < 12


def test_large_print_keeps_every_step_and_safety_line(project: Path, large: Path) -> None:
    library = load_library(project / "content")
    text = pdf_text(large)
    for item in library.routines["upper-back-loosening"].exercises:
        exercise = library.exercises[item.exercise]
        for line in [*(step.text for step in exercise.steps), *exercise.safety]:
            assert squash(line) in text
