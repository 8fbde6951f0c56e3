"""The poster's steps table and boxes share the page's width by what each has to say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from weasyprint import HTML

from exercise_guide.content import Library
from exercise_guide.pdf import PrintOptions
from exercise_guide.pdf.boxes import arrange
from exercise_guide.pdf.columns import (
    FIGURE_ASPECT,
    LEVELS,
    PAGE_WIDTH_MM,
    cell_extra,
    sizes,
    step_lines,
    step_widths,
)
from exercise_guide.pdf.documents import PosterMaker
from tests.pdf.conftest import TEMPLATES

SHORT = ("Stand with your arms by your sides.", ("Breathe normally",))
LONG = (" ".join(["Breathe in slowly and smoothly through your nose as you move."] * 9), ())


def _room(per: int, paper: str, fit: int) -> float:
    level = LEVELS[fit]
    return PAGE_WIDTH_MM[paper] - (per + 1) * level.spacing_mm - per * cell_extra(level)


@pytest.mark.parametrize(("paper", "fit"), [("A4", 0), ("A4", 1), ("Letter", 2), ("A3", 0)])
def test_columns_fill_the_row_and_none_is_narrower_than_its_figure(paper: str, fit: int) -> None:
    widths = step_widths([SHORT, LONG, SHORT], 3, paper, fit)
    assert sum(widths) == pytest.approx(_room(3, paper, fit))
    assert min(widths) >= sizes(paper, fit)[1] * FIGURE_ASPECT - 0.01
    # The long step's column is the widest, and its words take fewer lines than in even columns.
    assert widths[1] == max(widths) > widths[0]
    size = sizes(paper, fit)[0]
    assert step_lines(LONG, size, widths[1]) < step_lines(LONG, size, _room(3, paper, fit) / 3)


def test_each_row_s_long_step_gets_room_in_a_table_of_several_rows() -> None:
    # Row 1 runs long in its last column, row 2 in its first: both columns widen.
    steps = [SHORT, SHORT, LONG, LONG, SHORT, SHORT]
    widths = step_widths(steps, 3, "A4", 2)
    assert widths[0] > widths[1] and widths[2] > widths[1]


def test_short_steps_share_the_row_evenly() -> None:
    widths = step_widths([SHORT, SHORT, SHORT], 3, "A4", 0)
    assert max(widths) - min(widths) < 0.01


def test_a_help_box_beside_a_lone_safety_box_takes_a_column_of_its_own() -> None:
    groups = {
        "benefits": [],
        "tips": [],
        "safety": ["Stop if you feel any pain.", "Do it slowly and gently."],
        "cautions": [],
        "help": ["Call the clinic if anything on this sheet worries you."],
    }
    columns, widths, _ = arrange(groups, "A4", 0)
    assert columns == [["help"], ["safety"]]
    assert len(widths) == 2


def test_benefits_tips_and_safety_get_three_columns_when_that_is_shorter() -> None:
    groups = {
        "benefits": ["Loosens the shoulders", "Opens the chest"],
        "tips": ["Do it slowly", "Breathe out as you drop your arms"],
        "safety": ["Stop if you feel any pain."],
        "cautions": [],
        "help": [],
    }
    columns, widths, height = arrange(groups, "A4", 0)
    assert columns == [["benefits"], ["tips"], ["safety"]]
    assert height > 0 and sum(widths) == pytest.approx(PAGE_WIDTH_MM["A4"] - 2 * 4.0)


def _tables(box: Any) -> Iterator[Any]:
    if type(box).__name__ == "TableBox":
        yield box
    for child in getattr(box, "children", None) or ():
        yield from _tables(child)


@pytest.mark.parametrize("exercise_id", ["upper-back-loosener", "elbow-flapping"])
def test_a_poster_s_tables_are_fixed_and_its_box_columns_as_wide_as_arranged(
    shipped: Library, exercise_id: str
) -> None:
    maker = PosterMaker(
        shipped, shipped.exercises[exercise_id], PrintOptions(paper="A4"), TEMPLATES
    )
    base_url = shipped.root.resolve().as_uri() + "/"
    document = HTML(string=maker.poster(0, inline_styles=True), base_url=base_url).render()
    tables = list(_tables(document.pages[0]._page_box))
    assert {table.element.get("class") for table in tables} >= {"steps", "boxes"}
    for table in tables:
        # An auto layout measures every line of every cell before laying the table out.
        assert table.style["table_layout"] == "fixed", table.element.get("class")
        assert table.style["width"] != "auto", table.element.get("class")
    boxes = next(table for table in tables if table.element.get("class") == "boxes")
    cells = [cell for row in boxes.children[0].children for cell in row.children]
    assert len(cells) >= 2
    for cell in cells:
        arranged = float(re.fullmatch(r"width: ([\d.]+)mm", cell.element.get("style"))[1])
        assert cell.width * 25.4 / 96 == pytest.approx(arranged, abs=0.05)
