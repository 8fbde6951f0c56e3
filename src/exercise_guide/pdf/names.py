"""The file names of the site's PDFs, known without the print engine (a build with nothing
changed links them and imports nothing else of it)."""

from __future__ import annotations

BOOKLET = "guide.pdf"


def poster_file(exercise_id: str, layout: str) -> str:
    """The file name of an exercise's poster in a layout ("poster" or "desk")."""
    return f"{exercise_id}-desk.pdf" if layout == "desk" else f"{exercise_id}.pdf"
