"""The animation's stills for review (docs/figures/animation-frames.png): what the page plays,
one moment each, made by `exercise-guide figures --frames`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from exercise_guide.content import Library, load_library
from exercise_guide.figures.sheet import sheet_html
from exercise_guide.figures.stills import stills
from exercise_guide.pdf.preview import write_png
from tests.conftest import RunCli
from tests.support import CONTENT

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT)


def _cue(svg: str) -> str:
    root = ET.fromstring(svg)
    return next(t.text or "" for t in root.iter(f"{SVG}text") if (t.text or "").startswith("Step"))


def test_each_still_is_one_frame_and_one_cue_of_the_animation(library: Library) -> None:
    frames = stills(library, library.exercises["upper-back-loosener"])
    # The loop's key moments: the start, the move to step 2, its hold, step 3, the way back.
    cues = [_cue(svg) for svg in frames]
    assert cues[0] == "Step 1 of 3" and cues[-1] == "Step 1 of 3"
    assert "Step 2 of 3 · Hold" in cues and "Step 3 of 3" in cues
    assert cues.index("Step 2 of 3") < cues.index("Step 2 of 3 · Hold") < cues.index("Step 3 of 3")
    for svg in frames:
        root = ET.fromstring(svg)
        groups = [(g.get("class") or "").split()[:1] for g in root.iter(f"{SVG}g")]
        assert groups.count(["f"]) == 1 and groups.count(["c"]) == 1
        # Still in any renderer: nothing that plays, nothing that points elsewhere.
        assert root.find(f".//{SVG}style") is None and root.find(f".//{SVG}use") is None
    # The moments differ: a move is shown on its way, not only at its ends.
    assert len(set(frames)) == len(frames)


def test_two_stills_on_one_sheet_both_keep_every_stroke(library: Library, tmp_path: Path) -> None:
    # pdftoppm dropped the strokes of a drawing repeated on the page: the second of two
    # identical stills came out without the outline of its legs (about 3% of the dark pixels).
    svg = stills(library, library.exercises["upper-back-loosener"])[1]

    def dark(cells: int) -> int:
        html = sheet_html("", [("", [("", svg)] * cells)], columns=2, figure_mm=45)
        png = write_png(html, tmp_path / f"{cells}.png", dpi=130)
        return sum(Image.open(png).convert("L").histogram()[:200])

    assert dark(2) > 0.99 * 2 * dark(1)


def test_cli_writes_a_sheet_of_animation_frames(tmp_path: Path, run_cli: RunCli) -> None:
    sheet = tmp_path / "frames.png"
    result = run_cli("figures", "--content", str(CONTENT), "--frames", str(sheet))
    assert result.returncode == 0, result.stderr
    assert "3 animations" in result.stdout
    image = Image.open(sheet)
    assert image.format == "PNG" and image.width > 2 * image.height
