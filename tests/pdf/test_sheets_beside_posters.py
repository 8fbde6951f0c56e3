"""Routine sheets are rendered on the posters' pool, right after the booklet's index.

Rendered on a pool of their own after the posters, a routine sheet started a fresh worker and
kept one core busy and the other idle: 3.5 s at the end of the 873-exercise build.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from exercise_guide.content import Library
from exercise_guide.errors import ContentError
from exercise_guide.handouts.names import routine_sheet_name
from exercise_guide.pdf import BOOKLET
from exercise_guide.template_folders import templates_for
from tests.pdf.conftest import build, progress_lines
from tests.support import PACKAGED


def test_routine_sheets_go_right_after_the_index_in_the_posters_run(
    shipped: Library, tmp_path: Path
) -> None:
    stream = io.StringIO()
    sheets = sorted(routine_sheet_name(routine) for routine in shipped.routines)
    assert sheets
    # One worker: documents finish in the order they were handed to the pool.
    report = build(shipped, tmp_path, jobs=1, show_progress=True, progress=stream, routines=True)
    finished = progress_lines(stream)
    names = [name for _, _, name in finished]
    assert names[0] == f"{BOOKLET} index", names
    assert names[1 : 1 + len(sheets)] == sheets, names
    # One run of the pool (one progress count) for every document, each rendered once.
    assert {count.split("/")[1] for count, _, _ in finished} == {str(len(names))}
    assert all(status == "rendered" for _, status, _ in finished)
    assert report.rendered == len(names)
    for sheet in sheets:
        assert report.files[sheet].read_bytes().startswith(b"%PDF-")


def test_a_sheet_that_fails_is_rendered_and_reported_once(shipped: Library, tmp_path: Path) -> None:
    # The guide's own handout template links a file outside the project: the worker refuses it.
    own = tmp_path / "templates" / "print" / "handout" / "handout.html"
    own.parent.mkdir(parents=True)
    packaged = (PACKAGED / "print" / "handout" / "handout.html").read_text(encoding="utf-8")
    refused = '<body><img src="file:///etc/hostname" alt="Outside the project">'
    own.write_text(packaged.replace("<body>", refused, 1), encoding="utf-8")
    stream = io.StringIO()
    with pytest.raises(ContentError) as caught:
        build(
            shipped,
            tmp_path,
            templates=templates_for(tmp_path),
            jobs=1,
            show_progress=True,
            progress=stream,
            routines=True,
            booklet=False,
        )
    sheet = routine_sheet_name(next(iter(shipped.routines)))
    runs = [(status, name) for _, status, name in progress_lines(stream) if name == sheet]
    assert runs == [("FAILED", sheet)]
    assert len(caught.value.problems) == 1, caught.value.problems
    assert "etc/hostname" in str(caught.value.problems[0])
    # The posters still built.
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == sorted(
        f"{exercise}.pdf" for exercise in shipped.exercises
    )
