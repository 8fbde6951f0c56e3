"""A handout as print HTML: cover block, exercises with figures and doses, safety, the log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..content import Library
from ..dates import human_date
from ..model import Dose, Exercise, Paper
from ..pdf.documents import common_context, figure_words, file_url, inline_svg, print_figure
from ..sessions import sessions_per_day
from ..strings import strings
from ..template_folders import Templates
from ..templating import render
from .contact import contact_block
from .layout import LARGE, NORMAL, Measure, Option, Safety, Words, head_height, options
from .pages import choose, cover_height, cover_words
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

    def words(self, hold_words: str) -> Words:
        """What the step says, for the layout's estimate (its number badge counts as 3 characters)."""
        extra = [(len(line), True) for line in (self.breath, " · ".join(self.labels)) if line]
        if self.hold:
            extra.append((len(hold_words) + 2 + len(self.hold), True))
        return Words(((len(self.text) + 3, False), *extra))


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


@dataclass(frozen=True)
class RowView:
    """A row of steps as the template prints it: each step with its width, and the safety box."""

    cells: tuple[tuple[StepView, float, bool], ...]
    steps_width: float
    after_width: float | None


def arrangements(
    steps: list[StepView],
    exercise: Exercise,
    dose: list[tuple[str, str]],
    measure: Measure,
    paper: Paper,
    hold_words: str,
) -> list[Option]:
    """Every way the layout can arrange the exercise's steps and safety box."""
    safety = Safety(
        tuple(len(line) for line in exercise.safety), tuple(len(line) for line in exercise.cautions)
    )
    dose_chars = sum(len(label) + len(value) + 6 for label, value in dose) + 12
    head = head_height(len(exercise.summary), dose_chars, measure, paper)
    return options([step.words(hold_words) for step in steps], safety, head, measure, paper)


def _rows(steps: list[StepView], option: Option) -> list[RowView]:
    return [
        RowView(
            tuple((steps[cell.index], cell.width, cell.beside) for cell in row.cells),
            row.steps_width,
            row.after_width,
        )
        for row in option.arrangement.rows
    ]


def handout_html(library: Library, handout: Handout, templates: Templates) -> str:
    """The print HTML of a routine sheet or a personalised handout."""
    words = strings(library.guide.language)
    measure = LARGE if handout.large_print else NORMAL
    branding = library.guide.branding
    contact = contact_block(branding, handout.patient, words)
    handout_date = human_date(handout.patient.date, words) if handout.patient else None
    patient = handout.patient
    cover = cover_words(
        title=handout.title,
        brand=branding.name,
        patient=f"{words['handout_for']}: {patient.name} {words['handout_date']}: {handout_date}"
        if patient
        else None,
        note=patient.note if patient else None,
        purpose=handout.purpose,
        audience=handout.audience,
        contents=[entry.exercise.title for entry in handout.entries],
        disclaimer=library.guide.disclaimer,
        get_help=library.guide.get_help or (),
        contact=contact,
        words=words,
    )
    views = [_steps(library, entry, words) for entry in handout.entries]
    offered = [
        arrangements(
            steps,
            entry.exercise,
            dose_lines(entry.dose, words),
            measure,
            handout.paper,
            words["hold_position"],
        )
        for steps, entry in zip(views, handout.entries, strict=True)
    ]
    chosen = choose(offered, cover_height(cover, measure, handout.paper), measure, handout.paper)
    entries = []
    for number, (entry, steps, option) in enumerate(
        zip(handout.entries, views, chosen, strict=True), start=1
    ):
        entries.append(
            {
                "number": number,
                "exercise": entry.exercise,
                "dose": dose_lines(entry.dose, words),
                "notes": entry.notes,
                "prescribed": entry.prescribed,
                "sessions": sessions_per_day(entry.dose.frequency),
                "rows": _rows(steps, option),
                "after_below": option.arrangement.after_below,
            }
        )
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
        handout_date=handout_date,
        contact=contact,
        weeks=range(1, handout.weeks + 1),
        paper=handout.paper,
        **common,
    )
