"""Predict a poster's fit level from its content, so a poster is laid out once, not searched for.

For each fit level, `sheet_height` estimates how tall the poster's content sets, in mm, from the
sheet's geometry (sheet.css, base.css) and its words wrapped with the font's own metrics (measure.py):
header, rows of step panels (figure plus the tallest text of the row), the side-by-side boxes and the
disclaimer. A linear correction per level, fitted on the calibration set (`python -m
benchmarks.fit_calibration`: the seed plus all 873 free-exercise-db entries, laid out for real),
turns the estimate into the height WeasyPrint sets; the predicted level is the loosest whose
corrected height fits the page. The render checks the real page count, so a wrong prediction costs
a render, never a wrong poster (render.py). When the print layout changes,
tests/pdf/test_fit_prediction.py says so; recalibrate here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Exercise, Guide
from ..strings import strings
from .documents import FIT_LEVELS, PrintOptions, per_row, tips_beyond_safety
from .measure import PT_MM, lines, width_mm

# A4 less the 10 mm margins.
PAGE_WIDTH_MM = 190.0
PAGE_HEIGHT_MM = 277.0


@dataclass(frozen=True)
class Level:
    """One fit level's sizes, as sheet.css sets them on A4."""

    font_pt: float
    line_height: float
    figure_mm: float
    title_em: float
    gap_mm: float  # margin above each section and the boxes
    padding_mm: float  # a step panel's padding
    spacing_mm: float  # border-spacing of the steps table


LEVELS = (
    Level(12, 1.3, 48, 2.1, 3, 1.5, 2.0),
    Level(11, 1.3, 48, 2.1, 2, 1.5, 2.0),
    Level(10.5, 1.3, 45, 2.1, 1.5, 1.0, 1.5),
    Level(9, 1.15, 27, 1.7, 1.5, 1.0, 1.5),
)
# Height ≈ SCALE * estimate + OFFSET (mm) at each level: fitted on the calibration set.
SCALE = (1.0547, 1.0549, 1.0474, 1.0580)
OFFSET = (-1.97, -2.07, -2.33, -7.21)
# The poster is predicted to fit when its corrected height is under the page less this margin.
MARGIN_MM = (0.0, 0.0, 0.0)

# A looser level is laid out to check a fitting poster unless its height, estimated from the
# layout at hand, is more than this over the page. Many imported posters share one shape and sit
# 3-5 mm over the page at the looser level, so a wider band lays out every one of them again; at
# 1.5 mm, about 2 in 1000 posters of the calibration set come out one level tighter than a search
# from the loosest level would give (still one page, type never under 9 pt).
LOOSER_CHECK_MM = 1.5

_BORDER_MM = 0.6  # a step panel's border, both sides
_NUMBER_MM = 6 + 2 + 1.5  # the step number's badge before its text
_BULLET_MM = 4.5  # list indent


@dataclass(frozen=True)
class Words:
    """What a poster prints, besides its figures: the text the estimate wraps."""

    title: str
    summary: str
    chips: tuple[str, ...]
    review: str | None
    steps: tuple[str, ...]
    extras: tuple[int, ...]  # per step: breath and hold lines under its text
    left: tuple[tuple[str, ...], ...]  # benefits, tips (each a list under a heading)
    right: tuple[tuple[str, ...], ...]  # safety, cautions
    get_help: tuple[str, ...]  # the guide's "when to get help" lines, boxed under them
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
    tips = tips_beyond_safety(exercise)
    return Words(
        title=exercise.title,
        summary=exercise.summary,
        chips=tuple(chips),
        review=s["review_needed"] if exercise.needs_review else None,
        steps=tuple(step.text for step in exercise.steps),
        extras=tuple(bool(step.breath) + bool(step.hold) for step in exercise.steps),
        left=tuple(tuple(group) for group in (exercise.benefits, tips) if group),
        right=tuple(tuple(group) for group in (exercise.safety, exercise.cautions) if group),
        get_help=tuple(guide.get_help),
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


def _column_widths(steps: Sequence[str], per: int, level: Level) -> list[float]:
    """The steps table's column widths: auto layout shares the room by each column's text."""
    size, figure = level.font_pt, level.figure_mm
    least = [0.0] * per
    most = [0.0] * per
    for index, text in enumerate(steps):
        column = index % per
        longest = max((width_mm(w, size) for w in text.split()), default=0.0)
        least[column] = max(least[column], figure, longest)
        most[column] = max(most[column], figure, _NUMBER_MM + width_mm(text, size))
    room = PAGE_WIDTH_MM - (per + 1) * level.spacing_mm - per * _cell_extra(level)
    if sum(most) <= room:
        return [m + (room - sum(most)) * m / sum(most) for m in most]
    if sum(least) >= room:
        return least  # the figures alone are wider than the page: the table runs over it
    spread = sum(most) - sum(least) or 1.0
    return [
        lo + (room - sum(least)) * (hi - lo) / spread for lo, hi in zip(least, most, strict=False)
    ]


def _cell_extra(level: Level) -> float:
    return 2 * level.padding_mm + _BORDER_MM


def _list_height(groups: Sequence[Sequence[str]], level: Level, measure: float) -> float:
    line = level.font_pt * level.line_height * PT_MM
    heading = level.font_pt * 1.15 * 1.1 * PT_MM + 1
    total = 0.0
    for group in groups:
        total += heading + (level.gap_mm if total else 0)
        for item in group:
            total += lines(item, level.font_pt, measure - _BULLET_MM) * line + 0.8
    return total


def sheet_height(words: Words, exercise: Exercise, fit: int) -> float:
    """The estimated height of a poster's content at a fit level, in mm, before correction."""
    level = LEVELS[fit]
    size = level.font_pt
    line = size * level.line_height * PT_MM
    heading_mm = PAGE_WIDTH_MM - 30
    # Header: title, summary, chips, the review note; beside the QR code and its caption.
    title_pt = size * level.title_em
    header = lines(words.title, title_pt, heading_mm, bold=True) * title_pt * 1.1 * PT_MM
    header += (
        lines(words.summary, size * 1.05, heading_mm) * size * 1.05 * level.line_height * PT_MM
    )
    chip_pt = 9 if fit == 3 else size
    header += 2 + _chip_rows(words.chips, chip_pt, heading_mm) * (chip_pt * 1.3 * PT_MM + 2.8)
    if words.review:
        header += 2 + 3.5 + lines(words.review, size, heading_mm - 6, bold=True) * line
    header = max(header, 24 + 3 * 9 * 1.15 * PT_MM)
    # Steps: each row as tall as its figure and its longest text.
    per = per_row(exercise, "poster", fit)
    widths = _column_widths(words.steps, per, level)
    steps = level.gap_mm + size * 1.15 * 1.1 * PT_MM + 1 - level.spacing_mm
    for start in range(0, len(words.steps), per):
        tallest = 0
        for column, text in enumerate(words.steps[start : start + per]):
            count = lines(text, size, widths[column], indent_mm=_NUMBER_MM)
            extra = words.extras[start + column]
            tallest = max(tallest, count + extra)
        steps += level.spacing_mm + _cell_extra(level) + level.figure_mm + tallest * line
    steps += level.spacing_mm
    # The boxes: benefits and tips beside safety and cautions (safety alone across when no list),
    # and the guide's "when to get help" box under the column with fewer characters (documents.py).
    help_left = bool(words.get_help) and sum(map(len, sum(words.left, ()))) <= sum(
        map(len, sum(words.right, ()))
    )
    half = (PAGE_WIDTH_MM - 4) / 2 if words.left or help_left else PAGE_WIDTH_MM
    right = _list_height(words.right, level, half - 7.6) + 5.6
    left = _list_height(words.left, level, half)
    if words.get_help:
        # Its own box: a thick left rule, padding and a frame.
        box = _list_height((words.get_help,), level, half - 8.5) + 4
        if help_left:
            left += (level.gap_mm if left else 0) + box
        else:
            right += level.gap_mm + box
    boxes = level.gap_mm + max(left, right)
    # The disclaimer box: heading, text and the 9 pt footer line.
    disclaimer = level.gap_mm + 4 + size * 1.15 * 1.1 * PT_MM + 1
    disclaimer += lines(words.disclaimer, size, PAGE_WIDTH_MM - 7) * line + 1 + 9 * 1.3 * PT_MM
    return header + steps + boxes + disclaimer


def corrected_height(words: Words, exercise: Exercise, fit: int) -> float:
    """The height WeasyPrint is expected to set at a fit level: the estimate, calibrated."""
    return SCALE[fit] * sheet_height(words, exercise, fit) + OFFSET[fit]


def predicted_level(words: Words, exercise: Exercise) -> int:
    """The loosest fit level whose calibrated height fits on the page (the tightest if none does)."""
    for fit in range(FIT_LEVELS - 1):
        if corrected_height(words, exercise, fit) <= PAGE_HEIGHT_MM - MARGIN_MM[fit]:
            return fit
    return FIT_LEVELS - 1


def predicted_fit(exercise: Exercise, options: PrintOptions, words: Words) -> int:
    """The fit level a poster most likely needs: the render starts there, not at the loosest level.

    Only A4 posters are calibrated; other papers and the desk layout start at 0 as before.
    """
    if options.layout != "poster" or options.paper != "A4":
        return 0
    return predicted_level(words, exercise)


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
