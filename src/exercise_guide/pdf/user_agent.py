"""The user-agent stylesheet posters and booklet documents are laid out with: WeasyPrint's own,
less its rules for footnotes and notes when the document makes none.

WeasyPrint 70's stylesheet styles five pseudo-elements of every element through universal rules
(`::footnote-call`, `::footnote-marker`, `::note-call`, `::note-marker`, `::note-callback`), so
each element of a poster was styled six times: 426 computed styles for its 59 elements. Those
pseudo-elements only ever appear for a footnote (`float: footnote`) or a note (`position:
note(...)`); for a document whose HTML and CSS make neither, laying it out without those five
rules gives byte-identical PDFs about 8% sooner (measured on 82 posters of the 873-exercise
library).

This overrides `HTML._ua_stylesheets`, WeasyPrint internals of the release pyproject pins
(`USER_AGENT_VERSION`). With another release, a stylesheet whose note rules are not found as
written, a document that mentions footnotes or notes anywhere, or one that links or imports
styles this cannot read, WeasyPrint's `HTML` is used as it is.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import weasyprint
from weasyprint import CSS, HTML
from weasyprint import html as stock

# The WeasyPrint release whose user-agent stylesheet and `_ua_stylesheets` this was written against.
USER_AGENT_VERSION = "70.0"
NOTE_RULES = (
    "::footnote-call {",
    "::footnote-marker {",
    "::note-call {",
    "::note-marker {",
    "::note-callback {",
)
# What may make a footnote (`float: footnote`) or a note (`position: note(...)`), in a stylesheet,
# a style attribute or anywhere else: erring on the side of the stock stylesheet, which is only slower.
_MAY_MAKE_NOTES = re.compile(r"footnote|note\s*\(", re.IGNORECASE)
# Styles from elsewhere (a linked or imported stylesheet) cannot be checked here.
_STYLES_ELSEWHERE = re.compile(r"<link\b|@import", re.IGNORECASE)


def without_note_rules(stylesheet: str) -> str | None:
    """The stylesheet's text without its five note rules, or None unless each is found once."""
    lines = stylesheet.splitlines()
    found = [rule for line in lines for rule in NOTE_RULES if line.startswith(rule)]
    if sorted(found) != sorted(NOTE_RULES):
        return None
    return "\n".join(line for line in lines if not line.startswith(NOTE_RULES))


@functools.cache
def _note_free_sheet() -> Any:
    """WeasyPrint's user-agent stylesheet without the note rules, parsed once per worker."""
    if weasyprint.__version__ != USER_AGENT_VERSION:
        return None
    text = without_note_rules(stock.UA)
    return None if text is None else CSS(string=text, counter_style=stock.UA_COUNTER_STYLE)


class NoteFreeHTML(HTML):  # type: ignore[misc]
    """WeasyPrint's HTML laid out with the note-free user-agent stylesheet."""

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        sheets: list[Any] = super()._ua_stylesheets(forms)
        return [_note_free_sheet() if sheet is stock.UA_STYLESHEET else sheet for sheet in sheets]


def html_class(html: str, css: str) -> Any:
    """The HTML class to lay out this document with: note-free unless it may make notes."""
    if (
        _note_free_sheet() is None
        or _STYLES_ELSEWHERE.search(html)
        or _STYLES_ELSEWHERE.search(css)
    ):
        return HTML
    if _MAY_MAKE_NOTES.search(css) or _MAY_MAKE_NOTES.search(html):
        return HTML
    return NoteFreeHTML
