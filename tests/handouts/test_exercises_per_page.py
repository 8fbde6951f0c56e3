"""Short exercises share a page, but never more than two to a page."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from exercise_guide.content import load_library
from exercise_guide.handouts.sheets import build_routine_sheets
from exercise_guide.pdf import PdfBuild
from tests.handouts.support import squash
from tests.support import SHIPPED

SHORT = """title: Short {n}
summary: A short exercise for testing page layout.
body_areas: [shoulders]
dose: {{reps: 5}}
steps:
  - text: Stand tall and shrug once.
    breath: normal
safety:
  - Stop if you feel any pain.
"""
ROUTINE = "title: Five short ones\npurpose: Testing.\nexercises:\n" + "".join(
    f"  - exercise: short-{n}\n" for n in range(1, 6)
)


def test_at_most_two_exercises_a_page_and_short_ones_share(content_copy: Path) -> None:
    for n in range(1, 6):
        (content_copy / "exercises" / f"short-{n}.yml").write_text(SHORT.format(n=n))
    (content_copy / "routines" / "five-short.yml").write_text(ROUTINE)
    library = load_library(content_copy)
    build = PdfBuild(library, templates=SHIPPED, cache_dir=content_copy.parent / "cache")
    sheets = build_routine_sheets(build)
    assert build.report.rendered == len(library.routines) == len(sheets)
    per_page = []
    for page in PdfReader(sheets["routine-five-short.pdf"].path).pages:
        text = squash(page.extract_text())
        per_page.append(len(re.findall(r"\b(\d) Short \1 A short exercise", text)))
    assert sum(per_page) == 5
    assert max(per_page) == 2  # they share pages, two at a time (five would fit on one)
