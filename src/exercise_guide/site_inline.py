"""An exercise page's animation SVG, kept out of the HTML parsers that have no use for it.

An exercise page embeds its animation inline (templates/site/exercise.md.j2): at 873 exercises
about 28 KB and 777 of a page's 1670 tags. Python-Markdown's raw HTML parsers (md_in_html's,
and MkDocs' collector of anchor ids) and Material's search index walked every one of those tags
on every cold build, for nothing: Markdown passes a raw HTML block through as it stands, and
the search index skips the figure (`data-search-exclude`). So the plugin hands MkDocs each page
with its animation cut out and, in its place, a comment naming the SVG by its hash (every page
cache key made from the page's Markdown or HTML still covers the drawing), and puts the SVG
back into the page's HTML after the search index has read it, before the theme prints it: the
written page is the same, byte for byte.

Only an animation that opens a `<figure data-search-exclude>` at the start of a line (as the
packaged template prints it) is cut: there Markdown passes the figure as raw HTML whatever
holds it, and the search index skips all of it. Printed anywhere else (a guide's own template),
it stays inline, and is parsed as before.

Only the MkDocs plugin does this: the Markdown that `exercise-guide pages` writes for Zensical,
which runs no plugins, carries the SVG inline.
"""

from __future__ import annotations

import hashlib
import html
import re

# An animation's root (figures/animate.py: class "eg-animation", then the exercise's own) first in
# a figure that the search index skips, opened at the start of a line.
_ANIMATION = re.compile(
    r"^<figure\b[^>\n]*\sdata-search-exclude(?=[\s>=])[^>\n]*>"
    r'(?=<svg\b[^>]*\bclass="eg-animation[\s"])',
    re.MULTILINE,
)
_OPEN, _CLOSE = "<svg", "</svg>"
# The ids MkDocs' anchor collector would find in the SVG: an element's id (an SVG holds no
# <a name>). The drawing is one line, its attributes double-quoted and space-separated, and its
# text escapes any quote. (A literal space: ten times faster than \s.)
_ID = re.compile(r' id="([^"]*)"')
_PLACEHOLDER = "<!--exercise-guide:svg:{}-->"

# Placeholder comment → the SVG it stands for, for one page.
CutSvgs = dict[str, str]


class LostPlaceholder(Exception):
    """A cut SVG's placeholder is not in the page's HTML: the SVG has nowhere to go back."""


def cut_animations(markdown: str) -> tuple[str, CutSvgs]:
    """The Markdown with each animation SVG replaced by a comment naming its hash, and what
    each comment stands for (nothing cut: the Markdown as it is, and no comments)."""
    svgs: CutSvgs = {}
    kept: list[str] = []
    at = 0
    while (found := _ANIMATION.search(markdown, at)) is not None:
        start = found.end()
        end = _element_end(markdown, start)
        if end is None:
            break  # an unclosed <svg>: it and the rest stay inline, as Markdown gets them
        svg = markdown[start:end]
        placeholder = _PLACEHOLDER.format(hashlib.sha256(svg.encode()).hexdigest())
        svgs[placeholder] = svg
        kept += [markdown[at:start], placeholder]
        at = end
    if not svgs:
        return markdown, svgs
    kept.append(markdown[at:])
    return "".join(kept), svgs


def _element_end(text: str, start: int) -> int | None:
    """Where the <svg> element opening at `start` ends (after its own </svg>), or None."""
    # By str.find and str.count, not a regular expression: a third of the time, on every build.
    open_tags, at = 0, start
    while (close := text.find(_CLOSE, at)) >= 0:
        open_tags += text.count(_OPEN, at, close) - 1
        at = close + len(_CLOSE)
        if open_tags == 0:
            return at
    return None


def svgs_back(page_html: str, svgs: CutSvgs) -> str:
    """The page's HTML with each placeholder replaced by its SVG again; raises LostPlaceholder
    when one is missing (Markdown did not pass it through)."""
    for placeholder, svg in svgs.items():
        if placeholder not in page_html:
            raise LostPlaceholder(placeholder)
        page_html = page_html.replace(placeholder, svg)
    return page_html


def anchor_ids(svgs: CutSvgs) -> set[str]:
    """The element ids in the cut SVGs: links to them are checked as when the SVG was inline."""
    return {html.unescape(found) for svg in svgs.values() for found in _ID.findall(svg)}
