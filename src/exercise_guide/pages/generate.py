"""Library → {docs path: Markdown}: every page of the site, rendered from the site/ templates."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import yaml

from ..content import Library
from ..model import Exercise
from ..reading_order import guide_order
from ..strings import strings
from ..template_folders import Templates
from ..templating import environment, render
from ..yamlsafe import load_package_yaml
from . import paths
from .assets import figure_path
from .escape import html_text, md_step, md_text
from .search_words import search_words

if TYPE_CHECKING:
    from ..figures.animate import Animation

# Exercise pages outrank area and article pages that merely mention the same words.
EXERCISE_BOOST = 4
ROUTINE_BOOST = 2
# The home page shows this many exercises as cards with a picture; the body areas list the rest.
HOME_CARDS = 24


def generate(
    library: Library,
    templates: Templates,
    alts: Mapping[str, Sequence[str]],
    pdfs: Collection[str] = (),
    animations: Mapping[str, Animation | None] | None = None,
    sizes: Mapping[str, tuple[int, int]] | None = None,
) -> dict[str, str]:
    """Every page of the site as Markdown; only PDFs named in `pdfs` (site paths) are linked.

    An exercise page shows its animation from `animations` (by exercise id) when there is one;
    `sizes` gives figures' width and height by site path, printed on their <img> tags.
    """
    _install_filters(templates)
    return _pages(library, templates, alts, pdfs, animations, sizes)


def _pages(
    library: Library,
    templates: Templates,
    alts: Mapping[str, Sequence[str]],
    pdfs: Collection[str],
    animations: Mapping[str, Animation | None] | None,
    sizes: Mapping[str, tuple[int, int]] | None,
) -> dict[str, str]:
    s = strings(library.guide.language)
    common = {"guide": library.guide, "library": library, "s": s, "pdfs": set(pdfs)}
    pages: dict[str, str] = {}

    def page(path: str, template: str, front: dict[str, Any], **context: Any) -> None:
        pages[path] = _page(templates, common, path, template, front, **context)

    # The theme appends the site name to every title; the home page is just "Home".
    shown = guide_order(library)
    cards = [_card(library, ex, alts[ex.id][0], sizes or {}) for ex in shown[:HOME_CARDS]]
    page(
        paths.HOME,
        "home.md.j2",
        # No table of contents: the cards are the page's contents, and its nested lists would
        # repeat the menu's "Body areas" as a second landmark of the same name.
        {"title": html_text(s["home"]), "hide": ["toc"]},
        cards=cards,
        more=len(shown) > HOME_CARDS,
        paths=paths,
    )
    for exercise in library.exercises.values():
        animation = (animations or {}).get(exercise.id)
        pages[paths.exercise_page(exercise.id)] = _exercise_page(
            library, templates, common, exercise, alts[exercise.id], animation, sizes or {}
        )
    for area in library.body_areas():
        page(
            paths.area_page(area),
            "area.md.j2",
            {"title": html_text(library.body_area_title(area))},
            area=area,
            paths=paths,
        )
    if library.routines:  # the nav lists the routines index only when there are routines
        page(paths.ROUTINES, "routines.md.j2", {"title": html_text(s["routines"])}, paths=paths)
    for routine in library.routines.values():
        front: dict[str, Any] = {
            "title": html_text(routine.title),
            "description": html_text(routine.purpose),
            "search": {"boost": ROUTINE_BOOST},
        }
        page(
            paths.routine_page(routine.id),
            "routine.md.j2",
            front,
            routine=routine,
            search=search_words(routine.keywords, s["lay_words"]),
            paths=paths,
        )
    if library.articles:
        page(paths.ARTICLES, "articles.md.j2", {"title": html_text(s["articles"])}, paths=paths)
    for article in library.articles.values():
        front = {"title": html_text(article.title)}
        if article.summary:
            front["description"] = html_text(article.summary)
        page(
            paths.article_page(article.id),
            "article.md.j2",
            front,
            article=article,
            body=media_from_article(safe_article_body(article.body)),
            paths=paths,
        )
    if library.guide.site.tags_page:
        page(paths.TAGS, "tags.md.j2", {"title": html_text(s["tags"])}, paths=paths)
    # The programme page is a shell the script fills in: nothing about it is worth searching.
    front = {"title": html_text(s["programme"]), "search": {"exclude": True}}
    page(paths.PROGRAMME, "programme.md.j2", front, paths=paths)
    return pages


def exercise_markdown(
    library: Library,
    templates: Templates,
    exercise: Exercise,
    alts: Sequence[str],
    pdfs: Collection[str] = (),
    animation: Animation | None = None,
    sizes: Mapping[str, tuple[int, int]] | None = None,
) -> str:
    """One exercise's page as generate() makes it (serve's one-page rebuild after an edit)."""
    _install_filters(templates)
    s = strings(library.guide.language)
    common = {"guide": library.guide, "library": library, "s": s, "pdfs": set(pdfs)}
    return _exercise_page(library, templates, common, exercise, alts, animation, sizes or {})


def _exercise_page(
    library: Library,
    templates: Templates,
    common: dict[str, Any],
    exercise: Exercise,
    alts: Sequence[str],
    animation: Animation | None,
    sizes: Mapping[str, tuple[int, int]],
) -> str:
    s = common["s"]
    figures = [figure_path(library, exercise.id, i) for i in range(len(exercise.steps))]
    return _page(
        templates,
        common,
        paths.exercise_page(exercise.id),
        "exercise.md.j2",
        _exercise_front(library, exercise, s),
        exercise=exercise,
        figures=figures,
        figure_sizes=[sizes.get(f) for f in figures],
        alts=alts,
        animation=animation,
        routines=[r for r in library.routines.values() if _in_routine(r, exercise.id)],
        search=search_words(exercise.keywords, s["lay_words"]),
        paths=paths,
    )


def _page(
    templates: Templates,
    common: dict[str, Any],
    path: str,
    template: str,
    front: dict[str, Any],
    **context: Any,
) -> str:
    link: Callable[[str], str] = lambda target: paths.relative(path, target)  # noqa: E731
    body = render(templates, f"site/{template}", autoescape=False, link=link, **common, **context)
    return _front_matter(front) + body


def edit_path(library: Library, docs_path: str) -> str | None:
    """The content file (relative to content/) a generated page is made from, for edit links."""
    kind, _, rest = docs_path.partition("/")
    item = rest.removesuffix(".md")
    if kind == "exercises" and item in library.exercises:
        return f"exercises/{item}.yml"
    if kind == "routines" and item in library.routines:
        return f"routines/{item}.yml"
    if kind == "articles" and item in library.articles:
        return f"pages/{item}.md"
    return None


def _card(
    library: Library, exercise: Exercise, alt: str, sizes: Mapping[str, tuple[int, int]]
) -> dict[str, Any]:
    figure = figure_path(library, exercise.id, 0)
    return {"exercise": exercise, "figure": figure, "size": sizes.get(figure), "alt": alt}


def tags_of(library: Library, exercise: Exercise) -> list[str]:
    """An exercise's tags: its body areas by name, then its own tags."""
    names = [library.body_area_title(a) for a in exercise.body_areas] + list(exercise.tags)
    return list(dict.fromkeys(names))


def _exercise_front(library: Library, exercise: Exercise, s: dict[str, Any]) -> dict[str, Any]:
    # MkDocs themes print titles, descriptions and tags without escaping: escape them here.
    front: dict[str, Any] = {
        "title": html_text(exercise.title),
        "description": html_text(exercise.summary),
        "tags": [html_text(t) for t in tags_of(library, exercise)],
        "search": {"boost": EXERCISE_BOOST},
    }
    if not library.guide.site.tags_page:
        # Without the tags page the tags lead nowhere: still searched (the index ranks by them),
        # not shown; the page lists its body areas, linked, at the end.
        front["hide"] = ["tags"]
    return front


def _in_routine(routine: Any, exercise_id: str) -> bool:
    return any(item.exercise == exercise_id for item in routine.exercises)


# libyaml's dumper when PyYAML has it: the same text, several times faster (a tenth of a
# serve rebuild at 873 exercises was the pure-Python dumper).
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter(front: dict[str, Any]) -> str:
    text = yaml.dump(front, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{text}---\n\n"


# MkDocs' own pattern for YAML front matter (mkdocs.utils.meta), so a page splits as it does there.
_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def read_front_matter(page: str) -> tuple[str, str] | None:
    """A generated page's front matter as it stands at the top of the page, and as JSON (what
    MkDocs' YAML parse makes of it), or None when it has none."""
    match = _FRONT.match(page)
    if match is None:
        return None
    meta = load_package_yaml(match[1])  # text this package wrote: the safe loader, as MkDocs'
    return (match[0], json.dumps(meta)) if isinstance(meta, dict) else None


_HTML_START = re.compile(r"<")
_SCHEME_LINK = re.compile(
    r"(\]\(\s*<?|^[ \t]*\[[^\]\n]+\]:[ \t]*<?)([a-zA-Z][a-zA-Z0-9+.-]*):", re.MULTILINE
)
_SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_article_body(body: str) -> str:
    """An article's Markdown with raw HTML shown as text and links to script URLs disarmed."""
    out: list[str] = []
    fenced = False
    for line in body.splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        # Code blocks show `<` literally already; everywhere else `<` would open raw HTML.
        out.append(line if fenced else _HTML_START.sub("&lt;", line))
    text = "".join(out)

    def disarm(match: re.Match[str]) -> str:
        scheme = match.group(2)
        if scheme.lower() in _SAFE_SCHEMES:
            return match.group(0)
        return f"{match.group(1)}#{scheme}-"

    return _SCHEME_LINK.sub(disarm, text)


_MEDIA_IMAGE = re.compile(r"(!\[(?:[^\]\\]|\\.)*\]\(\s*<?)media/")
_MEDIA_DEFINITION = re.compile(r"^( {0,3}\[[^\]\n]+\]:\s*<?)media/", re.MULTILINE)


def media_from_article(body: str) -> str:
    """An article's `media/...` images pointed at where the site publishes content/media/
    (the article page sits one folder down, in articles/)."""
    up = "../" * paths.article_page("x").count("/")
    body = _MEDIA_IMAGE.sub(rf"\g<1>{up}media/", body)
    return _MEDIA_DEFINITION.sub(rf"\g<1>{up}media/", body)


def _install_filters(templates: Templates) -> None:
    env = environment(templates, autoescape=False)
    env.filters["md"] = md_text
    env.filters["md_step"] = md_step
    env.filters["html"] = html_text
