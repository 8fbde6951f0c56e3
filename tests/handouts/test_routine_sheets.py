"""Routine sheets: built by build_pdf.py into dist/ and by `mkdocs build` into site/pdf/, linked."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from exercise_guide.content import load_library
from tests.handouts.support import figures_alt, has_pdfua_1, pdf_text, pdfinfo, squash, unbroken
from tests.support import REPO

ROUTINE = """title: Upper back loosening
purpose: Three quick loosening exercises for the upper back, shoulders and the base of the neck.
audience: People whose upper back and neck feel tight.
exercises:
  - exercise: upper-back-loosener
  - exercise: elbow-flapping
    dose: {duration: 45 seconds, frequency: after every meeting}
    note: Keep the movement small at first.
  - exercise: shoulder-rolling
"""
SHEET = "routine-upper-back-loosening.pdf"
# Only routine sheets: posters and the booklet have their own tests, and cost minutes on 2 cores.
BUILD_PDF = (sys.executable, str(REPO / "build_pdf.py"), "--no-posters", "--no-booklet")


def _project(root: Path) -> Path:
    root.mkdir(parents=True)
    for part in ("mkdocs.yml", "content"):
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            (root / part).write_bytes(source.read_bytes())
    (root / "docs_src").mkdir(exist_ok=True)
    (root / "content" / "routines" / "upper-back-loosening.yml").write_text(ROUTINE)
    return root


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        list(args), capture_output=True, text=True, cwd=project, env=env, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = _project(tmp_path_factory.mktemp("sheets") / "project")
    result = _run(project, *BUILD_PDF)
    assert result.returncode == 0, result.stderr + result.stdout
    return project, project / "dist" / SHEET


def test_build_pdf_writes_the_routine_sheet(dist: tuple[Path, Path]) -> None:
    sheet = dist[1]
    assert sheet.is_file()
    info = pdfinfo(sheet)
    assert info["Tagged"] == "yes" and info["Title"] == "Upper back loosening"
    assert has_pdfua_1(sheet)


def test_the_sheet_holds_the_cover_block_every_step_safety_line_and_branding(
    dist: tuple[Path, Path],
) -> None:
    project, sheet = dist
    library = load_library(project / "content")
    text = pdf_text(sheet)
    routine = library.routines["upper-back-loosening"]
    assert squash(routine.purpose) in text
    assert f"Who it is for: {routine.audience}" in text
    assert squash(library.guide.disclaimer) in text
    assert library.guide.branding.name in text
    # The seed names no clinic details: no contact block, and no filler in its place.
    assert re.search(r"\bContact\b", text) is None
    for item in routine.exercises:
        exercise = library.exercises[item.exercise]
        for line in [*(step.text for step in exercise.steps), *exercise.safety]:
            assert unbroken(line) in unbroken(text)
    steps = sum(len(library.exercises[i.exercise].steps) for i in routine.exercises)
    assert len(figures_alt(sheet)) == steps
    assert "For:" not in text and "Prescribed by" not in text  # nobody's name on a routine sheet


def test_the_routine_dose_overrides_the_exercise_dose(dist: tuple[Path, Path]) -> None:
    text = pdf_text(dist[1])
    # elbow-flapping's own dose is "1-2 minutes, 2-3 times a day"; the routine replaces both.
    assert "Your dose Duration: 45 seconds How often: after every meeting" in text
    assert "Duration: 1-2 minutes" not in text
    assert "Keep the movement small at first." in text
    assert "Your exercise log" in text


def test_the_exercises_share_pages_in_order(dist: tuple[Path, Path]) -> None:
    titles = ["Upper Back Loosener", "Elbow Flapping", "Shoulder Rolling"]
    last: dict[str, int] = {}  # the page each title is last seen on: its exercise, after the list
    for number, page in enumerate(PdfReader(dist[1]).pages):
        text = squash(page.extract_text())
        for n, title in enumerate(titles, 1):
            if re.search(rf"\b{n} {title}\b", text):
                last[title] = number
    assert sorted(last, key=lambda t: (last[t], titles.index(t))) == titles
    # Pages fill: the cover and three exercises take two pages (handouts/test_pagination.py).
    assert max(last.values()) <= 1, last


def test_a_second_build_renders_nothing(dist: tuple[Path, Path]) -> None:
    project, sheet = dist
    # Others edit the package while tests run (the cache key covers the code), so this test
    # makes its own pair of builds back to back rather than reuse the fixture's build.
    first = _run(project, *BUILD_PDF)
    assert first.returncode == 0, first.stderr
    before = sheet.read_bytes()
    second = _run(project, *BUILD_PDF)
    assert second.returncode == 0, second.stderr
    assert re.search(r"\b0 documents rendered\b", second.stdout + second.stderr), second.stdout
    assert sheet.read_bytes() == before


def test_the_site_links_the_routine_sheet(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = _run(project, str(mkdocs), "build", "--strict", "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    page = (site / "routines" / "upper-back-loosening" / "index.html").read_text()
    link = re.search(r'<a [^>]*href="([^"]*routine-upper-back-loosening\.pdf)"[^>]*>([^<]*)<', page)
    assert link is not None
    assert link.group(2).strip() == "Download routine sheet (PDF)"
    target = (site / "routines" / "upper-back-loosening" / link.group(1)).resolve()
    assert target == (site / "pdf" / SHEET).resolve()
    assert "Keep the movement small at first." in pdf_text(target)


def test_a_sheet_is_laid_out_again_when_an_exercise_or_the_guide_changes(tmp_path: Path) -> None:
    # A cached sheet is found by a hash of its inputs, without laying it out; a change to an
    # exercise it prints, or to the guide, must still make a new sheet.
    project = _project(tmp_path / "project")
    sheet = project / "dist" / SHEET
    for _ in range(2):
        result = _run(project, *BUILD_PDF)
        assert result.returncode == 0, result.stderr
    assert re.search(r"\b0 documents rendered\b", result.stdout + result.stderr), result.stdout
    edits = [
        ("exercises/elbow-flapping.yml", "just\n      like wings.", "just\n      like slow wings."),
        ("guide.yml", "This guide does not replace", "This guide never replaces"),
    ]
    for name, old, new in edits:
        path = project / "content" / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        result = _run(project, *BUILD_PDF)
        assert result.returncode == 0, result.stderr
        assert re.search(r"\b1 documents? rendered\b", result.stdout + result.stderr), result.stdout
        assert squash(new) in pdf_text(sheet), name
