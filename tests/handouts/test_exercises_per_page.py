"""Short exercises share pages: a page fills with as many as fit, each whole on its page."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from exercise_guide.content import load_library
from exercise_guide.handouts.sheets import routine_sheet_batch
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
ROUTINE = "title: Seven short ones\npurpose: Testing.\nexercises:\n" + "".join(
    f"  - exercise: short-{n}\n" for n in range(1, 8)
)


def test_short_exercises_fill_a_page_and_none_is_split(content_copy: Path) -> None:
    for n in range(1, 8):
        (content_copy / "exercises" / f"short-{n}.yml").write_text(SHORT.format(n=n))
    (content_copy / "routines" / "seven-short.yml").write_text(ROUTINE)
    library = load_library(content_copy)
    build = PdfBuild(library, templates=SHIPPED, cache_dir=content_copy.parent / "cache")
    build.build(posters=False, booklet=False, beside=routine_sheet_batch(build))
    sheets = build.outputs
    assert build.report.rendered == len(library.routines) == len(sheets)
    starts, safety = [], []
    for page in PdfReader(sheets["routine-seven-short.pdf"].path).pages:
        text = squash(page.extract_text())
        starts.append(len(re.findall(r"\b(\d) Short \1 A short exercise", text)))
        safety.append(len(re.findall(r"\bSafety\b", text)))
    assert sum(starts) == 7
    # As many to a page as fit (the old limit was two; then three, and seven took three pages):
    # with the summary on the title's line, seven take two.
    assert max(starts) >= 3 and len([n for n in starts if n]) == 2, starts
    # Each one whole on its page: its safety box is on the page where it starts.
    assert starts == safety, (starts, safety)
