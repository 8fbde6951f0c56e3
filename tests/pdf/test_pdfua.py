"""Every kind of PDF the project makes passes veraPDF's PDF/UA-1 profile with no failed rule.

The PDFs are everything `exercise-guide pdf` writes on each paper size and layout, plus the
handouts: a new kind of PDF written by those commands is validated without touching this file.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import exercise_guide.handouts.kinds  # noqa: F401  (registers the handouts' kinds)
from exercise_guide.pdf.jobs import KINDS
from tests.checkers import verapdf_failures
from tests.support import CLI, REPO

# What each `exercise-guide pdf` run is asked for, by the name of its output folder.
PDF_RUNS = {
    "A4": ["--paper", "A4"],
    "Letter": ["--paper", "Letter"],
    "A3": ["--paper", "A3"],
    "desk": ["--layout", "desk"],
}
HANDOUTS = {
    # With a clinician and a review date, so page 1's contact block is validated too.
    "handout": [
        "--patient",
        "Pat Example",
        "--note",
        "Gently does it.",
        "--clinician",
        "Dr Example",
        "--review",
        "2026-12-15",
    ],
    "large-print handout": ["--patient", "Pat Example", "--large-print", "--paper", "Letter"],
}
EXPECTED_KINDS = {
    "poster A4",
    "poster Letter",
    "poster A3",
    "desk poster",
    "routine sheet",
    "booklet",
    "handout",
    "large-print handout",
}


# The print engine's registered kinds of document, and the kinds of PDF above that show them.
ENGINE_KINDS = {
    "poster": {"poster A4", "poster Letter", "poster A3"},
    "desk-poster": {"desk poster"},
    "booklet-front": {"booklet"},
    "booklet-section": {"booklet"},
    "booklet-index": {"booklet"},
    "routine-sheet": {"routine sheet"},
    "handout": {"handout", "large-print handout"},
}


def kind_of(pdf: Path) -> str:
    """The kind of PDF a file is, from the run that wrote it and its name."""
    run = pdf.parent.name
    if run in HANDOUTS:
        return run
    if pdf.name == "guide.pdf":
        return "booklet"
    if pdf.name.startswith("routine-"):
        return "routine sheet"
    return "desk poster" if run == "desk" else f"poster {run}"


def _cli(*args: str) -> None:
    done = subprocess.run(
        [str(CLI), *args], cwd=REPO, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"exercise-guide {' '.join(args)}: {done.stderr}"


@pytest.fixture(scope="module")
def every_pdf(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every PDF the project's commands write from the shipped content, one folder per run."""
    root = tmp_path_factory.mktemp("every-pdf")
    for run, options in PDF_RUNS.items():
        _cli(
            "pdf", "--out", str(root / run), "--cache", str(root / "cache"), "--jobs", "2", *options
        )
    for run, options in HANDOUTS.items():
        (root / run).mkdir()
        _cli("handout", "upper-back-loosening", "--out", str(root / run / "out.pdf"), *options)
    return sorted(root.glob("*/*.pdf"))


def test_every_kind_of_pdf_passes_pdfua_1(every_pdf: list[Path]) -> None:
    kinds = {kind_of(pdf) for pdf in every_pdf}
    assert kinds >= EXPECTED_KINDS, f"kinds not built: {EXPECTED_KINDS - kinds}"
    failing = {
        f"{kind_of(pdf)} ({pdf.parent.name}/{pdf.name})": [str(rule) for rule in rules]
        for pdf, rules in verapdf_failures(every_pdf).items()
        if rules
    }
    assert not failing, f"{len(failing)} of {len(every_pdf)} PDFs fail PDF/UA-1: {failing}"


def test_every_kind_the_print_engine_knows_is_validated_above() -> None:
    # A kind registered later fails here until this file builds it and names it in ENGINE_KINDS.
    assert set(KINDS) == set(ENGINE_KINDS)
    assert set().union(*ENGINE_KINDS.values()) == EXPECTED_KINDS
