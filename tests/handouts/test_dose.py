"""The dose syntax ID=REPS[xSETS][@FREQUENCY]: what it accepts and how it refuses."""

from __future__ import annotations

import pytest

from exercise_guide.handouts.dose import DoseSyntaxError, parse_amount, parse_assignment
from exercise_guide.model import Dose


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("10", Dose(reps="10")),
        ("8-12", Dose(reps="8-12")),
        ("10x2", Dose(reps="10", sets="2")),
        ("10X3", Dose(reps="10", sets="3")),
        ("10x2@twice a day", Dose(reps="10", sets="2", frequency="twice a day")),
        ("5@  every   morning ", Dose(reps="5", frequency="every morning")),
    ],
)
def test_amounts_that_parse(text: str, dose: Dose) -> None:
    assert parse_amount(text) == dose


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "is not a dose"),
        ("ten", "is not a dose"),
        ("0", "is not a dose"),
        ("10x", "is not a dose"),
        ("10x0", "is not a dose"),
        ("x2", "is not a dose"),
        ("-3", "is not a dose"),
        ("10@", "say how often"),
        ("10@   ", "say how often"),
        ("12-8", "low to high"),
        ("10@" + "a" * 121, "longer than 120"),
    ],
)
def test_amounts_that_are_refused(text: str, says: str) -> None:
    with pytest.raises(DoseSyntaxError, match=says):
        parse_amount(text)


def test_assignment_names_the_exercise() -> None:
    assert parse_assignment("shoulder-rolling=10x2@twice a day") == (
        "shoulder-rolling",
        Dose(reps="10", sets="2", frequency="twice a day"),
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("shoulder-rolling", "is not a dose"),
        ("=10", "is not a dose"),
        ("Shoulder Rolling=10", "is not an exercise id"),
        ("shoulder-rolling=", "is not a dose"),
    ],
)
def test_assignments_that_are_refused(text: str, says: str) -> None:
    with pytest.raises(DoseSyntaxError, match=says):
        parse_assignment(text)


def test_a_prescribed_dose_replaces_only_the_parts_it_gives() -> None:
    own = Dose(reps="three or four times", hold="several seconds", frequency="daily")
    merged = own.merged(parse_amount("10x2"))
    assert merged == Dose(reps="10", sets="2", hold="several seconds", frequency="daily")
