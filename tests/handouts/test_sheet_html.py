"""The handout's print HTML: patient words are escaped, doses read as words, large print hides figure text."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from exercise_guide.content import load_library
from exercise_guide.handouts.options import HandoutOptions, apply_options
from exercise_guide.handouts.plan import personalised, routine_sheet
from exercise_guide.handouts.prescription import read_prescription
from exercise_guide.handouts.sheet import dose_lines, handout_html, large_print_svg
from exercise_guide.model import Dose
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


def test_large_print_figures_hide_their_own_text_only() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>Breathe in</text></svg>'
    )
    out = large_print_svg(svg)
    assert out.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>')
    assert "text { display: none; }" in out and out.endswith("<text>Breathe in</text></svg>")


def test_large_print_hides_the_text_of_every_figure() -> None:
    library = load_library(CONTENT)
    rx = apply_options(
        None,
        HandoutOptions(routine="upper-back-loosening", patient="Ann", large_print=True),
    )
    html = handout_html(library, personalised(library, rx), TEMPLATES)
    assert 'class="handout paper-A4 large"' in html
    assert html.count("<style>text { display: none; }</style>") == sum(
        len(library.exercises[i.exercise].steps)
        for i in library.routines["upper-back-loosening"].exercises
    )


def test_large_print_prints_arrow_labels_as_words() -> None:
    library = load_library(CONTENT)
    exercise = library.exercises["shoulder-rolling"]
    step = exercise.steps[1]
    labelled = step.model_copy(
        update={"motion": [m.model_copy(update={"label": "Roll forward"}) for m in step.motion]}
    )
    steps = [exercise.steps[0], labelled, *exercise.steps[2:]]
    exercises = {**library.exercises, exercise.id: exercise.model_copy(update={"steps": steps})}
    library = dataclasses.replace(library, exercises=MappingProxyType(exercises))
    for large, shown in ((True, 1), (False, 0)):
        rx = apply_options(
            None,
            HandoutOptions(exercises=["shoulder-rolling"], patient="Ann", large_print=large),
        )
        html = handout_html(library, personalised(library, rx), TEMPLATES)
        assert html.count('<p class="label">Roll forward</p>') == shown


def test_the_documented_example_prescription_is_valid() -> None:
    library = load_library(CONTENT)
    rx = read_prescription(REPO / "docs" / "examples" / "rx-example.yml")
    handout = personalised(library, rx)
    assert handout.patient is not None and handout.patient.name == "Alex Example"
    doses = {entry.exercise.id: entry.dose for entry in handout.entries if entry.prescribed}
    assert doses["shoulder-rolling"].sets == "2"
    assert doses["elbow-flapping"].frequency == "every morning"
