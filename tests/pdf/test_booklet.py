"""The booklet: cover, contents whose page numbers are the real pages, a bookmark per exercise."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from exercise_guide.content import Library
from exercise_guide.pdf import BOOKLET, BuildReport
from exercise_guide.strings import strings
from tests.pdf.readers import pdf_text, pdfinfo, squash


def _outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []
    stack: list[object] = list(reader.outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        else:
            titles.append(str(item.title))  # type: ignore[attr-defined]
    return titles


def test_booklet_has_a_bookmark_per_exercise(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    titles = _outline_titles(PdfReader(report.files[BOOKLET]))
    # Cover, contents, then one top-level bookmark per exercise; section headings stay out.
    contents = strings(shipped.guide.language)["contents"]
    expected = [shipped.guide.title, contents, *(e.title for e in shipped.exercises.values())]
    assert titles == expected


def test_contents_page_numbers_match_the_pages(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    reader = PdfReader(report.files[BOOKLET])
    pages = [page.extract_text() for page in reader.pages]
    contents = next(i for i, text in enumerate(pages) if "Contents" in text)
    listed = {}
    for exercise in shipped.exercises.values():
        match = re.search(re.escape(exercise.title) + r"[ .]*?(\d+)\s*$", pages[contents], re.M)
        assert match, f"{exercise.title} is not in the contents: {pages[contents]!r}"
        listed[exercise.id] = int(match.group(1))
    assert len(set(listed.values())) == len(listed)
    for exercise in shipped.exercises.values():
        number = listed[exercise.id]
        page_text = pages[number - 1]
        # The exercise's own page starts with its title and shows its page number in the footer.
        assert page_text.lstrip().startswith(exercise.title), (number, page_text[:80])
        assert re.search(rf"(^|\n)\s*{number}\s*$", page_text), page_text[-40:]
        assert squash(exercise.steps[0].text) in squash(page_text)


def test_one_page_per_exercise_after_cover_and_contents(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    info = pdfinfo(report.files[BOOKLET])
    assert int(info["Pages"]) == 2 + len(shipped.exercises)
    assert info["Tagged"] == "yes"
    assert info["Title"] == shipped.guide.title


def test_booklet_carries_the_disclaimer_and_every_safety_line(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    text = squash(pdf_text(report.files[BOOKLET]))
    assert squash(shipped.guide.disclaimer) in text
    for exercise in shipped.exercises.values():
        for line in exercise.safety:
            assert squash(line) in text
