"""Every kind of PDF as a black-and-white photocopy: `pdftoppm -mono -r 150`, read with Pillow.

The safety box must keep a closed black border around its text, and the figures' start position
(dashed outline) and arrows must still show at the size each kind prints them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from exercise_guide.content import Library
from exercise_guide.handouts.sheets import routine_sheet_batch
from exercise_guide.pdf import PdfBuild, PrintOptions
from exercise_guide.pdf.documents import print_figure
from tests.figures.photocopy import dark_width_mm, survival
from tests.handouts.support import make_project, run_handout
from tests.pdf.conftest import build, only
from tests.pdf.readers import figure_scales, run
from tests.support import SHIPPED

DPI = 150
EXERCISE = "upper-back-loosener"
STEP = 2  # its third step: a start position and arrows


@pytest.fixture(scope="module")
def kinds(shipped: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One PDF of each kind: A4 poster, desk poster, booklet, routine sheet, handout."""
    where = tmp_path_factory.mktemp("photocopy")
    one = only(shipped, EXERCISE)
    posters = build(one, where / "a4", booklet=True)
    desk = build(one, where / "desk", options=PrintOptions(layout="desk"), booklet=False)
    sheet_build = PdfBuild(shipped, templates=SHIPPED, cache_dir=where / "cache")
    sheet_build.build(posters=False, booklet=False, beside=routine_sheet_batch(sheet_build))
    sheets = sheet_build.outputs
    project = make_project(where / "project")
    done = run_handout(
        project, "upper-back-loosening", "--patient", "Ann Example", "--out", "h.pdf"
    )
    assert done.returncode == 0, done.stderr
    return {
        "A4 poster": posters.files[f"{EXERCISE}.pdf"],
        "desk poster": desk.files[f"{EXERCISE}-desk.pdf"],
        "booklet": posters.files["guide.pdf"],
        "routine sheet": sheets["routine-upper-back-loosening.pdf"].path,
        "handout": project / "h.pdf",
    }


def _safety_heading(path: Path) -> tuple[int, float, float]:
    """(page, x, y in pt) of the first "Safety" heading word, from pdftotext -bbox."""
    found = re.finditer(
        r'<page width="[\d.]+" height="[\d.]+">|<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>Safety</word>',
        run("pdftotext", "-bbox", path, "-"),
    )
    page = 0
    for match in found:
        if match.group(1) is None:
            page += 1
            continue
        return page, float(match.group(1)), float(match.group(2))
    raise AssertionError(f"no Safety heading in {path.name}")


def mono_page(path: Path, page: int, tmp: Path) -> Image.Image:
    """A page of a PDF as a 1-bit photocopy at 150 dpi (pdftoppm -mono dithers, as a copier)."""
    prefix = tmp / f"{path.stem}-{page}"
    number = str(page)
    run(
        "pdftoppm", "-mono", "-r", str(DPI), "-f", number, "-l", number, "-singlefile", path, prefix
    )
    return Image.open(f"{prefix}.pbm").convert("1")


def _black(image: Image.Image, x: int, y: int) -> bool:
    return image.getpixel((x, y)) == 0


def border_closed(image: Image.Image, x: float, y: float) -> dict[str, float]:
    """The share of black along each side of the box around the point (x, y) in pixels.

    From the heading, go left to the box's left border and up to its top border; inside the
    padding, go right to the right border and down to the bottom one; then walk each side
    (leaving out the rounded corners) counting the pixels that are black on the border line.
    """
    px, py = round(x), round(y)
    left = next(i for i in range(px - 2, max(px - 80, 0), -1) if _black(image, i, py + 4))
    top = next(j for j in range(py, max(py - 60, 0), -1) if _black(image, left + 12, j))
    inside_x, inside_y = left + 5, top + 5
    right = next(i for i in range(inside_x, image.width) if _black(image, i, inside_y))
    bottom = next(j for j in range(inside_y, image.height) if _black(image, inside_x, j))
    corner = 16  # pixels of rounded corner left out at each end of a side (2 mm radius)

    def share(points: list[tuple[int, int]]) -> float:
        # Black on the line or one pixel across it (the line is 3 to 5 pixels thick).
        hits = [
            any(_black(image, a, b) for a, b in ((x, y), (x + 1, y + 1), (x - 1, y - 1)))
            for x, y in points
        ]
        return sum(hits) / len(hits)

    return {
        "left": share([(left - 1, j) for j in range(top + corner, bottom - corner)]),
        "right": share([(right + 1, j) for j in range(top + corner, bottom - corner)]),
        "top": share([(i, top - 1) for i in range(left + corner, right - corner)]),
        "bottom": share([(i, bottom + 1) for i in range(left + corner, right - corner)]),
        "size": min(right - left, bottom - top),
    }


@pytest.mark.parametrize(
    "kind", ["A4 poster", "desk poster", "booklet", "routine sheet", "handout"]
)
def test_the_safety_box_keeps_a_closed_black_border(
    kinds: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    path = kinds[kind]
    page, x, y = _safety_heading(path)
    image = mono_page(path, page, tmp_path)
    sides = border_closed(image, x / 72 * DPI, y / 72 * DPI)
    assert sides.pop("size") > 60, sides  # a box around the words, not a letter's stroke
    assert min(sides.values()) > 0.97, (kind, sides)


# The height each kind prints a step figure at (sheet.css, handout.css: the figures are 240 by
# 262, so the handouts' 37 mm wide figures are 40.4 mm tall).
PRINT_HEIGHT_MM = {
    "A4 poster": 48.0,
    "desk poster": 72.0,
    "booklet": 48.0,
    "routine sheet": 40.4,
    "handout": 40.4,
}


@pytest.mark.parametrize("kind", sorted(PRINT_HEIGHT_MM))
def test_the_start_position_and_arrows_show_at_each_kind_s_print_size(
    kinds: dict[str, Path], kind: str, shipped: Library
) -> None:
    figure = print_figure(shipped, shipped.exercises[EXERCISE], STEP)
    assert figure.svg is not None
    assert figure.alt in {alt for _, alt, _ in figure_scales(kinds[kind])}, kind
    height = PRINT_HEIGHT_MM[kind]
    # The dashed start position keeps most of what solid black would print in a 1-bit copy,
    # and the arrows' shafts stay solid black at least 0.5 mm wide.
    assert survival(figure.svg, "start", height_mm=height) > 0.6, (kind, height)
    assert dark_width_mm(figure.svg, "arrows", height) > 0.5, (kind, height)
