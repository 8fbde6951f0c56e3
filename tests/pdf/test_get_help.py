"""The guide's "when to get help" words: in a box on every kind of PDF when set, nowhere when not."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from types import MappingProxyType

import pytest

from exercise_guide.content import Library
from exercise_guide.handouts.issue import issue_handout
from exercise_guide.handouts.options import HandoutOptions
from exercise_guide.model import RoutineItem
from exercise_guide.pdf import PrintOptions
from tests.checkers import verapdf_failures
from tests.handouts.support import squash
from tests.pdf.conftest import TEMPLATES, build

HEADING = "When to get help"
# Test words, not advice: the box prints whatever the clinic writes.
LINES = ["Clinic line one for the help box.", "Clinic line two, printed in the same box."]
EXERCISE = "elbow-flapping"
ROUTINE = "upper-back-loosening"


def _library(shipped: Library, get_help: list[str]) -> Library:
    """One exercise and the routine with just that one, with the guide's get_help set as given."""
    shipped_routine = shipped.routines[ROUTINE]
    routine = shipped_routine.model_copy(update={"exercises": [RoutineItem(exercise=EXERCISE)]})
    return dataclasses.replace(
        shipped,
        guide=shipped.guide.model_copy(update={"get_help": get_help}),
        exercises=MappingProxyType({EXERCISE: shipped.exercises[EXERCISE]}),
        routines=MappingProxyType({ROUTINE: routine}),
    )


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(
        # -raw reads in drawing order: the handout's two-column cover would otherwise interleave
        # the help box with the column beside it.
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
    )
    return [squash(page) for page in out.stdout.decode("utf-8").split("\f") if page.strip()]


def _every_kind(library: Library, where: Path) -> dict[str, Path]:
    """Each kind of PDF for the library: A4 poster, desk poster, booklet, routine sheet, handout."""
    a4 = build(library, where / "a4", routines=True)
    desk = build(
        library,
        where / "desk",
        options=PrintOptions(paper="A4", layout="desk"),
        booklet=False,
        routines=False,
    )
    handout = issue_handout(
        library,
        HandoutOptions(routine=ROUTINE, patient="Pat Example"),
        None,
        where / "handout.pdf",
        TEMPLATES,
    )
    assert f"{EXERCISE}-desk.pdf" in desk.files, desk.files
    assert a4.files.keys() >= {f"{EXERCISE}.pdf", "guide.pdf", f"routine-{ROUTINE}.pdf"}, a4.files
    return {
        "poster": where / "a4" / "out" / f"{EXERCISE}.pdf",
        "desk poster": where / "desk" / "out" / f"{EXERCISE}-desk.pdf",
        "booklet": where / "a4" / "out" / "guide.pdf",
        "routine sheet": where / "a4" / "out" / f"routine-{ROUTINE}.pdf",
        "handout": handout,
    }


@pytest.fixture(scope="module")
def with_help(shipped: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind of PDF of a guide that sets get_help."""
    return _every_kind(_library(shipped, LINES), tmp_path_factory.mktemp("with-help"))


@pytest.fixture(scope="module")
def without_help(shipped: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind of PDF of a guide that leaves get_help out."""
    return _every_kind(_library(shipped, []), tmp_path_factory.mktemp("without-help"))


def test_every_kind_prints_the_box_with_every_line(with_help: dict[str, Path]) -> None:
    for kind, pdf in with_help.items():
        text = " ".join(_pages(pdf))
        assert text.count(HEADING) == 1, kind
        # Heading, then the clinic's lines in their order, together in one box (in drawing
        # order a list's bullets come after its text, so they are left out here).
        assert f"{HEADING} {LINES[0]} {LINES[1]}" in text.replace("• ", ""), kind


def test_the_booklet_prints_it_on_the_exercise_page(with_help: dict[str, Path]) -> None:
    title = "Elbow Flapping"
    pages = [page for page in _pages(with_help["booklet"]) if HEADING in page]
    assert len(pages) == 1
    assert title in pages[0] and "Steps" in pages[0]


def test_no_kind_prints_a_box_when_it_is_not_set(without_help: dict[str, Path]) -> None:
    for kind, pdf in without_help.items():
        text = " ".join(_pages(pdf))
        assert HEADING not in text, kind
        assert "Steps" in text or "Your exercise log" in text, kind  # the PDF has its content


def test_every_kind_with_the_box_passes_pdfua_1(with_help: dict[str, Path]) -> None:
    # The seed sets no get_help, so tests/pdf/test_pdfua.py never sees the box: checked here.
    results = verapdf_failures(with_help.values())
    assert set(results) == set(with_help.values())
    failing = {
        kind: [str(r) for r in results[pdf]] for kind, pdf in with_help.items() if results[pdf]
    }
    assert not failing, failing
