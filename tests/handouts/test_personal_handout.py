"""A personalised handout built by the real CLI, read back from the PDF."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from exercise_guide.content import load_library
from exercise_guide.figures import render_step
from tests.handouts.support import (
    figures_alt,
    has_pdfua_1,
    make_project,
    pdf_text,
    pdfinfo,
    poppler_text,
    run_handout,
    squash,
    unbroken,
    xmp,
)

PATIENT = "Marisol Øyen-Łukasiewicz"
CLINICIAN = "Dr Tomasz Whitfield"
DATE = "2026-11-24"
HUMAN_DATE = "24 November 2026"
NOTE = "Start with the first one; skip any that hurt."
DOSES = {
    "shoulder-rolling": ("10x2@twice a day", ["10 times", "Sets: 2", "twice a day"]),
    "elbow-flapping": ("8-12@every morning", ["8-12 times", "every morning"]),
}


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("personal") / "project")
    args = ["upper-back-loosening", "--patient", PATIENT, "--clinician", CLINICIAN]
    args += ["--date", DATE, "--note", NOTE, "--out", "out/handout.pdf"]
    for exercise_id, (dose, _) in DOSES.items():
        args += ["--dose", f"{exercise_id}={dose}"]
    result = run_handout(project, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote out/handout.pdf"
    return project, project / "out" / "handout.pdf"


@pytest.mark.parametrize("read", [pdf_text, poppler_text])
def test_it_holds_the_patient_details_and_note(
    handout: tuple[Path, Path], read: Callable[[Path], str]
) -> None:
    text = read(handout[1])
    for words in (PATIENT, CLINICIAN, HUMAN_DATE, NOTE):
        assert words in text
    assert DATE not in text  # dates are written for people, not as ISO


def test_every_page_footer_names_the_patient(handout: tuple[Path, Path]) -> None:
    pages = (
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(handout[1]), "-"], capture_output=True, check=True
        )
        .stdout.decode("utf-8")
        .split("\f")
    )
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"For: {PATIENT}" in squash(page), f"page {number} does not name the patient"


def test_it_holds_each_overridden_dose(handout: tuple[Path, Path]) -> None:
    text = pdf_text(handout[1])
    for shown in DOSES.values():
        for words in shown[1]:
            assert words in text
    # The prescribed dose replaces the exercise's own; it is not printed beside it.
    assert "Your dose (set for you) Repeat: 10 times Sets: 2 How often: twice a day" in text
    assert "Repeat: 10-15 times each way" not in text
    # An exercise without a prescribed dose keeps its own.
    assert "Your dose Repeat: three or four times Hold: several seconds" in text


@pytest.mark.parametrize("read", [pdf_text, poppler_text])
def test_it_holds_every_step_and_every_safety_line(
    handout: tuple[Path, Path], read: Callable[[Path], str]
) -> None:
    project, pdf = handout
    library = load_library(project / "content")
    text = unbroken(read(pdf))
    routine = library.routines["upper-back-loosening"]
    for item in routine.exercises:
        exercise = library.exercises[item.exercise]
        assert exercise.title in text
        for step in exercise.steps:
            assert unbroken(step.text) in text
        for line in exercise.safety:
            assert unbroken(line) in text
    assert unbroken(library.guide.disclaimer) in text


def test_every_step_has_its_figure_with_alt_text(handout: tuple[Path, Path]) -> None:
    project, pdf = handout
    library = load_library(project / "content")
    alts = figures_alt(pdf)
    expected = [
        render_step(library, library.exercises[item.exercise], i).alt
        for item in library.routines["upper-back-loosening"].exercises
        for i in range(len(library.exercises[item.exercise].steps))
    ]
    # Each figure's alt text says what the picture shows ("Seen from behind. ...").
    assert len(alts) == len(expected)
    assert all(alt.startswith("Seen ") for alt in alts)
    assert sorted(alts) == sorted(expected)


def test_it_is_tagged_pdf_ua_1_with_a_title_and_language(handout: tuple[Path, Path]) -> None:
    info = pdfinfo(handout[1])
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Upper back loosening"
    assert has_pdfua_1(handout[1])


def test_no_patient_detail_is_in_the_pdf_metadata(handout: tuple[Path, Path]) -> None:
    """The name and note are printed on the pages only: a file's metadata travels further (file
    managers, search indexes, document management systems show it without opening the file)."""
    pdf = handout[1]
    info = PdfReader(pdf).metadata or {}
    fields = [str(info.get(key, "")) for key in info]
    fields += list(pdfinfo(pdf).values())
    fields.append(xmp(pdf))
    assert {"/Title", "/Author"} <= set(info)  # the document is described, just not by patient
    for detail in (PATIENT, PATIENT.split()[0], NOTE):
        assert not [field for field in fields if detail in field], detail


def test_it_ends_with_the_adherence_log(handout: tuple[Path, Path]) -> None:
    text = pdf_text(handout[1])
    log = text.split("Your exercise log", 1)[1]
    # A tick grid per exercise: its title and dose, the days, and one row per week.
    assert "Upper Back Loosener: three or four times, several seconds, several times a day" in log
    assert "Shoulder Rolling: 10 times, 2, twice a day" in log
    # ... then the pain grid: a box a day, for a number from 0 to 10, one row per week.
    assert log.count("Week Mon Tue Wed Thu Fri Sat Sun 1 2 3 4 ") == 4
    pain = log.split("Pain, 0 to 10", 1)[1]
    assert pain.startswith(" Each day, write how much pain you had, from 0 (no pain) to 10")
    assert "Week Mon Tue Wed Thu Fri Sat Sun 1 2 3 4 " in pain
    assert "Bring this log to your next appointment." in log


def test_pages_are_a4_and_numbered(handout: tuple[Path, Path]) -> None:
    info = pdfinfo(handout[1])
    assert info["Page size"].startswith("595.276 x 841.89")
    pages = int(info["Pages"])
    text = pdf_text(handout[1])
    for page in range(1, pages + 1):
        assert f"{page} of {pages}" in text


def test_from_a_prescription_file_with_letter_paper_and_picked_exercises(
    handout: tuple[Path, Path],
) -> None:
    project = handout[0]
    rx = project / "rx" / "marisol.yml"
    rx.parent.mkdir()
    rx.write_text(
        f"patient: {PATIENT}\n"
        "clinician: Dr Whitfield\n"
        "date: 1 December 2026\n"
        "exercises:\n"
        "  - exercise: elbow-flapping\n"
        "    dose: {reps: 6, hold: 2 seconds}\n"
        "    note: Keep your elbows low.\n"
        "  - shoulder-rolling\n"
        "doses:\n"
        "  shoulder-rolling: 5x3@after lunch\n"
        "paper: Letter\n"
        "weeks: 2\n",
        encoding="utf-8",
    )
    result = run_handout(project, "--from", "rx/marisol.yml", "--note", "Re-issued.")
    assert result.returncode == 0, result.stderr
    pdf = rx.with_suffix(".pdf")
    text = pdf_text(pdf)
    assert pdfinfo(pdf)["Page size"].startswith("612 x 792")
    assert "Your home exercise programme" in text
    assert "1 December 2026" in text and "Re-issued." in text
    assert "Keep your elbows low." in text
    assert "6 times" in text and "Hold: 2 seconds" in text
    assert "5 times" in text and "Sets: 3" in text and "after lunch" in text
    log = text.split("Your exercise log", 1)[1]
    assert log.index("Elbow Flapping: 6 times, 2 seconds") < log.index("Shoulder Rolling: 5 times")
    assert "Upper Back Loosener:" not in log  # only the picked exercises
    # Two weeks: each grid (two exercises, then pain) has rows 1 and 2, and no third.
    assert log.count("Week Mon Tue Wed Thu Fri Sat Sun 1 2 For:") == 1  # the pain grid, last
    assert log.count("Week Mon Tue Wed Thu Fri Sat Sun 1 2 ") == 3
    assert "Sun 1 2 3" not in log
