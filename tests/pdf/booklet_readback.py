"""The booklet read back as a reader meets it, as one checker: the seed's and the sample's tests
and the scale benchmark (the whole 870-exercise library) all run the same checks.

`booklet_failures(path, library)` reads a built guide.pdf with poppler and pypdf and returns
what is wrong, one line each (empty when the booklet is right): a section page per body area in
the guide's order, each exercise printed exactly once in its first area's section, every entry
of the sections' lists and of the index carrying a page number that lands on a page showing
that exercise's title, the article and the routine inside, bookmarks that mirror it all, and a
number on every page but the cover.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from exercise_guide.content import Library
from exercise_guide.pdf.book import plan_book
from exercise_guide.strings import strings
from tests.pdf.readers import first_line, outline, page_texts, run, squash, target_pages

# A line that ends an entry: its page number after leader dots or a space (or alone on the line).
_ENTRY_END = re.compile(r"(?:^|[\s.])(\d+)$")
# How many failures of one kind are worth printing; the count says how many there were.
_SHOWN = 12


@dataclass(frozen=True)
class Entry:
    """One listed entry read back: the word it is listed under (index), its title, its page."""

    word: str | None
    title: str
    page: int


@dataclass
class Booklet:
    """A built booklet as read back: each page's text and first line, link targets, outline."""

    path: Path
    texts: list[str]
    starts: list[str]
    targets: dict[str, int]
    marks: list[Any]
    heads: list[set[str]]  # what each page's first one, two and three lines say

    @classmethod
    def read(cls, path: Path) -> Booklet:
        """Read a booklet with pdftotext (layout) and pypdf."""
        texts = page_texts(path)
        reader = PdfReader(path)
        starts = [_first_line(text) for text in texts]
        heads = [_heads(text) for text in texts]
        return cls(path, texts, starts, target_pages(reader), outline(reader), heads)

    def shows(self, page: int | None, title: str) -> bool:
        """Whether the page (index from 0) opens with the title (a long one wraps over lines)."""
        return page is not None and 0 <= page < len(self.heads) and title in self.heads[page]

    def raw_pages(self, first: int, last: int) -> list[str]:
        """Pages first..last (indexes from 0) in content order (pdftotext -raw), one text each,
        without the page number the join stamps at the bottom."""
        out = run(
            "pdftotext",
            "-raw",
            "-enc",
            "UTF-8",
            "-f",
            str(first + 1),
            "-l",
            str(last + 1),
            self.path,
            "-",
        )
        pages = out.split("\f")[: last - first + 1]
        found = []
        for number, text in enumerate(pages, start=first + 1):
            lines = text.rstrip().splitlines()
            if lines and lines[-1].strip() == str(number):
                lines.pop()
            found.append("\n".join(lines))
        return found


def _first_line(text: str) -> str:
    return first_line(text) if text.strip() else ""


def _heads(text: str) -> set[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()][:3]
    return {" ".join(lines[:k]) for k in range(1, len(lines) + 1)}


def listed_entries(
    text: str, headings: Collection[str], words: Collection[str] = ()
) -> list[Entry]:
    """The entries of a listing read in content order: each entry is the lines up to the next
    line ending in a page number (so a title that wraps is one entry). Lines that are a heading
    are skipped; a line that is one of `words` starts that word's group (the index's second part)."""
    found: list[Entry] = []
    pending: list[str] = []
    word: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or (not pending and line in headings):
            continue
        if not pending and line in words:
            word = line
            continue
        pending.append(line)
        end = _ENTRY_END.search(line)
        if end is not None:
            joined = " ".join(pending)[: -len(end[1])]
            title = re.sub(r"\s+", " ", joined).rstrip(" .")
            found.append(Entry(word, title, int(end[1])))
            pending = []
    if pending:
        found.append(Entry(word, " ".join(pending), 0))
    return found


class _Failures:
    """Failures grouped by kind, each kind shown up to a limit with its count."""

    def __init__(self) -> None:
        self.kinds: dict[str, list[str]] = {}

    def add(self, kind: str, detail: str) -> None:
        self.kinds.setdefault(kind, []).append(detail)

    def lines(self) -> list[str]:
        out = []
        for kind, details in self.kinds.items():
            more = f" (and {len(details) - _SHOWN} more)" if len(details) > _SHOWN else ""
            out.append(f"{kind}: {len(details)}: " + "; ".join(details[:_SHOWN]) + more)
        return out


def _lands(book: Booklet, entry: Entry, title: str, failures: _Failures, where: str) -> None:
    if not 1 <= entry.page <= len(book.starts):
        failures.add(f"{where} entry with no page", f"{title!r} -> {entry.page}")
    elif not book.shows(entry.page - 1, title):
        shown = book.starts[entry.page - 1]
        failures.add(
            f"{where} page does not show the title", f"{title!r} -> {entry.page} ({shown!r})"
        )


def booklet_failures(path: Path, library: Library) -> list[str]:
    """What the booklet at path gets wrong for this library, one line per kind (empty: right)."""
    book = Booklet.read(path)
    failures = _Failures()
    s = strings(library.guide.language)
    plan = plan_book(library)
    titles = Counter(e.title for e in library.exercises.values())
    _check_once(book, titles, failures)
    ends = _check_sections(book, library, plan, failures)
    if ends is not None:
        _check_section_lists(book, library, plan, ends, s, failures)
    _check_index(book, library, plan, s, failures)
    _check_front(book, library, s, failures)
    _check_outline(book, library, plan, s, failures)
    _check_numbers(book, failures)
    return failures.lines()


def _check_once(book: Booklet, titles: Counter[str], failures: _Failures) -> None:
    printed = Counter(head for heads in book.heads for head in heads if head in titles)
    for title, count in sorted(titles.items()):
        if printed[title] != count:
            failures.add("exercise not printed once", f"{title!r} on {printed[title]} pages")


def _check_sections(
    book: Booklet, library: Library, plan: Any, failures: _Failures
) -> list[tuple[int, int]] | None:
    """Each area's opening page and the page after its section, when all are there in order."""
    openings = []
    for area in plan.areas:
        page = book.targets.get(f"area-{area.id}")
        if page is None:
            failures.add("no section page", area.id)
            continue
        if not book.shows(page, area.title):
            failures.add("section page without its title", f"{area.id} on {page + 1}")
        openings.append(page)
    index = book.targets.get("book-index")
    if index is None:
        failures.add("no index", "no link target book-index")
        return None
    if len(openings) != len(plan.areas) or openings != sorted(openings) or openings[-1] > index:
        failures.add("sections out of order", str([p + 1 for p in openings]))
        return None
    ends = [*openings[1:], index]
    for area, end in zip(plan.areas, ends, strict=True):
        # The section's own list may run over several pages; its exercises' pages follow it.
        expected = [e.title for e in area.printed]
        first = end - len(expected)
        wrong = [i for i, title in enumerate(expected) if not book.shows(first + i, title)]
        if wrong:
            failures.add(
                "section does not print its exercises in the guide's order",
                f"{area.id}: page {first + wrong[0] + 1} shows "
                f"{book.starts[first + wrong[0]]!r}, not {expected[wrong[0]]!r}",
            )
    return list(zip(openings, ends, strict=True))


def _check_section_lists(
    book: Booklet,
    library: Library,
    plan: Any,
    ends: list[tuple[int, int]],
    s: dict[str, Any],
    failures: _Failures,
) -> None:
    """Every exercise of an area is listed on its opening pages with a page that lands."""
    suffix = re.compile(r"\s*\(" + re.escape(s["printed_in_area"]) + r"[^)]*\)$")
    for area, (start, end) in zip(plan.areas, ends, strict=True):
        length = end - start - len(area.printed)
        headings = {area.title, s["in_this_section"], s["also_in_area"]}
        entries = []
        for text in book.raw_pages(start, start + length - 1):
            entries += listed_entries(text, headings)
        listed: dict[str, list[Entry]] = {}
        for entry in entries:
            title = suffix.sub("", entry.title)
            listed.setdefault(title, []).append(entry)
            _lands(book, entry, title, failures, "section list")
        for exercise in (*area.printed, *area.elsewhere):
            if exercise.title not in listed:
                failures.add("not listed in its section", f"{exercise.title!r} in {area.id}")


def _check_index(
    book: Booklet, library: Library, plan: Any, s: dict[str, Any], failures: _Failures
) -> None:
    """Every exercise by name, and under each of its words, with a page that lands on it."""
    start = book.targets.get("book-index")
    if start is None:
        return
    if not book.shows(start, s["index"]):
        failures.add("index page without its title", str(start + 1))
    shown: dict[str, str] = {}
    for exercise in library.exercises.values():
        for keyword in exercise.keywords:
            shown.setdefault(keyword.casefold(), keyword)
    headings = {s["index"], s["index_by_name"], s["index_by_word"]}
    text = "\n".join(book.raw_pages(start, len(book.starts) - 1))
    by_name, _, by_word = text.partition(s["index_by_word"])
    names = listed_entries(by_name, headings)
    words = listed_entries(by_word, headings, set(shown.values()))
    for entry in [*names, *words]:
        _lands(book, entry, entry.title, failures, "index")
    listed = Counter(entry.title for entry in names)
    for title, count in Counter(e.title for e in plan.printed()).items():
        if listed[title] != count:
            failures.add("index by name", f"{title!r} listed {listed[title]} times")
    grouped = {
        (e.word or "").casefold(): Counter(x.title for x in words if x.word == e.word)
        for e in words
    }
    for exercise in plan.printed():
        for keyword in exercise.keywords:
            if grouped.get(keyword.casefold(), Counter())[exercise.title] < 1:
                failures.add("index by word", f"{exercise.title!r} not under {keyword!r}")


def _check_front(book: Booklet, library: Library, s: dict[str, Any], failures: _Failures) -> None:
    """The articles and the routines are inside, each routine entry with a page that lands."""
    for article in library.articles.values():
        page = book.targets.get(f"article-{article.id}")
        if page is None or squash(article.title) not in squash(book.texts[page]):
            failures.add("article not inside", article.id)
    if s["contents"] not in book.starts:
        failures.add("no contents page", s["contents"])
    else:
        contents = book.texts[book.starts.index(s["contents"])]
        # The sections and the index are other documents: the contents prints their pages.
        for title in [library.body_area_title(a) for a in library.body_areas()] + [s["index"]]:
            match = re.search(r"(?m)^\s*" + re.escape(title) + r"[ .]+(\d+)\s*$", contents)
            if match is None:
                failures.add("contents entry without a page", repr(title))
            else:
                _lands(book, Entry(None, title, int(match[1])), title, failures, "contents")
    for routine in library.routines.values():
        page = book.targets.get(f"routine-{routine.id}")
        if page is None or squash(routine.purpose) not in squash(book.texts[page]):
            failures.add("routine not inside", routine.id)
            continue
        for item in routine.exercises:
            title = library.exercises[item.exercise].title
            match = re.search(re.escape(title) + r"[ .]+(\d+)\b", book.texts[page])
            if match is None:
                failures.add("routine entry without a page", f"{routine.id}: {title!r}")
            else:
                _lands(book, Entry(None, title, int(match[1])), title, failures, "routine")


def _check_outline(
    book: Booklet, library: Library, plan: Any, s: dict[str, Any], failures: _Failures
) -> None:
    """Bookmarks: the front matter's, then each area with its exercises, then the index."""
    marks = book.marks
    tail = [title for title, _, _ in marks[-len(plan.areas) - 1 :]]
    expected = [area.title for area in plan.areas] + [s["index"]]
    if tail != expected:
        failures.add("bookmarks", f"areas and index {tail} != {expected}")
        return
    for area, (title, page, children) in zip(
        plan.areas, marks[-len(plan.areas) - 1 :], strict=False
    ):
        if page != book.targets.get(f"area-{area.id}"):
            failures.add("bookmark off its section", f"{title!r} -> page index {page}")
        if [c[0] for c in children] != [e.title for e in area.printed]:
            failures.add("bookmarks of a section", f"{area.id}: not its exercises in order")
        for child, child_page, _ in children:
            if not book.shows(child_page, child):
                failures.add("bookmark off its exercise", f"{child!r} -> page index {child_page}")
    index_mark = marks[-1][1]
    if index_mark != book.targets.get("book-index"):
        failures.add("bookmark off the index", f"page index {index_mark}")


def _check_numbers(book: Booklet, failures: _Failures) -> None:
    """Every page but the cover shows its number at the bottom; the cover shows none."""
    if re.search(r"(^|\n)\s*1\s*$", book.texts[0].rstrip()):
        failures.add("page number", "the cover is numbered")
    for number, text in enumerate(book.texts[1:], start=2):
        if not re.search(rf"(^|\n)\s*{number}\s*$", text.rstrip()):
            failures.add("page number", f"page {number} does not show it")
