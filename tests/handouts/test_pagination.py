"""Handout pages: few and full, each step on the page of its figure, safety with its steps.

The seed's 3-exercise routine, as a personalised handout in normal and large print, on A4 and on
Letter, and also with everything a clinic adds (a clinician's note, the clinician, the next
review, the clinic's full contact block and its "when to get help" lines), built by the real CLI
and read back: page counts from pypdf, each page's text from pdftotext, the page of each step
figure from the PDF's structure tree (the /Figure element's page and alt text), and text sizes
and figure heights from the PDF's drawing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from exercise_guide.content import Library, load_library
from exercise_guide.pdf.documents import print_figure
from tests.handouts.support import (
    make_project,
    run_handout,
    squash,
    structure_elements,
    unbroken,
)
from tests.pdf.readers import page_texts, run, text_runs
from tests.pdf.test_print_sizes import step_figure_heights

ROUTINE = "upper-back-loosening"
NORMAL_BEFORE_LOG = 2  # pages for the cover and the three exercises, the log after them
NORMAL_LOG = 1  # the tick grids and the pain grid, four weeks
LARGE_MOST = 7
PATIENT = "Ann Example"
CLINIC = {
    "phone": "01632 960 123",
    "address": "4 Quarry Lane, Elmstead",
    "web": "www.elmstead-clinic.test",
    "contact": "Email desk@elmstead-clinic.test",
}
# Test words, not advice: the help box prints whatever the clinic writes (two lines of a length
# a clinic might write).
GET_HELP = [
    "Clinic line one for the help box, about as long as a clinic would write it.",
    "Clinic line two for the help box, printed in the same box as the first one.",
]
EXTRAS = [
    "--clinician", "Dr Ingrid Vasquez-Holm", "--review", "2027-01-15", "--note",
    "Start gently and build up over the first week. Do these at home once or twice a day, and "
    "stop any exercise that makes your pain worse. Bring this sheet with your log to your next visit.",
]  # fmt: skip
# (print, paper, with the clinic's extras)
CASES = [
    ("normal", "A4", False),
    ("large", "A4", False),
    ("normal", "Letter", False),
    ("large", "Letter", False),
    ("normal", "A4", True),
    ("normal", "Letter", True),
    ("large", "A4", True),
    ("large", "Letter", True),
]
BODY_PT = {"normal": 12.0, "large": 18.0}
SMALLEST_PT = 9.0
FIGURE_MM = 40.0


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("pagination") / "project")


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose guide.yml gives the clinic's phone, address, web and contact line, and
    its "when to get help" lines."""
    project = make_project(tmp_path_factory.mktemp("pagination-clinic") / "project")
    guide = project / "content" / "guide.yml"
    lines = "".join(f"  {key}: {value}\n" for key, value in CLINIC.items())
    text = guide.read_text(encoding="utf-8").replace("branding:\n", f"branding:\n{lines}", 1)
    text += "get_help:\n" + "".join(f"  - {line}\n" for line in GET_HELP)
    guide.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def library(project: Path) -> Library:
    return load_library(project / "content")


@pytest.fixture(
    scope="module",
    params=CASES,
    ids=[f"{kind}-{paper}{'-extras' if extras else ''}" for kind, paper, extras in CASES],
)
def handout(request: pytest.FixtureRequest, project: Path, clinic: Path) -> tuple[str, Path]:
    kind, paper, extras = request.param
    args = ["--paper", paper, *(["--large-print"] if kind == "large" else [])]
    args += EXTRAS if extras else []
    where = clinic if extras else project
    out = f"{kind}-{paper}{'-extras' if extras else ''}.pdf"
    result = run_handout(where, ROUTINE, "--patient", PATIENT, *args, "--out", out)
    assert result.returncode == 0, result.stderr
    return kind, where / out


def _figure_pages(path: Path) -> list[tuple[int, str]]:
    """(page index, alt text) of every /Figure in the structure tree, in document order."""
    reader = PdfReader(path)
    index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    found = []
    for element in structure_elements(path):
        if element["/S"] != "/Figure":
            continue
        page = element.get("/Pg")
        kids = element.get("/K")
        if page is None and isinstance(kids, dict):
            page = kids.get("/Pg")
        assert page is not None, element
        found.append((index[page.idnum], str(element.get("/Alt", ""))))
    return found


def _steps(library: Library) -> list[tuple[str, int, str, str]]:
    """(exercise id, step index, step text, figure alt) of the routine's steps, in order."""
    steps = []
    for item in library.routines[ROUTINE].exercises:
        exercise = library.exercises[item.exercise]
        for n, step in enumerate(exercise.steps):
            steps.append((exercise.id, n, step.text, print_figure(library, exercise, n).alt))
    return steps


def _step_pages(path: Path, library: Library) -> dict[tuple[str, int], tuple[int, int]]:
    """Each step's (page of its whole text, page of its figure)."""
    # Drawing order: a paragraph's words run on, whatever stands beside it on the page.
    pages = [squash(text).replace(" ", "") for text in page_texts(path, layout=False)]
    figures = _figure_pages(path)
    found = {}
    for exercise_id, n, text, alt in _steps(library):
        words = squash(text).replace(" ", "")
        on = [p for p, page in enumerate(pages) if words in page]
        assert len(on) == 1, (exercise_id, n, "the step's words are not whole on one page")
        # The next figure with this alt, in document order (figures print in step order).
        at = next(i for i, (_, figure_alt) in enumerate(figures) if figure_alt == alt)
        found[(exercise_id, n)] = (on[0], figures.pop(at)[0])
    return found


def _log_start(path: Path) -> int:
    return next(n for n, text in enumerate(page_texts(path)) if "Your exercise log" in text)


def test_page_counts(handout: tuple[str, Path]) -> None:
    kind, path = handout
    pages = len(PdfReader(path).pages)
    if kind == "normal":
        # The cover and every exercise on two pages, then the log (ticks, then pain) on its own.
        assert _log_start(path) == NORMAL_BEFORE_LOG, pages
        assert pages == NORMAL_BEFORE_LOG + NORMAL_LOG, pages
    else:
        assert pages <= LARGE_MOST, pages


def test_each_step_is_on_the_page_of_its_figure(
    handout: tuple[str, Path], library: Library
) -> None:
    _, path = handout
    pages = _step_pages(path, library)
    assert len(pages) == len(_steps(library)) == 8
    for step, (text_page, figure_page) in pages.items():
        assert text_page == figure_page, (step, text_page, figure_page)


def test_the_safety_box_is_on_the_page_of_the_exercise_s_last_step(
    handout: tuple[str, Path], library: Library
) -> None:
    _, path = handout
    pages = _step_pages(path, library)
    last = {}
    for (exercise_id, n), (page, _) in pages.items():
        if n == len(library.exercises[exercise_id].steps) - 1:
            last[exercise_id] = page
    boxes = [len(re.findall(r"^Safety$", t, re.M)) for t in page_texts(path, layout=False)]
    assert sum(boxes) == len(last) == 3, boxes
    for page, count in enumerate(boxes):
        # As many safety boxes on a page as exercises ending there.
        assert count == sum(1 for p in last.values() if p == page), (page, boxes, last)


FOOTER_MM = 25  # the running footer's band at the foot of every page (15 to 24 mm margins)


def _ink_depth(path: Path, page: int, tmp: Path) -> float:
    """How far down the page's body its lowest ink reaches, as a share of the body's height.

    The page is rasterised (pdftoppm, 30 dpi, grey) and the footer's band left out.
    """
    prefix = tmp / f"{path.stem}-{page}"
    number = str(page + 1)
    run(
        "pdftoppm",
        "-r",
        "30",
        "-gray",
        "-f",
        number,
        "-l",
        number,
        "-singlefile",
        "-png",
        path,
        prefix,
    )
    image = Image.open(f"{prefix}.png").convert("L")
    body = image.height - round(FOOTER_MM / 25.4 * 30)
    px = image.load()
    assert px is not None
    inked = [y for y in range(body) if any(px[x, y] < 128 for x in range(image.width))]  # type: ignore[operator]
    return max(inked) / body


def test_pages_before_the_log_are_filled(handout: tuple[str, Path], tmp_path: Path) -> None:
    kind, path = handout
    count = len(PdfReader(path).pages)
    # The pages the exercises take, all but the last of them: none is left half empty.
    last = _log_start(path) - 1 if kind == "normal" else count - 1
    depths = [_ink_depth(path, page, tmp_path) for page in range(last)]
    assert depths and min(depths) > 0.6, depths


def test_text_and_figures_keep_their_print_sizes(
    handout: tuple[str, Path], library: Library
) -> None:
    """Pages are saved by arrangement, never by size: every step's words and safety line at body
    size (12 pt, 18 pt in large print), nothing under 9 pt, every step figure at least 40 mm."""
    kind, path = handout
    runs = text_runs(path)
    smallest = min(runs, key=lambda run: run[1])
    assert smallest[1] >= SMALLEST_PT - 0.01, smallest
    body = [
        squash(line)
        for item in library.routines[ROUTINE].exercises
        for line in (
            *(step.text for step in library.exercises[item.exercise].steps),
            *library.exercises[item.exercise].safety,
        )
    ]
    sizes = [
        size
        for _, size, text in runs
        if len(squash(text)) >= 12 and any(squash(text) in line for line in body)
    ]
    assert len(sizes) > 20 and min(sizes) >= BODY_PT[kind] - 0.01, min(sizes)
    heights = step_figure_heights(path, library)
    assert len(heights) == 8 and min(heights.values()) >= FIGURE_MM - 0.05, heights


def test_the_handouts_with_every_extra_print_them_all(handout: tuple[str, Path]) -> None:
    """What the pages are counted with: every extra in the handouts given them, none in the rest."""
    _, path = handout
    text = unbroken(" ".join(page_texts(path, layout=False)))
    extras = (*CLINIC.values(), *GET_HELP, EXTRAS[1], "15 January 2027", EXTRAS[5])
    printed = [words for words in extras if unbroken(words) in text]
    assert printed == (list(extras) if path.stem.endswith("-extras") else []), printed


def test_the_disclaimer_is_printed_once(handout: tuple[str, Path], library: Library) -> None:
    _, path = handout
    text = squash(" ".join(page_texts(path, layout=False)))
    assert text.count(squash(library.guide.disclaimer)) == 1


def test_every_page_s_footer_is_one_line_naming_the_patient(handout: tuple[str, Path]) -> None:
    """The last line of every page (pdftotext -layout) is the footer: the patient's name and the
    page number on one line, nothing wrapped under it (large print's 18 pt footer holds only
    those two; the guide's name is on the cover)."""
    kind, path = handout
    pages = page_texts(path)
    for number, text in enumerate(pages, start=1):
        lines = [line for line in text.splitlines() if line.strip()]
        last = squash(lines[-1])
        assert last.startswith(f"For: {PATIENT}"), (number, lines[-2:])
        assert last.endswith(f"{number} of {len(pages)}"), (number, lines[-2:])
        if kind == "normal":
            assert "Exercise Guide" in last, (number, last)
