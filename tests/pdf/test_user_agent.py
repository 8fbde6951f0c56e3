"""Posters are laid out without WeasyPrint's footnote and note rules: the same PDF, fewer styles."""

from __future__ import annotations

from typing import Any

import pytest
from weasyprint import CSS, HTML
from weasyprint import css as weasy_css
from weasyprint import html as stock

from exercise_guide.content import Library
from exercise_guide.pdf import PrintOptions
from exercise_guide.pdf.documents import PosterMaker
from exercise_guide.pdf.user_agent import NOTE_RULES, NoteFreeHTML, html_class, without_note_rules
from tests.pdf.conftest import TEMPLATES


def _poster(library: Library) -> tuple[str, str]:
    exercise = library.exercises["upper-back-loosener"]
    maker = PosterMaker(library, exercise, PrintOptions(paper=library.guide.paper), TEMPLATES)
    return maker.poster(0), maker.styles()


def _laid_out(maker: Any, html: str, css: str, library: Library) -> tuple[Any, int]:
    """A laid-out document and how many computed styles (elements and pseudo-elements) it took."""
    counted = 0
    original = weasy_css.StyleFor.set_computed_styles

    def count(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal counted
        counted += 1
        return original(self, *args, **kwargs)

    base_url = library.root.resolve().as_uri() + "/"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasy_css.StyleFor, "set_computed_styles", count)
        document = maker(string=html, base_url=base_url).render(
            stylesheets=[CSS(string=css, base_url=base_url)]
        )
    return document, counted


def test_only_the_five_note_rules_are_left_out() -> None:
    text = without_note_rules(stock.UA)
    assert text is not None
    assert len(stock.UA.splitlines()) - len(text.splitlines()) == len(NOTE_RULES)
    assert not any(rule in text for rule in NOTE_RULES)
    assert "::marker {" in text and "ol { list-style-type: decimal }" in text
    # A stylesheet that lacks one of them, or has one twice instead, is not trimmed at all.
    assert without_note_rules(stock.UA.replace("::note-callback {", "::other {")) is None
    twice = stock.UA.replace("::note-callback {", "::note-call {")
    assert without_note_rules(twice) is None


def test_a_poster_is_the_same_pdf_with_fewer_styles(shipped: Library) -> None:
    html, css = _poster(shipped)
    assert html_class(html, css) is NoteFreeHTML
    plain, plain_styles = _laid_out(HTML, html, css, shipped)
    trimmed, trimmed_styles = _laid_out(NoteFreeHTML, html, css, shipped)
    assert trimmed.write_pdf(pdf_identifier=b"0" * 32) == plain.write_pdf(pdf_identifier=b"0" * 32)
    # Each element had six styles (itself and five note pseudo-elements); now it has one or two.
    assert trimmed_styles * 2 < plain_styles


@pytest.mark.parametrize(
    ("html", "css"),
    [
        ('<p>Text<span style="float: footnote">A note.</span></p>', ""),
        ("<p>Text<span class='n'>A note.</span></p>", ".n { FLOAT : Footnote }"),
        # WeasyPrint's notes are positioned, not floated.
        ("<p>Text<span class='n'>A note.</span></p>", ".n { position: note(side) }"),
        ('<p>Text<span style="position:note(side)">A note.</span></p>', ""),
        # Styles it cannot read: linked or imported.
        ('<head><link rel="stylesheet" href="more.css"></head><p>Text</p>', ""),
        ("<p>Text</p>", '@import url("more.css");'),
        ("<p>Text</p>", '@IMPORT "more.css";'),
        ("<style>@import 'more.css';</style><p>Text</p>", ""),
    ],
)
def test_a_document_that_makes_notes_keeps_the_stock_rules(html: str, css: str) -> None:
    assert html_class(html, css) is HTML


def test_a_footnote_still_gets_its_call_in_the_stock_layout(shipped: Library) -> None:
    html = '<html lang="en"><body><p>Breathe<span style="float: footnote">Slowly.</span></p></body></html>'
    maker = html_class(html, "")
    document, _ = _laid_out(maker, html, "", shipped)
    calls = [
        box
        for page in document.pages
        for box in _descendants(page._page_box)
        if (getattr(box, "element_tag", None) or "").endswith("::footnote-call")
    ]
    assert calls, "the footnote call is drawn"


def _descendants(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", []):
        yield from _descendants(child)
