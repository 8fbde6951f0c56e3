"""The booklet's plan: which exercise is printed where, in what order, and on which page.

The booklet is a book: front matter (cover, safety and how to use it, contents, the articles, the
routines), then one section per body area (a section page, then its exercises' pages), then an
index. Each exercise is printed once, in the section of its first body area; the sections of its
other areas list it with the page it is on. Within a section, exercises come in the order their
`order` sets, then in the order of the routines that hold them, then by title.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..content import Library
from ..model import Dose, Exercise, Paper
from ..reading_order import routine_ranks, sort_key


@dataclass(frozen=True)
class Area:
    """One body area's section: the exercises printed in it and those printed elsewhere."""

    id: str
    title: str
    printed: tuple[Exercise, ...]
    elsewhere: tuple[Exercise, ...]  # in this area, printed in the section of their first area


@dataclass(frozen=True)
class BookPlan:
    """The sections of the booklet, in order."""

    areas: tuple[Area, ...]

    def printed(self) -> list[Exercise]:
        """Every exercise in the order its page comes in the booklet."""
        return [exercise for area in self.areas for exercise in area.printed]


def plan_book(library: Library) -> BookPlan:
    """The booklet's sections: body areas in the guide's order, each exercise printed once."""
    ranks = routine_ranks(library)

    def ordered(exercises: Iterable[Exercise]) -> tuple[Exercise, ...]:
        return tuple(sorted(exercises, key=lambda ex: sort_key(ex, ranks)))

    areas = []
    for area in library.body_areas():
        members = library.exercises_in(area)
        areas.append(
            Area(
                id=area,
                title=library.body_area_title(area),
                printed=ordered(ex for ex in members if ex.body_areas[0] == area),
                elsewhere=ordered(ex for ex in members if ex.body_areas[0] != area),
            )
        )
    return BookPlan(tuple(areas))


@dataclass(frozen=True)
class PageMap:
    """Page numbers (from 1) of the booklet's sections, exercises and index."""

    front: int  # pages of front matter (cover to routines)
    sections: tuple[int, ...]  # pages of each area's opening pages, in plan order
    exercise: dict[str, int]
    area: dict[str, int]
    index: int


def page_map(plan: BookPlan, front: int, sections: tuple[int, ...]) -> PageMap:
    """Where everything lands when the front matter and the section openings run this long.

    Exercise pages are one page each (a poster always is), so this is known before any of the
    booklet's own pages are laid out.
    """
    exercise: dict[str, int] = {}
    area_pages: dict[str, int] = {}
    page = front + 1
    for area, length in zip(plan.areas, sections, strict=True):
        area_pages[area.id] = page
        page += length
        for printed in area.printed:
            exercise[printed.id] = page
            page += 1
    return PageMap(front, sections, exercise, area_pages, page)


# A section opening's list (booklet.css: 11 pt lines) holds about this many entries on an A4
# page, its headings taking about the room of a few: fitted on the ten sections of the seed plus
# all 873 imported entries and of the seed plus 100, which it guesses right (12 to 402 entries,
# 1 to 10 pages).
_ENTRIES_PER_A4_PAGE = 43
_HEADING_ENTRIES = 5
_PAGE_HEIGHT_MM: dict[Paper, float] = {"A4": 297.0, "Letter": 279.4, "A3": 420.0}
_MARGINS_MM = 20.0  # sheet.css's @page margin, top and bottom


def first_guess(
    library: Library, plan: BookPlan, paper: Paper = "A4"
) -> tuple[int, tuple[int, ...]]:
    """Lengths to lay out with first when no earlier build knows them: cover, safety and
    contents a page each, a page per article, a page of routines, and each section opening's
    pages from how many exercises it lists.

    A right guess saves laying out the front matter and every section opening a second time in
    a cold build (their page numbers follow from these lengths); a wrong one costs that second
    round, as before, never a wrong page number (`PdfBuild.booklet` lays out until they settle).
    """
    front = 3 + len(library.articles) + (1 if library.routines else 0)
    room = (_PAGE_HEIGHT_MM[paper] - _MARGINS_MM) / (_PAGE_HEIGHT_MM["A4"] - _MARGINS_MM)
    per_page = _ENTRIES_PER_A4_PAGE * room
    sections = tuple(
        max(1, math.ceil((len(a.printed) + len(a.elsewhere) + _HEADING_ENTRIES) / per_page))
        for a in plan.areas
    )
    return front, sections


# -- what each of the booklet's own documents prints (plain data: it goes to a render worker) ----

Context = dict[str, Any]


def _dose(exercise: Exercise, override: Dose | None) -> dict[str, str]:
    merged = exercise.dose.merged(override).model_dump()
    return {part: value for part, value in merged.items() if value}


def _entry(library: Library, exercise_id: str, pages: PageMap) -> Context:
    exercise = library.exercises[exercise_id]
    home = exercise.body_areas[0]
    return {
        "id": exercise.id,
        "title": exercise.title,
        "page": pages.exercise[exercise.id],
        "area": library.body_area_title(home),
    }


def cover_figure(library: Library, plan: BookPlan) -> Context | None:
    """The figure on the cover: the middle step of the first exercise of the first routine
    (the guide's main exercise), or of the first exercise printed."""
    first: Exercise | None = None
    for routine in library.routines.values():
        first = library.exercises[routine.exercises[0].exercise]
        break
    printed = plan.printed()
    if first is None and printed:
        first = printed[0]
    if first is None:
        return None
    return {"exercise": first.model_dump(mode="json"), "step": len(first.steps) // 2}


def front_context(library: Library, plan: BookPlan, pages: PageMap) -> Context:
    """Cover, safety and how to use the guide, contents, articles and routines."""
    routines = []
    for routine in library.routines.values():
        items = []
        for item in routine.exercises:
            exercise = library.exercises[item.exercise]
            items.append(
                {
                    **_entry(library, item.exercise, pages),
                    "dose": _dose(exercise, item.dose),
                    "note": item.note,
                }
            )
        routines.append(
            {
                "id": routine.id,
                "title": routine.title,
                "purpose": routine.purpose,
                "audience": routine.audience,
                "entries": items,
            }
        )
    articles = [
        {"id": a.id, "title": a.title, "summary": a.summary, "body": a.body}
        for a in library.articles.values()
    ]
    areas = [
        {"id": area.id, "title": area.title, "page": pages.area[area.id]} for area in plan.areas
    ]
    return {
        "cover": cover_figure(library, plan),
        "articles": articles,
        "routines": routines,
        "areas": areas,
        "index_page": pages.index,
    }


def section_context(library: Library, area: Area, pages: PageMap) -> Context:
    """A body area's opening: its exercises printed here, then those printed in another area."""
    return {
        "id": area.id,
        "title": area.title,
        "printed": [_entry(library, ex.id, pages) for ex in area.printed],
        "elsewhere": [_entry(library, ex.id, pages) for ex in area.elsewhere],
    }


def _by_page(entry: Context) -> tuple[int, str]:
    return int(entry["page"]), str(entry["id"])


def index_context(library: Library, plan: BookPlan, pages: PageMap) -> Context:
    """The index: every exercise by name, and by the words people search with (its keywords)."""
    printed = plan.printed()
    names = sorted(
        (_entry(library, ex.id, pages) for ex in printed),
        key=lambda e: (e["title"].casefold(), e["id"]),
    )
    words: dict[str, dict[str, Context]] = {}
    shown: dict[str, str] = {}
    for exercise in printed:
        for keyword in exercise.keywords:
            folded = keyword.casefold()
            shown.setdefault(folded, keyword)
            words.setdefault(folded, {})[exercise.id] = _entry(library, exercise.id, pages)
    keywords: list[Context] = [
        {
            "word": shown[folded],
            "entries": sorted(words[folded].values(), key=_by_page),
        }
        for folded in sorted(words)
    ]
    return {"names": names, "keywords": keywords}
