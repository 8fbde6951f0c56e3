"""How a handout arranges one exercise: its steps in rows, each figure above its words or beside
them, and its safety box under the steps or beside the last row.

WeasyPrint lays the page out; this only chooses, from an estimate of how tall each arrangement
prints, the one that takes least height, so a handout fills its pages instead of leaving the
space beside narrow figures empty. The estimate uses the print font's average character width.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Paper

_PAPER_WIDTH_MM: dict[str, float] = {"A4": 210.0, "Letter": 215.9, "A3": 297.0}
_PAPER_HEIGHT_MM: dict[str, float] = {"A4": 297.0, "Letter": 279.4, "A3": 420.0}
_PT_MM = 25.4 / 72
# Atkinson Hyperlegible's mean advance per character of English text, in em (regular, bold).
_EM_REGULAR = 0.44
_EM_BOLD = 0.48
# Characters of a line lost to breaking between words, on average.
_WRAP_LOSS = 3
_GAP_MM = 2.0  # between two cells of a row
_CELL_PAD_MM = 3.8  # a cell's padding and border, both sides together
_FIGURE_GAP_MM = 2.0  # between a figure and the words beside it
_BOX_PAD_MM = 6.0  # the safety box's padding and border, both sides
_INDENT_MM = 4.5  # a list item's indent
# A step figure's height over its width (the figures' viewBox is 240 by 262).
_FIGURE_ASPECT = 262 / 240


@dataclass(frozen=True)
class Measure:
    """The print sizes an estimate is made for: normal print or large print."""

    margins_mm: float  # left and right page margins together
    extra_height_mm: float  # how much more the top and bottom margins take than the side ones
    # How much the space page breaks are expected to leave empty counts: in large print a page
    # holds few blocks, so tall ones leave pages half empty; in normal print pages hold many.
    break_weight: float
    figure_mm: float  # a step figure's width
    font_pt: float
    most_per_row: int  # steps side by side at most
    least_beside_mm: float  # the narrowest column of words beside a figure
    line_height: float = 1.22

    @property
    def figure_height(self) -> float:
        """A step figure's height."""
        return self.figure_mm * _FIGURE_ASPECT

    @property
    def line_mm(self) -> float:
        """The height of one line of text."""
        return self.font_pt * self.line_height * _PT_MM

    def text_width(self, paper: Paper) -> float:
        """The width of the page between its margins."""
        return _PAPER_WIDTH_MM[paper] - self.margins_mm

    def page_height(self, paper: Paper) -> float:
        """The height of the page between its margins."""
        return _PAPER_HEIGHT_MM[paper] - self.margins_mm - self.extra_height_mm


NORMAL = Measure(
    margins_mm=22,
    extra_height_mm=1,
    break_weight=0,
    figure_mm=37,
    font_pt=12,
    most_per_row=3,
    least_beside_mm=38,
    line_height=1.15,
)
LARGE = Measure(
    margins_mm=24,
    extra_height_mm=2,
    break_weight=1,
    figure_mm=52,
    font_pt=18,
    most_per_row=2,
    least_beside_mm=60,
    line_height=1.15,
)


@dataclass(frozen=True)
class Words:
    """What a step says, paragraph by paragraph, each as (characters, bold)."""

    paragraphs: tuple[tuple[int, bool], ...]


@dataclass(frozen=True)
class Cell:
    """A step in its row: which step, its width in percent of the row's steps, figure beside words."""

    index: int
    width: float
    beside: bool


@dataclass(frozen=True)
class Row:
    """A row of steps, and the safety box beside them when it is in this row."""

    cells: tuple[Cell, ...]
    steps_width: float  # percent of the page's text width the steps take
    after_width: float | None  # percent for the safety box beside them, if here


@dataclass(frozen=True)
class Arrangement:
    """An exercise's rows, whether its safety box goes under them, and the height it costs."""

    rows: tuple[Row, ...]
    after_below: bool
    height_mm: float  # its estimated height plus what page breaks are expected to leave empty


def line_chars(width_mm: float, font_pt: float, bold: bool = False) -> int:
    """How many characters a line this wide holds, less what breaking between words loses."""
    char_mm = font_pt * (_EM_BOLD if bold else _EM_REGULAR) * _PT_MM
    return int(width_mm / char_mm) - _WRAP_LOSS


def text_lines(chars: int, width_mm: float, font_pt: float, bold: bool = False) -> int:
    """How many lines a paragraph of `chars` characters takes at this width and size."""
    return max(1, math.ceil(chars / max(1, line_chars(width_mm, font_pt, bold))))


def text_width_mm(chars: int, font_pt: float, bold: bool = False) -> float:
    """How wide a line of `chars` characters prints at this size."""
    return chars * font_pt * (_EM_BOLD if bold else _EM_REGULAR) * _PT_MM


def _lines(chars: int, bold: bool, width_mm: float, measure: Measure) -> int:
    return text_lines(chars, width_mm, measure.font_pt, bold)


def _step_height(words: Words, width_mm: float, beside: bool, measure: Measure) -> float:
    """How tall a step prints in a cell this wide, its figure above or beside its words."""
    inner = width_mm - _CELL_PAD_MM
    figure = measure.figure_height
    line = measure.line_mm
    if not beside:
        lines = sum(_lines(n, bold, inner, measure) for n, bold in words.paragraphs)
        return _CELL_PAD_MM + figure + 1 + lines * line
    narrow = inner - measure.figure_mm - _FIGURE_GAP_MM
    y = 0.0
    for chars, bold in words.paragraphs:
        if y >= figure:
            y += _lines(chars, bold, inner, measure) * line
            continue
        beside_lines = _lines(chars, bold, narrow, measure)
        room = math.ceil((figure - y) / line)
        if beside_lines <= room:
            y += beside_lines * line
        else:
            # The words run beside the figure to its foot, then under it at the full width.
            rest = chars * (beside_lines - room) / beside_lines
            y += room * line + _lines(math.ceil(rest), bold, inner, measure) * line
    return _CELL_PAD_MM + max(figure, y)


def _least_step_height(words: Words, width_mm: float, measure: Measure) -> tuple[float, bool]:
    """The lower of the step's heights with its figure above and beside, and which it was."""
    above = _step_height(words, width_mm, False, measure)
    inner = width_mm - _CELL_PAD_MM
    if inner - measure.figure_mm - _FIGURE_GAP_MM < measure.least_beside_mm:
        return above, False
    beside = _step_height(words, width_mm, True, measure)
    return (beside, True) if beside < above else (above, False)


@dataclass(frozen=True)
class Safety:
    """The safety box and the cautions under it, line by line, in characters."""

    safety: tuple[int, ...]
    cautions: tuple[int, ...]

    def box(self, width_mm: float, measure: Measure) -> float:
        """The safety box's height at this width."""
        inner = width_mm - _BOX_PAD_MM - _INDENT_MM
        lines = 1 + sum(_lines(n, False, inner, measure) for n in self.safety)
        return _BOX_PAD_MM + lines * measure.line_mm

    def notes(self, width_mm: float, measure: Measure) -> float:
        """The cautions' height at this width (nothing when there are none)."""
        if not self.cautions:
            return 0.0
        inner = width_mm - _INDENT_MM
        return (1 + sum(_lines(n, False, inner, measure) for n in self.cautions)) * measure.line_mm

    def stacked(self, width_mm: float, measure: Measure) -> float:
        """Safety box over cautions, in one column."""
        return self.box(width_mm, measure) + 2 + self.notes(width_mm, measure)

    def side_by_side(self, width_mm: float, measure: Measure) -> float:
        """Safety box beside the cautions (35 % and 65 % of the width, as handout.css has it)."""
        if not self.cautions:
            return self.box(width_mm, measure)
        box = (width_mm - 4) * 0.35
        return max(self.box(box, measure), self.notes(width_mm - 4 - box, measure))


def _narrowest(fits: Callable[[float], bool], low: float, high: float) -> float | None:
    """The least width in [low, high] at which `fits(width)` holds, or None (fits grows with width)."""
    if not fits(high):
        return None
    for _ in range(24):
        middle = (low + high) / 2
        if fits(middle):
            high = middle
        else:
            low = middle
    return high


def _row(
    steps: Sequence[tuple[int, Words]],
    safety: Safety | None,
    width_mm: float,
    measure: Measure,
) -> tuple[Row, float] | None:
    """The row (widths shared so its tallest part is as short as can be) and its height."""
    parts = len(steps) + (safety is not None)
    room = width_mm - _GAP_MM * (parts - 1)
    least = measure.figure_mm + _CELL_PAD_MM

    def step_fits(words: Words, height: float) -> Callable[[float], bool]:
        return lambda width: _least_step_height(words, width, measure)[0] <= height

    def widths(height: float) -> list[float] | None:
        """The narrowest width of each part for the row to be at most `height` tall."""
        found: list[float] = []
        for _, words in steps:
            width = _narrowest(step_fits(words, height), least, room)
            if width is None:
                return None
            found.append(width)
        if safety is not None:
            box = safety
            width = _narrowest(lambda w: box.stacked(w, measure) <= height, 30.0, room)
            if width is None:
                return None
            found.append(width)
        return found if sum(found) <= room else None

    low, high = least, 4 * 297.0
    if widths(high) is None:
        return None
    for _ in range(30):
        middle = (low + high) / 2
        if widths(middle) is None:
            low = middle
        else:
            high = middle
    chosen = widths(high)
    assert chosen is not None
    # What is left over goes to every part by its share, so the row spans the page.
    spare = room / sum(chosen)
    chosen = [w * spare for w in chosen]
    heights = []
    cells = []
    steps_mm = sum(chosen[: len(steps)]) + _GAP_MM * (len(steps) - 1)
    for (index, words), width in zip(steps, chosen, strict=False):
        height, beside = _least_step_height(words, width, measure)
        heights.append(height)
        cells.append(Cell(index, round(100 * width / steps_mm, 2), beside))
    after_width = None
    if safety is not None:
        heights.append(safety.stacked(chosen[-1], measure))
        after_width = round(100 * chosen[-1] / width_mm, 2)
    row = Row(tuple(cells), round(100 * steps_mm / width_mm, 2), after_width)
    return row, max(heights)


# A dose part's chip: its padding, border and the gap after it (handout.css .dose .chips li).
_CHIP_MM = 2 * 1.6 + 0.6 + 1.2
_TITLE_EM = 1.4  # handout.css: .handout h2
_INDEX_MM = 6 + 1.5  # the exercise number's badge before its title
_TITLE_GAP_MM = 3.0  # between the title and the summary that runs on from it
_LINE_HEIGHT = 1.3  # base.css: html


def head_height(
    title: int,
    summary: int,
    dose: Sequence[tuple[int, int]],
    dose_words: int,
    measure: Measure,
    paper: Paper,
) -> float:
    """The height of an exercise's title with its summary running on from it, then its dose
    (`dose_words` is the "Your dose" heading, `dose` its parts as label and value characters),
    which print above its first row."""
    width = measure.text_width(paper)
    pt = measure.font_pt
    large = pt > 12
    title_pt = 23.0 if large else pt * _TITLE_EM
    line = pt * (1.2 if large else _LINE_HEIGHT) * _PT_MM
    first = width - text_width_mm(title, title_pt, bold=True) - _INDEX_MM - _TITLE_GAP_MM
    # The summary's characters that fit on the title's line, counted like any line's.
    on_title = max(0, line_chars(first, pt))
    rest = max(0, summary - on_title)
    height = max(title_pt * 1.1 * _PT_MM, line) + 1
    if rest:
        height += _lines(rest, False, width, measure) * line
    if dose:
        chips = [
            text_width_mm(label + 2, pt, True) + text_width_mm(value, pt) + _CHIP_MM
            for label, value in dose
        ]
        # The chips share the heading's line and wrap under themselves.
        room = width - text_width_mm(dose_words, pt, True) - 2
        rows, used = 1, 0.0
        for chip in chips:
            if used and used + chip > room + 1:
                rows, used = rows + 1, 0.0
            used += chip
        height += rows * (pt * _LINE_HEIGHT * _PT_MM + 1.2 + 0.6 + 1)
    return height + 3


def _expected(blocks: list[float], page_mm: float, weight: float) -> float:
    """Blocks' height plus (by `weight`) the page space breaks between them may leave empty.

    A page breaks inside a block's span with a chance of about its height over the page's, and
    then leaves about half of it empty: so tall blocks cost more than their height.
    """
    empty = sum(b * b for b in blocks) / (2 * page_mm)
    return sum(blocks) + _GAP_MM * (len(blocks) - 1) + weight * empty


@dataclass(frozen=True)
class Option:
    """One way to arrange an exercise, with the blocks a page may break between."""

    arrangement: Arrangement
    blocks: tuple[float, ...]  # heights: the head with the first row, each further row, ...


def options(
    steps: Sequence[Words], safety: Safety, head_mm: float, measure: Measure, paper: Paper
) -> list[Option]:
    """Every arrangement of an exercise: rows of 1 up to `most_per_row` steps, its safety box
    under them or beside the last row, each with its blocks and their cost.

    Pages break only between blocks: the head (`head_mm` tall) with the first row, each further
    row, the last row with the safety box under it. An arrangement's cost is its blocks' height,
    counting what page breaks are expected to leave empty.
    """
    width_mm = measure.text_width(paper)
    page_mm = measure.page_height(paper)
    numbered = list(enumerate(steps))
    found: list[Option] = []
    for per_row in range(1, min(measure.most_per_row, len(numbered)) + 1):
        chunks = [numbered[i : i + per_row] for i in range(0, len(numbered), per_row)]
        for after_below in (True, False):
            rows: list[Row] = []
            blocks: list[float] = []
            for n, chunk in enumerate(chunks):
                beside_last = not after_below and n == len(chunks) - 1
                made = _row(chunk, safety if beside_last else None, width_mm, measure)
                if made is None:
                    break
                rows.append(made[0])
                blocks.append(made[1])
            else:
                blocks[0] += head_mm
                if after_below:
                    blocks[-1] += _GAP_MM + safety.side_by_side(width_mm, measure)
                cost = _expected(blocks, page_mm, measure.break_weight)
                found.append(Option(Arrangement(tuple(rows), after_below, cost), tuple(blocks)))
    assert found, "an exercise has at least one step"
    return found


def arrange(
    steps: Sequence[Words], safety: Safety, head_mm: float, measure: Measure, paper: Paper
) -> Arrangement:
    """The arrangement of an exercise whose blocks take least height (see `options`)."""
    best: Arrangement | None = None
    for option in options(steps, safety, head_mm, measure, paper):
        if best is None or option.arrangement.height_mm < best.height_mm - 0.5:
            best = option.arrangement
    assert best is not None
    return best
