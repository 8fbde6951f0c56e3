"""Print HTML of the booklet's own pages (front matter, section openings, index), in the worker.

Each is made from plain data the parent planned (pdf/book.py), so the parent hashes that data
to find a cached document and never builds HTML itself.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import markdown
from markupsafe import Markup

from ..content import Library
from ..figures import render_step
from ..model import Exercise
from ..pages.generate import safe_article_body
from ..template_folders import Templates
from ..templating import render
from .documents import PrintOptions, common_context, svg_data_url

BookKind = Literal["front", "section", "index"]
TEMPLATES = {
    "front": "booklet_front.html",
    "section": "booklet_section.html",
    "index": "booklet_index.html",
}
# Links in an article point at site pages or the web; on paper they are plain words (a file:
# link would name a folder on the build machine, and a bare link goes nowhere when printed).
_LINK_TAG = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)
# Images in an article are the site's; the booklet shows their alt text in their place.
_IMAGE = re.compile(r"<img\b[^>]*?\balt=\"([^\"]*)\"[^>]*>|<img\b[^>]*>", re.IGNORECASE)


def article_html(body: str) -> Markup:
    """An article's Markdown as print HTML: raw HTML shown as text, headings one level down."""
    html = markdown.markdown(safe_article_body(body), extensions=["extra"], output_format="html")
    html = _LINK_TAG.sub("", html)
    html = _IMAGE.sub(lambda m: f'<span class="image-alt">{m.group(1) or ""}</span>', html)
    # The article's title is the page's h2; its own headings sit below it.
    html = re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
    # Made by Python-Markdown from text whose `<` was escaped first (safe_article_body).
    return Markup(html)


def _cover(library: Library, cover: dict[str, Any] | None) -> dict[str, str] | None:
    if cover is None:
        return None
    exercise = Exercise.model_validate(cover["exercise"])
    figure = render_step(library, exercise, int(cover["step"]))
    if figure.svg is None:
        assert figure.media is not None
        return {"src": figure.media.resolve().as_uri(), "alt": figure.alt}
    return {"src": svg_data_url(figure.svg), "alt": figure.alt}


def book_html(
    library: Library,
    kind: BookKind,
    context: dict[str, Any],
    options: PrintOptions,
    templates: Templates,
) -> str:
    """The HTML of one of the booklet's own documents."""
    guide = library.guide
    extra: dict[str, Any] = {}
    if kind == "front":
        extra["cover_figure"] = _cover(library, context["cover"])
        extra["article_bodies"] = {a["id"]: article_html(a["body"]) for a in context["articles"]}
    return render(
        templates.sub("print"),
        TEMPLATES[kind],
        autoescape=True,
        external_styles=True,
        book=context,
        paper=options.paper,
        layout="poster",
        **extra,
        **common_context(library, guide.title, guide.description),
    )
