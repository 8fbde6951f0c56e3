"""Step illustrations generated from pose data: the one entry point every output uses."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..content import Library
from ..errors import Problem
from ..model import Exercise


@dataclass(frozen=True)
class StepFigure:
    """A step's figure: generated SVG text, or an authored image file, plus its alt text."""

    alt: str
    svg: str | None = None
    media: Path | None = None


def render_step(library: Library, exercise: Exercise, index: int) -> StepFigure:
    """The figure for step `index` (0-based) of an exercise."""
    step = exercise.steps[index]
    alt = f"Step {index + 1} of {exercise.title}: {step.text}"
    if step.illustration is not None:
        return StepFigure(
            alt=step.illustration.alt or alt, media=library.media_path(step.illustration.file)
        )
    # Neutral placeholder until the pose renderer lands.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 240" role="img">'
        f"<title>{escape(alt)}</title>"
        '<rect x="1" y="1" width="198" height="238" fill="#fff" stroke="#999"/>'
        f'<text x="100" y="125" text-anchor="middle" font-size="28" fill="#999">{index + 1}</text>'
        "</svg>"
    )
    return StepFigure(alt=alt, svg=svg)


def check_library(library: Library) -> list[Problem]:
    """Every problem that would stop a figure of this library from being drawn."""
    return []
