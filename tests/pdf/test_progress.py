"""Progress: a rich bar on a terminal, one plain line per PDF otherwise."""

from __future__ import annotations

import io

from exercise_guide.pdf.pool import Progress, default_jobs


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(2, stream, "posters") as progress:
        progress.advance("a.pdf", "rendered")
        progress.advance("b.pdf", "FAILED")
    assert stream.getvalue().splitlines() == ["[1/2] rendered a.pdf", "[2/2] FAILED b.pdf"]


def test_a_progress_bar_on_a_terminal() -> None:
    stream = _Terminal()
    with Progress(2, stream, "posters") as progress:
        progress.advance("a.pdf", "rendered")
        progress.advance("b.pdf", "rendered")
    assert "[1/2]" not in stream.getvalue()
    assert "Rendering posters" in stream.getvalue()


def test_nothing_when_disabled() -> None:
    stream = _Terminal()
    with Progress(1, stream, "posters", enabled=False) as progress:
        progress.advance("a.pdf", "rendered")
    assert stream.getvalue() == ""


def test_one_worker_per_usable_core() -> None:
    assert default_jobs() >= 1
