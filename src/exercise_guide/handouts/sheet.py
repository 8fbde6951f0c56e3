"""A handout as print HTML: cover block, exercises with figures and doses, safety, the log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..content import Library
from ..dates import human_date
from ..model import Dose
from ..pdf.documents import common_context, figure_words, file_url, inline_svg, print_figure
from ..sessions import sessions_per_day
from ..strings import strings
from ..template_folders import Templates
from ..templating import render
from .contact import contact_block
from .plan import Entry, Handout

TEMPLATE = "handout/handout.html"
_PLAIN_COUNT = re.compile(r"^\d+(?:-\d+)?$")


@dataclass(frozen=True)
class StepView:
    """A step as the handout prints it: number, words, breath cue, hold and figure."""

    number: int
    text: str
    breath: str | None
    hold: str | None
    figure_alt: str
    figure_svg: Markup | None
    figure_src: str | None
    labels: tuple[str, ...] = ()


def dose_lines(dose: Dose, words: dict[str, Any]) -> list[tuple[str, str]]:
    """A dose as (label, value) pairs in reading order; a bare count reads "10 times"."""
    lines = []
    if dose.reps:
        reps = dose.reps
        if _PLAIN_COUNT.match(reps):
            reps = f"{reps} {words['handout_times']}"
        lines.append((words["reps"], reps))
    for part in ("sets", "hold", "duration", "frequency"):
        value = getattr(dose, part)
        if value:
            lines.append((words[part], value))
    return lines


def _steps(library: Library, entry: Entry, words: dict[str, Any]) -> list[StepView]:
    views = []
    for index, step in enumerate(entry.exercise.steps):
        # Print figures carry no words: the breath cue and arrow labels are printed beside them.
        figure = print_figure(library, entry.exercise, index)
        svg = figure.svg
        labels = tuple(figure_words(svg)) if svg is not None else ()
        views.append(
            StepView(
                number=index + 1,
                text=step.text,
                breath=words["breath"][step.breath] if step.breath else None,
                hold=step.hold,
                figure_alt=figure.alt,
                figure_svg=inline_svg(svg, figure.alt) if svg is not None else None,
                figure_src=file_url(figure.media) if figure.media is not None else None,
                labels=labels,
            )
        )
    return views


def handout_html(
    library: Library,
    handout: Handout,
    templates: Templates,
    page_starts: frozenset[str] = frozenset(),
) -> str:
    """The print HTML of a routine sheet or a personalised handout.

    Exercises whose ids are in `page_starts` begin a new page.
    """
    words = strings(library.guide.language)
    entries = [
        {
            "number": number,
            "exercise": entry.exercise,
            "dose": dose_lines(entry.dose, words),
            "notes": entry.notes,
            "prescribed": entry.prescribed,
            "sessions": sessions_per_day(entry.dose.frequency),
            "page_start": entry.exercise.id in page_starts,
            "steps": _steps(library, entry, words),
        }
        for number, entry in enumerate(handout.entries, start=1)
    ]
    common = common_context(library, handout.title, library.guide.title)
    if handout.patient is not None:
        # A personal document carries no guide date: it is dated by the clinician's date on the page.
        common["doc"] = {**common["doc"], "date": None}
    return render(
        templates.sub("print"),
        TEMPLATE,
        autoescape=True,
        handout=handout,
        entries=entries,
        handout_date=human_date(handout.patient.date, words) if handout.patient else None,
        contact=contact_block(library.guide.branding, handout.patient, words),
        weeks=range(1, handout.weeks + 1),
        paper=handout.paper,
        **common,
    )
