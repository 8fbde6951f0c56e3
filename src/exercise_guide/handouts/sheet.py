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
from .pages import choose, cover_height, cover_words, help_height
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
        # The breath cue and the figure's words print as one line (handout/exercise.html).
        cue = " · ".join(line for line in (self.breath, *self.labels) if line)
        extra = [(len(cue), True)] if cue else []
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
    head_mm: float,
    measure: Measure,
    paper: Paper,
    hold_words: str,
) -> list[Option]:
    """Every way the layout can arrange the exercise's steps and safety box."""
    safety = Safety(
        tuple(len(line) for line in exercise.safety), tuple(len(line) for line in exercise.cautions)
    )
    words = [step.words(hold_words) for step in steps]
    return options(words, safety, head_mm, measure, paper)


def exercise_head(
    entry: Entry,
    dose: list[tuple[str, str]],
    words: dict[str, Any],
    measure: Measure,
    paper: Paper,
) -> float:
    """The height of the exercise's title, summary and dose (handout/exercise.html)."""
    parts = [(len(label), len(value)) for label, value in dose]
    heading = len(words["handout_your_dose"])
    if entry.prescribed:  # "(set for you)" after the heading
        heading += len(words["handout_prescribed"]) + 3
    exercise = entry.exercise
    return head_height(len(exercise.title), len(exercise.summary), parts, heading, measure, paper)


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
    common = common_context(library, handout.title, library.guide.title)
    # The brand's line under the title says again what the contact block on the same cover
    # names first: with no logo to show, the block's line is the brand.
    cover_brand = common["logo"] is not None or contact is None or contact.clinic is None
    cover = cover_words(
        title=handout.title,
        brand=branding.name if cover_brand else "",
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
    heads = [
        exercise_head(entry, dose_lines(entry.dose, words), words, measure, handout.paper)
        for entry in handout.entries
    ]
    offered = [
        arrangements(steps, entry.exercise, head, measure, handout.paper, words["hold_position"])
        for steps, entry, head in zip(views, handout.entries, heads, strict=True)
    ]
    # The help box on the cover, or after the exercises when that saves a page: on the cover it
    # stands beside the disclaimer, and with a clinician's note it makes the cover long.
    paper = handout.paper
    cover_layout = cover_height(cover, measure, paper)
    flow = choose(offered, cover_layout.height_mm, measure, paper)
    help_on_cover = True
    if cover.get_help and not handout.large_print:
        moved = cover_height(cover, measure, paper, help_on_cover=False)
        after = choose(offered, moved.height_mm, measure, paper, help_height(cover, measure, paper))
        if after.pages < flow.pages:
            cover_layout, flow, help_on_cover = moved, after, False
    chosen = flow.options
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
        note_at=cover_layout.note_at,
        help_on_cover=help_on_cover,
        contact_at=cover_layout.contact_at,
        cover_brand=cover_brand,
        weeks=range(1, handout.weeks + 1),
        paper=handout.paper,
        **common,
    )
