"""The guide's "when to get help" words on every exercise page: a headed box when set, none when not."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import markdown
import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.pages import site_content
from exercise_guide.pages.paths import exercise_page
from tests.support import CONTENT, SHIPPED

# The site's Markdown extensions (mkdocs.yml) that build its boxes.
EXTENSIONS = ["admonition", "attr_list", "md_in_html"]
HEADING = "When to get help"
LINES = ["Clinic line one for the help box.", "Clinic line *two*, as the clinic wrote it."]


class _Box(HTMLParser):
    """The text of the admonition with class eg-get-help: its title, then each item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open divs inside the box; 0 when outside it
        self.boxes: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag == "div"
            if tag in ("p", "li"):
                self.boxes[-1].append("")
        elif tag == "div" and {"admonition", "eg-get-help"} <= set(classes):
            self.depth = 1
            self.boxes.append([])

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and self.boxes[-1]:
            self.boxes[-1][-1] += data


def _boxes(library: Library) -> dict[str, list[list[str]]]:
    pages = site_content(library, SHIPPED).pages
    found = {}
    for exercise_id in library.exercises:
        parser = _Box()
        parser.feed(markdown.markdown(pages[exercise_page(exercise_id)], extensions=EXTENSIONS))
        found[exercise_id] = [[" ".join(part.split()) for part in box] for box in parser.boxes]
    return found


@pytest.fixture(scope="module")
def shipped() -> Library:
    """The shipped content."""
    return load_library(CONTENT)


def test_every_exercise_page_has_the_box_with_every_line(shipped: Library) -> None:
    guide = shipped.guide.model_copy(update={"get_help": LINES})
    boxes = _boxes(dataclasses.replace(shipped, guide=guide))
    assert len(boxes) == 3
    for exercise_id, found in boxes.items():
        # One box: its heading, then the clinic's lines as written (no Markdown made of them).
        assert found == [[HEADING, *LINES]], exercise_id


def test_no_exercise_page_has_a_box_when_it_is_not_set(shipped: Library) -> None:
    guide = shipped.guide.model_copy(update={"get_help": []})
    library = dataclasses.replace(shipped, guide=guide)
    for exercise_id, found in _boxes(library).items():
        assert found == [], exercise_id
        page = site_content(library, SHIPPED).pages[exercise_page(exercise_id)]
        assert HEADING not in page
