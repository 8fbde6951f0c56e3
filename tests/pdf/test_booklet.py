"""The booklet as a book, read back: front matter first, the article and the routine, a section
per body area with its exercises in the guide's order, an index whose page numbers land on the
right pages, bookmarks that mirror it all, and a number on every page but the cover."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
from pypdf import PdfReader

from exercise_guide.content import Library
from exercise_guide.pdf import BOOKLET, BuildReport
from exercise_guide.strings import strings
from tests.pdf.booklet_readback import booklet_failures
from tests.pdf.readers import (
    first_line,
    listed_pages,
    outline,
    page_texts,
    pdf_text,
    pdfinfo,
    run,
    squash,
    struct_elements,
    target_pages,
)
from tests.support import SEED_ARTICLE


def test_front_matter_cover_with_a_figure_then_safety_and_disclaimer_then_how_to_use(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    path = report.files[BOOKLET]
    texts = page_texts(path)
    s = strings(shipped.guide.language)
    assert first_line(texts[0]) == shipped.guide.title
    reader = PdfReader(path)
    cover = reader.pages[0].indirect_reference.idnum
    figures = [
        e
        for e in struct_elements(reader)
        if e["/S"] == "/Figure" and e.raw_get("/Pg").idnum == cover
    ]
    assert figures and all(str(f["/Alt"]).strip() for f in figures)
    second = squash(texts[1])
    assert texts[1].lstrip().startswith(s["before_you_start"])
    # Safety notes and the disclaimer come before anything else the guide says.
    at = [second.find(squash(line)) for line in shipped.guide.default_safety]
    at.append(second.find(squash(shipped.guide.disclaimer)))
    how = second.find(squash(s["how_to_use"]))
    assert min(at) >= 0 and how > max(at)


def test_bookmarks_mirror_the_books_structure(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    reader = PdfReader(report.files[BOOKLET])
    s = strings(shipped.guide.language)
    marks = outline(reader)
    titles = [title for title, _, _ in marks]
    areas = [shipped.body_area_title(a) for a in shipped.body_areas()]
    assert titles == [
        shipped.guide.title,
        s["before_you_start"],
        s["how_to_use"],
        s["contents"],
        s["articles"],
        s["routines"],
        *areas,
        s["index"],
    ]
    by_title = {title: (page, children) for title, page, children in marks}
    assert [c[0] for c in by_title[s["articles"]][1]] == [
        a.title for a in shipped.articles.values()
    ]
    assert [c[0] for c in by_title[s["routines"]][1]] == [
        r.title for r in shipped.routines.values()
    ]
    texts = page_texts(report.files[BOOKLET])
    for area in shipped.body_areas():
        page, children = by_title[shipped.body_area_title(area)]
        assert first_line(texts[page]) == shipped.body_area_title(area)
        printed = [e.title for e in shipped.exercises.values() if e.body_areas[0] == area]
        assert sorted(c[0] for c in children) == sorted(printed)
        for title, child_page, _ in children:
            assert first_line(texts[child_page]) == title


def test_sections_by_body_area_each_exercise_printed_once_and_listed_in_its_other_areas(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    texts = page_texts(report.files[BOOKLET])
    targets = target_pages(PdfReader(report.files[BOOKLET]))
    titles = [e.title for e in shipped.exercises.values()]
    starts = [first_line(t) for t in texts]
    for exercise in shipped.exercises.values():
        assert starts.count(exercise.title) == 1, exercise.id
    areas = shipped.body_areas()
    section_pages = [targets[f"area-{a}"] for a in areas]
    assert section_pages == sorted(section_pages)
    for i, area in enumerate(areas):
        opening = section_pages[i]
        end = section_pages[i + 1] if i + 1 < len(areas) else targets["book-index"]
        assert first_line(texts[opening]) == shipped.body_area_title(area)
        # The exercises printed in this section follow its opening page.
        printed = [t for t in starts[opening + 1 : end] if t in titles]
        assert sorted(printed) == sorted(
            e.title for e in shipped.exercises.values() if e.body_areas[0] == area
        )
        # Every exercise of the area is listed on the opening with the page it is on.
        members = [e.title for e in shipped.exercises_in(area)]
        for title, number in listed_pages(texts[opening], members).items():
            assert starts[number - 1] == title, (area, title, number)


def _article_position(exercise_step: str, article: str) -> int:
    words = " ".join(exercise_step.split()[:6])
    at = squash(article).find(squash(words))
    assert at >= 0, words
    return at


def test_the_seed_exercises_come_in_the_articles_order(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    starts = [first_line(t) for t in page_texts(report.files[BOOKLET])]
    printed = [t for t in starts if t in {e.title for e in shipped.exercises.values()}]
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    in_article = sorted(
        shipped.exercises.values(), key=lambda e: _article_position(e.steps[0].text, article)
    )
    assert printed == [e.title for e in in_article]
    assert printed[0] == "Upper Back Loosener"


def test_the_article_and_the_routine_are_inside_with_doses_and_page_references(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    texts = page_texts(report.files[BOOKLET])
    targets = target_pages(PdfReader(report.files[BOOKLET]))
    starts = [first_line(t) for t in texts]
    for article in shipped.articles.values():
        page = squash(texts[targets[f"article-{article.id}"]])
        assert squash(article.title) in page
        for paragraph in article.body.split("\n\n"):
            if paragraph.strip() and not paragraph.startswith("#"):
                assert squash(paragraph) in page, paragraph[:40]
    for routine in shipped.routines.values():
        text = texts[targets[f"routine-{routine.id}"]]
        assert squash(routine.purpose) in squash(text)
        items = [shipped.exercises[i.exercise] for i in routine.exercises]
        pages = listed_pages(text, [e.title for e in items])
        for exercise in items:
            # Listed in the routine's order, with the page it is printed on, and its dose.
            assert starts[pages[exercise.title] - 1] == exercise.title
            if exercise.dose.reps:
                assert squash(exercise.dose.reps) in squash(text)
        positions = [text.find(e.title) for e in items]
        assert positions == sorted(positions)


def test_the_index_lists_names_and_lay_words_with_page_numbers_that_land(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    texts = page_texts(report.files[BOOKLET])
    starts = [first_line(t) for t in texts]
    targets = target_pages(PdfReader(report.files[BOOKLET]))
    index = "\n".join(texts[targets["book-index"] :])
    s = strings(shipped.guide.language)
    assert starts[targets["book-index"]] == s["index"]
    by_name = index.split(s["index_by_word"], 1)[0]
    for title, number in listed_pages(
        by_name, [e.title for e in shipped.exercises.values()]
    ).items():
        assert starts[number - 1] == title
    # The words part read in content order (column by column): each word, then its exercises.
    first = targets["book-index"] + 1
    raw = run("pdftotext", "-raw", "-f", str(first), "-enc", "UTF-8", report.files[BOOKLET], "-")
    # Leader dots come out one per line: fold them, so each entry is "Title . 12".
    raw = re.sub(r"(?:\s*\.)+\s*(?=\d)", " . ", raw.split(s["index_by_word"], 1)[1])
    lines = [line.strip() for line in raw.splitlines()]
    groups: dict[str, list[str]] = {}
    word = ""
    for line in lines:
        if re.search(r"[ .]\d+$", line):
            groups[word].append(line)
        elif line:
            word = line.casefold()
            groups.setdefault(word, [])
    for exercise in shipped.exercises.values():
        number = starts.index(exercise.title) + 1
        for keyword in exercise.keywords:
            entries = groups[keyword.casefold()]
            assert any(
                re.fullmatch(rf"{re.escape(exercise.title)}[ .]+{number}", e) for e in entries
            )


def test_every_page_but_the_cover_shows_its_number_as_a_pagination_artifact(
    a4_build: tuple[Path, BuildReport],
) -> None:
    _, report = a4_build
    texts = page_texts(report.files[BOOKLET])
    assert not re.search(r"(^|\n)\s*1\s*$", texts[0].rstrip())
    for number, text in enumerate(texts[1:], start=2):
        assert re.search(rf"(^|\n)\s*{number}\s*$", text.rstrip()), (number, text[-60:])
    with pikepdf.open(report.files[BOOKLET]) as pdf:
        for page in pdf.pages[1:]:
            stream = page.obj.Contents
            last = stream[-1] if isinstance(stream, pikepdf.Array) else stream
            data = last.read_bytes()
            # Outside the structure tree: a pagination artifact, no marked-content id.
            assert b"/Artifact <</Type /Pagination" in data and b"MCID" not in data


def test_one_page_per_exercise_and_tagged_with_title(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    info = pdfinfo(report.files[BOOKLET])
    assert info["Tagged"] == "yes"
    assert info["Title"] == shipped.guide.title
    starts = [first_line(t) for t in page_texts(report.files[BOOKLET])]
    assert sum(starts.count(e.title) for e in shipped.exercises.values()) == len(shipped.exercises)


def test_booklet_carries_the_disclaimer_and_every_safety_line(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    text = squash(pdf_text(report.files[BOOKLET]))
    assert squash(shipped.guide.disclaimer) in text
    for exercise in shipped.exercises.values():
        for line in exercise.safety:
            assert squash(line) in text


def test_each_exercise_page_is_its_poster(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    texts = page_texts(report.files[BOOKLET])
    starts = [first_line(t) for t in texts]
    for exercise in shipped.exercises.values():
        [poster] = page_texts(report.files[f"{exercise.id}.pdf"])
        page = texts[starts.index(exercise.title)]
        # The same page, with its number stamped at the bottom.
        assert squash(page) == squash(poster) + str(starts.index(exercise.title) + 1)


def test_the_seed_booklet_reads_back_whole_and_the_checker_sees_pages_out_of_place(
    a4_build: tuple[Path, BuildReport], shipped: Library, tmp_path: Path
) -> None:
    # The checker the sample's test and the scale benchmark (the whole library) read back with.
    _, report = a4_build
    assert booklet_failures(report.files[BOOKLET], shipped) == []
    # Two exercise pages swapped: every list and index entry naming them now lands wrong.
    swapped = tmp_path / "swapped.pdf"
    with pikepdf.open(report.files[BOOKLET]) as pdf:
        starts = [first_line(t) for t in page_texts(report.files[BOOKLET])]
        first = starts.index("Upper Back Loosener")
        page = pdf.pages[first]
        pdf.pages.insert(first + 2, page)
        del pdf.pages[first]
        pdf.save(swapped)
    failures = "\n".join(booklet_failures(swapped, shipped))
    assert "index page does not show the title" in failures
    assert "section list page does not show the title" in failures
    assert "section does not print its exercises in the guide's order" in failures
