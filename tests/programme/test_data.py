"""The programme page's data carries the clinic's details and the "when to get help" lines, so the
handout the browser prints shows them as the PDF handout does; nothing of a patient is in it."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from exercise_guide.content import Library, load_library
from exercise_guide.programme.data import programme_data
from exercise_guide.sessions import MAX_SESSIONS, sessions_rule
from tests.support import CONTENT


def _guide_data(library: Library) -> Any:
    ids = list(library.exercises)
    figures = {i: ["f.svg"] * len(library.exercises[i].steps) for i in ids}
    alts = {i: ["alt"] * len(library.exercises[i].steps) for i in ids}
    pages = {i: f"exercises/{i}/" for i in ids}
    return json.loads(programme_data(library, figures, alts, pages, None))["guide"]


def test_the_clinic_and_get_help_are_in_the_page_data() -> None:
    shipped = load_library(CONTENT)
    branding = shipped.guide.branding.model_copy(
        update={"phone": "01632 960 123", "address": "4 Quarry Lane", "web": "www.clinic.test"}
    )
    lines = ["Clinic line one.", "Clinic line two."]
    guide = shipped.guide.model_copy(update={"branding": branding, "get_help": lines})
    data = _guide_data(dataclasses.replace(shipped, guide=guide))
    assert (data["phone"], data["address"], data["web"]) == (
        "01632 960 123",
        "4 Quarry Lane",
        "www.clinic.test",
    )
    assert data["get_help"] == lines


def test_left_out_they_are_empty() -> None:
    shipped = load_library(CONTENT)
    guide = shipped.guide.model_copy(update={"get_help": []})
    data = _guide_data(dataclasses.replace(shipped, guide=guide))
    assert (data["phone"], data["address"], data["web"], data["get_help"]) == ("", "", "", [])


def test_the_page_data_carries_the_handouts_rule_for_log_boxes() -> None:
    library = load_library(CONTENT)
    ids = list(library.exercises)
    figures = {i: ["f.svg"] * len(library.exercises[i].steps) for i in ids}
    pages = {i: f"exercises/{i}/" for i in ids}
    data = json.loads(programme_data(library, figures, figures, pages, None))
    assert data["sessions"] == sessions_rule()
    assert data["sessions"]["max"] == MAX_SESSIONS
    # The patterns read the same in JavaScript: no inline flags, named groups or lookbehind.
    for pattern in (data["sessions"]["daily"], data["sessions"]["count"]):
        assert "(?i" not in pattern and "(?P" not in pattern and "(?<" not in pattern
