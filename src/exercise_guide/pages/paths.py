"""Where each generated page and file lives in the site, and links between them."""

from __future__ import annotations

import html
import posixpath
from typing import Any

from ..content import Library
from .escape import html_text

HOME = "index.md"
TAGS = "tags.md"
ROUTINES = "routines/index.md"
ARTICLES = "articles/index.md"
CSS = "assets/exercise-guide.css"
BRAND_CSS = "assets/brand.css"
JS = "assets/exercise-guide.js"
SEARCH_JS = "assets/search.js"
FONTS = "assets/fonts"
PROGRAMME = "programme.md"
PROGRAMME_URL = "programme/"
PROGRAMME_DATA = "assets/programme.json"
PROGRAMME_JS = "assets/programme.js"
PROGRAMME_CSS = "assets/programme.css"
QR_JS = "assets/vendor/qrcode-generator/qrcode.js"
QR_LICENCE = "assets/vendor/qrcode-generator/LICENSE"


def exercise_page(exercise_id: str) -> str:
    """The Markdown path of an exercise page."""
    return f"exercises/{exercise_id}.md"


def exercise_url(exercise_id: str) -> str:
    """The URL of an exercise page relative to the site root (the site uses directory URLs)."""
    return f"exercises/{exercise_id}/"


def routine_page(routine_id: str) -> str:
    """The Markdown path of a routine page."""
    return f"routines/{routine_id}.md"


def area_page(area: str) -> str:
    """The Markdown path of a body-area page (a section index, so the section title links to it)."""
    return f"areas/{area}/index.md"


def article_page(article_id: str) -> str:
    """The Markdown path of an article from content/pages/."""
    return f"articles/{article_id}.md"


def figure_file(exercise_id: str, index: int) -> str:
    """The site path of a step's generated figure (index is 0-based)."""
    return f"figures/{exercise_id}/step-{index + 1}.svg"


def media_file(name: str) -> str:
    """The site path of an authored image from content/media/."""
    return f"media/{name}"


def poster_pdf(exercise_id: str) -> str:
    """The site path of an exercise's poster."""
    return f"pdf/{exercise_id}.pdf"


def routine_pdf(routine_id: str) -> str:
    """The site path of a routine's sheet."""
    return f"pdf/routine-{routine_id}.pdf"


GUIDE_PDF = "pdf/guide.pdf"


def relative(from_page: str, target: str) -> str:
    """A link from one docs path to another, as MkDocs resolves Markdown links."""
    start = posixpath.dirname(from_page)
    to, at = target.split("/"), start.split("/") if start else []
    if not _plain_parts(to) or not _plain_parts(at):
        return posixpath.relpath(target, start or ".")
    # posixpath.relpath's answer for plain docs paths, without its two os.getcwd() calls (a
    # site has thousands of links, made again at every build).
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def _plain_parts(parts: list[str]) -> bool:
    return not any(part in ("", ".", "..") for part in parts)


# Every page carries its open nav section; past this many exercises an area is split into
# alphabetical groups, so a page's nav (and the whole site's size) grows linearly, not squared.
NAV_GROUP = 40


def navigation(library: Library, strings: dict[str, Any]) -> list[Any]:
    """The MkDocs nav: home, body areas (one pruned section each), routines, articles, tags
    (when guide.yml's `site.tags_page` asks for them), and the programme builder."""
    # Nav titles are printed unescaped by the theme, so content titles are HTML-escaped here.
    areas: list[Any] = []
    for area in library.body_areas():
        entries = [
            {html_text(ex.title): exercise_page(ex.id)}
            for ex in library.exercises_in(area)
            if ex.body_areas[0] == area
        ]
        areas.append(
            {html_text(library.body_area_title(area)): [area_page(area), *_grouped(entries)]}
        )
    nav: list[Any] = [{html_text(strings["home"]): HOME}]
    nav.append({html_text(strings["body_areas"]): areas})
    if library.routines:
        routines: list[Any] = [ROUTINES]
        routines += [{html_text(r.title): routine_page(r.id)} for r in library.routines.values()]
        nav.append({html_text(strings["routines"]): routines})
    if library.articles:
        articles: list[Any] = [ARTICLES]
        articles += [{html_text(a.title): article_page(a.id)} for a in library.articles.values()]
        nav.append({html_text(strings["articles"]): articles})
    if library.guide.site.tags_page:
        nav.append({html_text(strings["tags"]): TAGS})
    nav.append({html_text(strings["programme"]): PROGRAMME})
    return nav


def _grouped(entries: list[dict[str, str]]) -> list[Any]:
    if len(entries) <= NAV_GROUP:
        return list(entries)
    groups: list[Any] = []
    for start in range(0, len(entries), NAV_GROUP):
        chunk = entries[start : start + NAV_GROUP]
        first, last = next(iter(chunk[0])), next(iter(chunk[-1]))
        groups.append({f"{_initial(first)}–{_initial(last)}": chunk})
    return groups


def _initial(title: str) -> str:
    # Titles are already HTML-escaped; an entity's first character is not a letter to show.
    return html_text(html.unescape(title)[:1].upper())
