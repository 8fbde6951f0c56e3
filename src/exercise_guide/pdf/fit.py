"""Predict a poster's fit level from its content, so a poster is laid out once, not searched for.

For each fit level, `sheet_height` estimates how tall the poster's content sets, in mm, from the
sheet's geometry (sheet.css, base.css) and its words wrapped with the font's own metrics (measure.py):
header, rows of step panels (figure plus the tallest words of the row, in the column widths the
template prints, columns.py), the boxes in the columns the template prints (boxes.py), and the foot
(the disclaimer beside the QR code). A linear correction per level, fitted on the calibration set (`python -m
benchmarks.fit_calibration`: the seed plus all 873 free-exercise-db entries, laid out for real),
turns the estimate into the height WeasyPrint sets; the predicted level is the loosest whose
corrected height fits the page. The render checks the real page count, so a wrong prediction costs
a render, never a wrong poster (render.py). When the print layout changes,
tests/pdf/test_fit_prediction.py says so; recalibrate here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Exercise, Guide
from ..strings import strings
from .boxes import arrange
from .columns import LEVELS, cell_extra, step_lines, step_widths
from .documents import FIT_LEVELS, PrintOptions, box_groups, per_row, step_words
from .measure import PT_MM, lines, width_mm

# A4 less the 10 mm margins.
PAGE_WIDTH_MM = 190.0
PAGE_HEIGHT_MM = 277.0


# Height ≈ SCALE * estimate + OFFSET (mm) at each level: fitted on the calibration set.
SCALE = (1.0094, 1.0099, 1.0086, 1.0298)
OFFSET = (0.71, -0.12, 0.63, -2.10)
# The poster is predicted to fit when its corrected height is under the page less this margin.
MARGIN_MM = (0.0, 0.0, 0.0)

# A looser level is laid out to check a fitting poster unless its height, estimated from the
# layout at hand, is more than this over the page. A wider band lays out again posters that sit a
# few mm over the page at the looser level; at 1.5 mm, none of the 700 posters of the calibration
# set comes out tighter than a search from the loosest level would give.
LOOSER_CHECK_MM = 1.5
# The QR code at the foot and its two-line caption.
_QR_MM = 24 + 2 * 9 * 1.15 * PT_MM


@dataclass(frozen=True)
class Words:
    """What a poster prints, besides its figures: the text the estimate wraps."""

    title: str
    summary: str
    chips: tuple[str, ...]
    review: str | None
    # Each step's text, and its breath and hold lines.
    steps: tuple[tuple[str, tuple[str, ...]], ...]
    # Per step: whether its figure is drawn, and so prints its view's words ("Seen from the
    # front") under the step's words, about a line.
    drawn: tuple[bool, ...]
    boxes: dict[str, list[str]]  # benefits, tips, safety, cautions and help (pdf/boxes.py)
    disclaimer: str


def poster_words(exercise: Exercise, guide: Guide) -> Words:
    """The words an exercise's poster prints, as the sheet template lays them out."""
    s = strings(guide.language)
    chips = [f"{s['position']}: {s['position_names'][exercise.position]}"]
    equipment = ", ".join(exercise.equipment) if exercise.equipment else s["no_equipment"]
    chips.append(f"{s['equipment']}: {equipment}")
    if exercise.time:
        chips.insert(0, f"{s['time']}: {exercise.time}")
    dose = exercise.dose.model_dump()
    for part in ("reps", "sets", "hold", "duration", "frequency"):
        if dose.get(part):
            chips.append(f"{s[part]}: {dose[part]}")
    return Words(
        title=exercise.title,
        summary=exercise.summary,
        chips=tuple(chips),
        review=s["review_needed"] if exercise.needs_review else None,
        steps=tuple(step_words(exercise, s)),
        drawn=tuple(step.illustration is None for step in exercise.steps),
        boxes=box_groups(exercise, guide.get_help),
        disclaimer=guide.disclaimer,
    )


def _chip_rows(chips: Sequence[str], size: float, measure: float) -> int:
    rows, used = 1, 0.0
    for chip in chips:
        wide = width_mm(chip, size) + 2 * 2.2 + 0.6 + 1.5
        if used and used + wide > measure:
            rows, used = rows + 1, 0.0
        used += wide
    return rows


def sheet_height(words: Words, exercise: Exercise, fit: int) -> float:
    """The estimated height of a poster's content at a fit level, in mm, before correction."""
    level = LEVELS[fit]
    size = level.font_pt
    line = size * level.line_height * PT_MM
    # Header: title, summary, chips, the review note, across the page (the QR code is at the foot).
    title_pt = size * level.title_em
    header = lines(words.title, title_pt, PAGE_WIDTH_MM, bold=True) * title_pt * 1.1 * PT_MM
    header += (
        lines(words.summary, size * 1.05, PAGE_WIDTH_MM) * size * 1.05 * level.line_height * PT_MM
    )
    chip_pt = 9 if fit == 3 else size
    header += 2 + _chip_rows(words.chips, chip_pt, PAGE_WIDTH_MM) * (chip_pt * 1.3 * PT_MM + 2.8)
    if words.review:
        header += 2 + 3.5 + lines(words.review, size, PAGE_WIDTH_MM - 6, bold=True) * line
    # Steps: each row as tall as its figure and its longest words, columns as columns.py shares them.
    per = per_row(exercise, "poster", fit)
    widths = step_widths(words.steps, per, "A4", fit)
    steps = level.gap_mm + size * 1.15 * 1.1 * PT_MM + 1 - level.spacing_mm
    for start in range(0, len(words.steps), per):
        row = words.steps[start : start + per]
        drawn = words.drawn[start : start + per]
        tallest = max(step_lines(step, size, widths[n]) + drawn[n] for n, step in enumerate(row))
        steps += level.spacing_mm + cell_extra(level) + level.figure_mm + tallest * line
    steps += level.spacing_mm
    # The boxes, in the columns boxes.py chooses.
    boxes = level.gap_mm + arrange(words.boxes, "A4", fit)[2]
    # The foot: the disclaimer box (heading, text, the 9 pt footer line) beside the QR code.
    disclaimer = 4 + size * 1.15 * 1.1 * PT_MM + 1
    disclaimer += lines(words.disclaimer, size, PAGE_WIDTH_MM - 37) * line + 1 + 9 * 1.3 * PT_MM
    foot = level.gap_mm + max(disclaimer, _QR_MM)
    return header + steps + boxes + foot


def corrected_height(words: Words, exercise: Exercise, fit: int) -> float:
    """The height WeasyPrint is expected to set at a fit level: the estimate, calibrated."""
    return SCALE[fit] * sheet_height(words, exercise, fit) + OFFSET[fit]


def heights(words: Words, exercise: Exercise) -> Callable[[int], float]:
    """A poster's `corrected_height` at each level, each worked out once (a render asks again)."""
    return functools.cache(lambda fit: corrected_height(words, exercise, fit))


def predicted_level(
    words: Words, exercise: Exercise, height: Callable[[int], float] | None = None
) -> int:
    """The loosest fit level whose calibrated height fits on the page (the tightest if none does)."""
    height = height or heights(words, exercise)
    for fit in range(FIT_LEVELS - 1):
        if height(fit) <= PAGE_HEIGHT_MM - MARGIN_MM[fit]:
            return fit
    return FIT_LEVELS - 1


def predicted_fit(
    exercise: Exercise,
    options: PrintOptions,
    words: Words,
    height: Callable[[int], float] | None = None,
) -> int:
    """The fit level a poster most likely needs: the render starts there, not at the loosest level.

    Only A4 posters are calibrated; other papers and the desk layout start at 0 as before.
    `height` is the poster's corrected height per level, when the caller keeps one (`heights`).
    """
    if options.layout != "poster" or options.paper != "A4":
        return 0
    return predicted_level(words, exercise, height)


def settle_fit(
    start: int, fits: Callable[[int], tuple[bool, float]], height: Callable[[int], float]
) -> int | None:
    """The loosest level at which a poster fits one page (None: none does), found by layouts
    (`fits`: one page?, content height in mm) from the predicted level `start`.

    A prediction too loose overflows, and the next tighter levels are laid out until one fits,
    as a search would. One that fits might be too tight: the level looser is laid out too, unless
    its height (this layout's, plus the estimated growth to that level, `height`) is clearly
    over the page.
    """
    fitted, measured = fits(start)
    if not fitted:
        return next((fit for fit in range(start + 1, FIT_LEVELS) if fits(fit)[0]), None)
    fit = start
    while fit > 0:
        looser = measured + height(fit - 1) - height(fit)
        if looser > PAGE_HEIGHT_MM + LOOSER_CHECK_MM:
            break
        fitted, taller = fits(fit - 1)
        if not fitted:
            break
        fit, measured = fit - 1, taller
    return fit
