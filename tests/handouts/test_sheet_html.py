"""The handout's print HTML: patient words are escaped, doses read as words, large print hides figure text."""

from __future__ import annotations

import dataclasses
import re
from types import MappingProxyType

import pytest

from exercise_guide.content import load_library
from exercise_guide.dates import human_date
from exercise_guide.handouts.options import HandoutOptions, apply_options
from exercise_guide.handouts.plan import personalised, routine_sheet
from exercise_guide.handouts.prescription import read_prescription
from exercise_guide.handouts.sheet import dose_lines, handout_html
from exercise_guide.model import Dose
from exercise_guide.pdf.documents import print_figure
from exercise_guide.sessions import MAX_SESSIONS, sessions_per_day
from exercise_guide.strings import strings
from tests.support import CONTENT, REPO
from tests.support import SHIPPED as TEMPLATES


def test_patient_words_are_escaped_not_markup() -> None:
    library = load_library(CONTENT)
    rx = apply_options(
        None,
        HandoutOptions(
            routine="upper-back-loosening",
            patient="<script>alert(1)</script> & Zoë",
            note="</p><img src=http://example.org/x.png>",
        ),
    )
    html = handout_html(library, personalised(library, rx), TEMPLATES)
    assert "<script>alert" not in html and "<img src=http" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Zoë" in html
    assert "&lt;/p&gt;&lt;img src=http://example.org/x.png&gt;" in html


def test_a_routine_sheet_names_nobody() -> None:
    library = load_library(CONTENT)
    html = handout_html(library, routine_sheet(library, "upper-back-loosening"), TEMPLATES)
    assert 'class="patient"' not in html and "handout_for" not in html
    assert strings()["handout_for"] + ":" not in html


@pytest.mark.parametrize(
    ("dose", "lines"),
    [
        (Dose(reps="10", sets="2"), [("Repeat", "10 times"), ("Sets", "2")]),
        (Dose(reps="8-12"), [("Repeat", "8-12 times")]),
        (Dose(reps="three or four times"), [("Repeat", "three or four times")]),
        (
            Dose(hold="5 seconds", frequency="daily", duration="1 minute"),
            [("Hold", "5 seconds"), ("Duration", "1 minute"), ("How often", "daily")],
        ),
        (Dose(), []),
    ],
)
def test_dose_lines(dose: Dose, lines: list[tuple[str, str]]) -> None:
    assert dose_lines(dose, strings()) == lines


def test_print_figures_carry_no_words_of_their_own() -> None:
    # Words at figure scale print far below 9 pt; the breath cue is printed beside the figure.
    library = load_library(CONTENT)
    exercise = library.exercises["upper-back-loosener"]
    for index in range(len(exercise.steps)):
        svg = print_figure(library, exercise, index).svg
        assert svg is not None
        head, _, body = svg.partition(">")
        assert head.startswith("<svg") and body.startswith("<style>text { display: none; }</style>")
        assert "Breathe" not in body.split("</title>", 1)[-1]


def test_every_handout_figure_hides_its_text() -> None:
    library = load_library(CONTENT)
    steps = sum(
        len(library.exercises[i.exercise].steps)
        for i in library.routines["upper-back-loosening"].exercises
    )
    for large in (True, False):
        rx = apply_options(
            None,
            HandoutOptions(routine="upper-back-loosening", patient="Ann", large_print=large),
        )
        html = handout_html(library, personalised(library, rx), TEMPLATES)
        assert html.count("<style>text { display: none; }</style>") == steps


def test_handouts_print_arrow_labels_as_words() -> None:
    library = load_library(CONTENT)
    exercise = library.exercises["shoulder-rolling"]
    step = exercise.steps[1]
    labelled = step.model_copy(
        update={"motion": [m.model_copy(update={"label": "Roll forward"}) for m in step.motion]}
    )
    steps = [exercise.steps[0], labelled, *exercise.steps[2:]]
    exercises = {**library.exercises, exercise.id: exercise.model_copy(update={"steps": steps})}
    library = dataclasses.replace(library, exercises=MappingProxyType(exercises))
    for large in (True, False):
        rx = apply_options(
            None,
            HandoutOptions(exercises=["shoulder-rolling"], patient="Ann", large_print=large),
        )
        html = handout_html(library, personalised(library, rx), TEMPLATES)
        # The figure's words run on from the breath cue, in a span of their own.
        labels = re.findall(r'<span class="label">([^<]*)</span>', html)
        assert sum("Roll forward" in label for label in labels) == 1, labels
        # Every word the figure draws is printed beside it: the view too.
        assert any("Seen from the side" in label for label in labels), labels


def test_the_documented_example_prescription_is_valid() -> None:
    library = load_library(CONTENT)
    rx = read_prescription(REPO / "docs" / "examples" / "rx-example.yml")
    handout = personalised(library, rx)
    assert handout.patient is not None and handout.patient.name == "Alex Example"
    doses = {entry.exercise.id: entry.dose for entry in handout.entries if entry.prescribed}
    assert doses["shoulder-rolling"].sets == "2"
    assert doses["elbow-flapping"].frequency == "every morning"


@pytest.mark.parametrize(
    ("frequency", "boxes"),
    [
        (None, 1),
        ("every morning", 1),
        ("twice a day", 2),
        ("2-3 times a day", 3),
        ("two or three times a day", 3),
        ("several times a day", 3),
        ("10 times a day", MAX_SESSIONS),
        ("3 times a week", 1),
    ],
)
def test_sessions_a_day_from_the_dose_words(frequency: str | None, boxes: int) -> None:
    assert sessions_per_day(frequency) == boxes


def test_the_log_has_one_box_per_session_and_keeps_how_often_in_words() -> None:
    library = load_library(CONTENT)
    rx = apply_options(
        None,
        HandoutOptions(
            exercises=["shoulder-rolling", "elbow-flapping"],
            patient="Ann",
            doses=["shoulder-rolling=10@twice a day"],
            weeks=2,
        ),
    )
    html = handout_html(library, personalised(library, rx), TEMPLATES)
    log = html[html.index('<section class="log">') :]
    tables = re.findall(r'<table class="ticks">.*?</table>', log, re.S)
    assert len(tables) == 2
    # Shoulder Rolling twice a day: two boxes a day; Elbow Flapping "2-3 times a day": three.
    assert tables[0].count('class="box"') == 2 * 7 * 2 and "twice a day" in tables[0]
    assert tables[1].count('class="box"') == 3 * 7 * 2 and "2-3 times a day" in tables[1]


@pytest.mark.parametrize(
    ("text", "shown"),
    [("2026-12-01", "1 December 2026"), ("2026-02-30", "2026-02-30"), ("next week", "next week")],
)
def test_dates_are_written_for_people(text: str, shown: str) -> None:
    assert human_date(text, strings("en")) == shown
