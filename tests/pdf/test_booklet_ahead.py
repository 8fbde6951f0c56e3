"""The booklet's own documents are rendered on the posters' pool, ahead of the posters.

Rendered after the posters, the index of a big library (61 pages at 870 exercises) ran at the end
of the build with one core idle; ahead of them, the posters fill the cores around it. The index
goes first of all, to a fresh worker; the front matter and section openings wait until a site
build's pages are written (`ahead_ready`).
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

from exercise_guide.content import Library
from exercise_guide.pdf import BOOKLET
from tests.pdf.conftest import build, progress_lines

INDEX = f"{BOOKLET} index"


def _own(names: list[str]) -> list[int]:
    """Where the booklet's front matter and section openings finished, in order."""
    return [i for i, name in enumerate(names) if name.startswith(f"{BOOKLET} ") and name != INDEX]


def test_the_booklets_documents_go_first_on_the_posters_pool(
    shipped: Library, tmp_path: Path
) -> None:
    stream = io.StringIO()
    # One worker: documents finish in the order they were handed to the pool.
    report = build(shipped, tmp_path, jobs=1, show_progress=True, progress=stream)
    finished = progress_lines(stream)
    names = [name for _, _, name in finished]
    sections = {f"{BOOKLET} section {area}" for area in shipped.body_areas()}
    assert names[0] == INDEX, names
    own = _own(names)
    assert {names[i] for i in own} == {f"{BOOKLET} contents", *sections}
    assert own == list(range(1, len(own) + 1)), names
    assert sorted(names[len(own) + 1 :]) == sorted(f"{ex}.pdf" for ex in shipped.exercises)
    # One run of the pool (one progress count) for all of them, each rendered once.
    assert {count.split("/")[1] for count, _, _ in finished} == {str(len(names))}
    assert all(status == "rendered" for _, status, _ in finished)
    assert report.rendered == report.renders == len(names)
    assert (report.joined, report.cached) == (1, 0)


class _Watched(io.StringIO):
    """A progress stream that says when the first document has finished."""

    def __init__(self) -> None:
        super().__init__()
        self.first_done = threading.Event()

    def write(self, text: str) -> int:
        self.first_done.set()
        return super().write(text)


def test_held_back_until_ready_then_ahead_of_the_posters_left(
    shipped: Library, tmp_path: Path
) -> None:
    # A site build holds them back until its pages are written; here, until a document is done.
    stream = _Watched()
    report = build(
        shipped,
        tmp_path,
        jobs=1,
        show_progress=True,
        progress=stream,
        ahead_ready=stream.first_done.is_set,
    )
    names = [name for _, _, name in progress_lines(stream)]
    assert names[0] == INDEX, names  # never held back
    own = _own(names)
    assert own and own == list(range(own[0], own[-1] + 1)), names  # together, in one run
    assert own[0] > 1 and own[-1] < len(names) - 1, names  # after a poster, before the last one
    assert report.joined == 1


def test_never_ready_means_after_the_posters(shipped: Library, tmp_path: Path) -> None:
    stream = io.StringIO()
    build(shipped, tmp_path, jobs=1, show_progress=True, progress=stream, ahead_ready=lambda: False)
    names = [name for _, _, name in progress_lines(stream)]
    posters = len(shipped.exercises)
    assert names[0] == INDEX, names
    assert all(not name.startswith(f"{BOOKLET} ") for name in names[1 : posters + 1]), names
    assert all(name.startswith(f"{BOOKLET} ") for name in names[posters + 1 :]), names
