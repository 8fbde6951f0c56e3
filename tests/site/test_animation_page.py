"""Exercise pages carry the animation (and keep the numbered figures); the breath cue shows once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.figures.animate import render_animation
from exercise_guide.figures.style import FIGURE_HEIGHT, VIEW_BAND, WIDTH
from exercise_guide.figures.svg import num
from exercise_guide.pages import site_content
from exercise_guide.pages.paths import JS, figure_file
from exercise_guide.strings import strings
from tests.support import CONTENT, SHIPPED


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT)


def test_every_seed_exercise_page_shows_its_animation_and_its_numbered_figures(
    library: Library,
) -> None:
    content = site_content(library, SHIPPED)
    s = strings(library.guide.language)
    for exercise in library.exercises.values():
        page = content.pages[f"exercises/{exercise.id}.md"]
        animation = render_animation(library, exercise)
        assert animation is not None
        # Inline, so the page's button can pause it; one line, so Markdown passes it through.
        assert animation.svg in page and "\n" not in animation.svg
        figure = re.search(
            r'<figure class="eg-animation-figure" data-search-exclude>.*</figure>', page
        )
        assert figure is not None
        button = re.search(r"<button [^>]*>", figure.group(0))
        assert button is not None
        assert f'aria-controls="{animation.id}"' in button.group(0)
        assert f'id="{animation.id}"' in animation.svg
        assert f'data-play="{s["animation"]["play"]}"' in button.group(0)
        # The numbered step figures stay, one per step.
        assert page.count("{ .eg-figure loading=lazy") == len(exercise.steps)
        assert page.index("eg-animation-figure") < page.index('<ol class="eg-steps"')
    assert JS in content.files


def test_the_breath_cue_is_printed_once_as_text_not_in_the_figure(library: Library) -> None:
    """The site keeps the accessible text cue under each figure and draws none in the figure."""
    content = site_content(library, SHIPPED)
    words = strings(library.guide.language)["breath"]
    for exercise in library.exercises.values():
        page = content.pages[f"exercises/{exercise.id}.md"]
        steps = page[page.index('<ol class="eg-steps"') :]
        for i, step in enumerate(exercise.steps):
            assert step.breath is not None
            svg = content.files[figure_file(exercise.id, i)]
            assert isinstance(svg, bytes)
            assert words[step.breath].encode() not in svg, (exercise.id, i)
            # No band for the cue under the picture either: the view in words, then the picture.
            height = VIEW_BAND + FIGURE_HEIGHT
            assert f'viewBox="0 0 {num(WIDTH)} {num(height)}"'.encode() in svg
        # Each step's cue is in the page text, in the step's own paragraph.
        cues = re.findall(r'<span class="eg-breath">([^<]*)</span>', steps)
        assert cues == [words[s.breath] for s in exercise.steps if s.breath]


def test_the_built_page_carries_the_svg_whole_and_search_leaves_it_out(
    library: Library, built_site: Path
) -> None:
    """MkDocs passes the inline SVG through untouched; its words stay out of the search index."""
    for exercise in library.exercises.values():
        animation = render_animation(library, exercise)
        assert animation is not None
        html = (built_site / "exercises" / exercise.id / "index.html").read_text(encoding="utf-8")
        assert animation.svg in html
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "Upper Back Loosener" in text  # the page itself is indexed
    assert "Animation seen" not in text and "Step 2 of 3" not in text
