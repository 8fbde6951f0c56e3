"""How a handout's exercises share its pages: the cover's height, then one arrangement per
exercise chosen together, so that page breaks fall where they leave least space empty.

layout.py offers each exercise's arrangements as blocks a page may break between; this flows
them down the pages after the cover, as WeasyPrint will, and keeps the choice that ends on the
earliest page, highest up. Exercises chosen one by one, each at its own least height, can leave
a row that just misses the foot of a page: the whole row, or a whole exercise, goes over.
Heights are estimates from the print font's average character width (layout.py), and the
cover's from the same model of handout.css.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Paper
from .contact import Contact
from .layout import Measure, Option, line_chars, text_lines, text_width_mm

_PT_MM = 25.4 / 72
# Space left free on each page for what the estimates may miss (they are within about 3 mm).
_SLACK_MM = 4.0
_ROW_GAP_MM = 2.0  # .row's bottom margin
_EXERCISE_GAP_MM = 4.0  # .exercise's bottom margin (the last row's collapses into it)
_BOX_MM = 4.0  # a bordered box's padding and border, top and bottom together
_BOX_SIDES_MM = 7.0  # ... and left and right together
_COLUMN_GAP_MM = 5.0  # between the cover's two halves


@dataclass(frozen=True)
class Cover:
    """The words on a handout's cover, in characters: what its height depends on."""

    title: int
    brand: int
    patient: int  # "For: name" and "Date: date" together; 0 without a patient
    note: int
    purpose: int
    audience: int
    contents: tuple[int, ...]  # each exercise's title
    disclaimer: int
    note_head: int  # the note's heading, which runs into its words
    disclaimer_head: int  # the disclaimer's heading, likewise
    get_help: tuple[int, ...]
    contact_head: int  # "Contact" and the clinic's name, on one line; 0 without a block
    contact_other: int
    contact_pairs: tuple[tuple[int, int], ...]  # (label, value)


def _para(chars: int, width: float, pt: float, line_height: float, bold: bool = False) -> float:
    """A paragraph's height."""
    if not chars:
        return 0.0
    return text_lines(chars, width, pt, bold) * pt * line_height * _PT_MM


def _flex_lines(items: Sequence[float], width: float) -> int:
    """How many lines items this wide take when they wrap in a row of this width."""
    lines, used = 1, 0.0
    for item in items:
        if used and used + item > width:
            lines, used = lines + 1, 0.0
        used += item
    return lines


@dataclass(frozen=True)
class CoverLayout:
    """The cover's estimated height, and where its clinician's note ("main" or "side" half) and
    contact block ("across" the page under both halves, or at the foot of either) go: whichever
    sets the cover shortest, so the two halves come out of a height."""

    height_mm: float
    note_at: str
    contact_at: str


def cover_height(
    cover: Cover, measure: Measure, paper: Paper, help_on_cover: bool = True
) -> CoverLayout:
    """How tall the cover prints, to the rule under it (handout.css: .cover and what is in it),
    with the help box on it or (`help_on_cover` false) after the exercises."""
    large = measure.font_pt > 12
    pt = measure.font_pt
    lh = 1.2  # handout.css: .cover
    line = pt * lh * _PT_MM
    full = measure.text_width(paper)
    width = full if large else (full - _COLUMN_GAP_MM) / 2
    title_pt, head_pt = (26.0, 23.0) if large else (pt * 1.9, pt * 1.1)
    box_head = head_pt * 1.1 * _PT_MM + 1
    title = _para(cover.title, width, title_pt, 1.1, True) + 2
    title_mm = text_width_mm(cover.title, title_pt, True)
    brand_mm = text_width_mm(cover.brand, pt * (1 if large else 1.1))
    if cover.brand and title_mm + 3 + brand_mm > width:  # the brand wraps under the title
        title += pt * (1 if large else 1.1) * 1.3 * _PT_MM + 1
    main = title
    if cover.patient:
        main += _flex_lines([text_width_mm(cover.patient, pt, True) + 5], width) * line + 1.5
    main += _para(cover.purpose, width, pt * (1 if large else 1.1), lh)
    main += _para(cover.audience, width, pt, lh) + (1 if cover.audience else 0)
    items = [text_width_mm(chars + 3, pt) + 8 for chars in cover.contents]
    main += _flex_lines(items, width) * (line + 0.8) + 1.5
    inner = width - _BOX_SIDES_MM

    def run_in(heading: int, chars: int) -> float:
        """A box whose heading runs into its words: they start on its line, after it."""
        first = inner - text_width_mm(heading, head_pt, True) - 2
        on_heading = max(0, line_chars(first, pt))
        rest = max(0, chars - on_heading)
        return _BOX_MM + line + (_para(rest, inner, pt, lh) if rest else 0.0)

    note = run_in(cover.note_head, cover.note) + 1.5 if cover.note else 0.0
    side = run_in(cover.disclaimer_head, cover.disclaimer)
    if cover.get_help and help_on_cover:
        side += 1.5 + _BOX_MM + box_head
        side += sum(_para(chars, inner - 4.5, pt, lh) + 0.8 for chars in cover.get_help)
    rule = 2 + 0.6 + 3
    across = _contact(cover, full, pt, head_pt, lh, 1 if large else 2)
    if large:  # one column: the note heads the rest, the block follows it
        return CoverLayout(main + note + side + 2 + across + rule, "side", "across")
    column = _contact(cover, width, pt, head_pt, lh, 1)
    heights = {}
    for note_at in ("side", "main"):
        left = main + (note if note_at == "main" else 0.0)
        right = side + (note if note_at == "side" else 0.0)
        heights[(note_at, "across")] = max(left, right) + across
        heights[(note_at, "main")] = max(left + column, right)
        heights[(note_at, "side")] = max(left, right + column)
    # Ties keep the note beside the disclaimer and the block across, as they print without extras.
    best = min(heights, key=lambda at: round(heights[at], 1))
    return CoverLayout(heights[best] + rule, *best)


def _contact(
    cover: Cover, width: float, pt: float, head_pt: float, lh: float, columns: int
) -> float:
    """The contact block this wide: a line with the clinic, then its details in `columns`
    columns of label and value."""
    if not cover.contact_head:
        return 0.0
    inner = width - _BOX_SIDES_MM
    head = text_width_mm(cover.contact_head, head_pt, True) + 3
    other = text_width_mm(cover.contact_other, pt)
    line = pt * lh * _PT_MM
    height = 1.5 + _BOX_MM + max(head_pt * 1.3 * _PT_MM, line)
    if cover.contact_other and head + other > inner:
        height += _para(cover.contact_other, inner, pt, lh)
    label = max((text_width_mm(n, pt, True) for n, _ in cover.contact_pairs), default=0.0)
    value = (inner - columns * (label + 2)) / columns
    heights = [_para(chars, value, pt, lh) for _, chars in cover.contact_pairs]
    for n in range(0, len(heights), columns):
        height += max(heights[n : n + columns])
    return height


def help_height(cover: Cover, measure: Measure, paper: Paper) -> float:
    """The help box's height across the page, after the exercises (handout.css: body > .get-help)."""
    pt = measure.font_pt
    inner = measure.text_width(paper) - _BOX_SIDES_MM - 1.5  # its left border is wider
    lines = sum(_para(chars, inner - 4.5, pt, 1.2) + 0.8 for chars in cover.get_help)
    return _BOX_MM + pt * 1.1 * 1.1 * _PT_MM + 1 + lines


def _fits(y: float, block: float, page: float) -> bool:
    return y + block + _SLACK_MM <= page


def _flow(y: float, pages: int, blocks: Sequence[float], page: float) -> tuple[int, float]:
    """Where the next exercise starts after these blocks: (pages begun, height used on the last)."""
    for n, block in enumerate(blocks):
        if y > 0 and not _fits(y, block, page):
            pages, y = pages + 1, 0.0
        y += block + (_EXERCISE_GAP_MM if n == len(blocks) - 1 else _ROW_GAP_MM)
    return pages, y


@dataclass(frozen=True)
class Flow:
    """The option chosen for each exercise, and where the flow ends: pages begun, height used."""

    options: list[Option]
    pages: int
    used_mm: float


def choose(
    exercises: Sequence[Sequence[Option]],
    cover_mm: float,
    measure: Measure,
    paper: Paper,
    tail_mm: float = 0.0,
) -> Flow:
    """One option per exercise: the choice whose exercises (and the `tail_mm` block after them,
    if any) end on the earliest page, highest up (so no page is left part empty for a block that
    went over); of those ending within a few millimetres of each other, the one whose
    arrangements take least height.

    The flow is followed exercise by exercise, keeping for each page reached only the choices
    that no other beats both on where it ends and on the height it takes.
    """
    page = measure.page_height(paper)
    # (pages begun, height used on the last, height taken overall, the options that led there)
    states: list[tuple[int, float, float, tuple[Option, ...]]] = [(1, cover_mm, 0.0, ())]
    for choices in exercises:
        reached = []
        for pages, y, cost, chosen in states:
            for option in choices:
                at, used = _flow(y, pages, option.blocks, page)
                reached.append((at, used, cost + option.arrangement.height_mm, (*chosen, option)))
        reached.sort(key=lambda state: state[:3])
        states = []
        for state in reached:
            # Sorted by page, then height used: a later state on the same page survives only
            # when it takes less height overall than every one before it.
            if not any(s[0] == state[0] and s[2] <= state[2] for s in states):
                states.append(state)
    if tail_mm:
        states = [
            (*_flow(y, pages, [tail_mm], page), cost, chosen) for pages, y, cost, chosen in states
        ]
    best = min(states, key=lambda state: (state[0], round(state[1] / _SLACK_MM), state[2]))
    return Flow(list(best[3]), best[0], best[1])


def cover_words(
    title: str,
    brand: str,
    patient: str | None,
    note: str | None,
    purpose: str | None,
    audience: str | None,
    contents: Sequence[str],
    disclaimer: str,
    get_help: Sequence[str],
    contact: Contact | None,
    words: dict[str, str],
) -> Cover:
    """The cover's words counted, from what handout.html prints."""
    pairs: tuple[tuple[int, int], ...] = ()
    head = other = 0
    if contact is not None:
        head = len(words["handout_contact"]) + 2 + len(contact.clinic or "")
        other = len(contact.other or "")
        pairs = tuple((len(label), len(value)) for label, value in contact.pairs)
    return Cover(
        title=len(title),
        brand=len(brand),
        patient=len(patient or ""),
        note=len(note or ""),
        purpose=len(purpose or ""),
        audience=len(audience or "") + (len(words["handout_who_for"]) + 2 if audience else 0),
        contents=tuple(len(name) for name in contents),
        disclaimer=len(disclaimer),
        note_head=len(words["handout_note"]),
        disclaimer_head=len(words["disclaimer"]),
        get_help=tuple(len(line) for line in get_help),
        contact_head=head,
        contact_other=other,
        contact_pairs=pairs,
    )
