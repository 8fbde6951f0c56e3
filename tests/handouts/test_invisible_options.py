"""A handout's own words (patient, clinician, date, note, review) hold no bidi control or other invisible
character either: it would make the printed name or note read differently from what was typed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from exercise_guide.handouts.options import HandoutOptions, apply_options
from exercise_guide.handouts.prescription import PrescriptionError
from tests.handouts.support import make_project, run_handout


@pytest.mark.parametrize("option", ["patient", "clinician", "date", "note", "review"])
def test_an_invisible_character_in_a_handout_option_is_refused(option: str) -> None:
    options = dataclasses.replace(
        HandoutOptions(routine="upper-back-loosening", patient="Ann Example"),
        **{option: "Ann \u202eelpmaxE"},
    )
    with pytest.raises(PrescriptionError) as caught:
        apply_options(None, options)
    [problem] = caught.value.lines
    assert problem.startswith(f"--{option}: holds the invisible character U+202E"), problem
    assert "elpmaxE" not in problem  # the value itself (a patient's name) is not repeated


def test_the_command_refuses_it_and_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = run_handout(
        project, "upper-back-loosening", "--patient", "Ann \u2066Example", "--out", "h.pdf"
    )
    assert result.returncode == 1
    assert "--patient: holds the invisible character U+2066 LEFT-TO-RIGHT ISOLATE" in result.stderr
    assert "Traceback" not in result.stderr and "Example" not in result.stderr
    assert not (project / "h.pdf").exists()


def test_a_prescription_file_with_one_is_refused_with_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "rx.yml").write_text(
        "routine: upper-back-loosening\npatient: Ann Example\nnote: Gently \u200bnow.\n",
        encoding="utf-8",
    )
    result = run_handout(project, "--from", "rx.yml", "--out", "h.pdf")
    assert result.returncode == 1
    assert "rx.yml:3: note: holds the invisible character U+200B ZERO WIDTH SPACE" in result.stderr
    assert not (project / "h.pdf").exists()
