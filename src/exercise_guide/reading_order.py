"""The guide's reading order of exercises, shared by the booklet and the site's home page."""

from __future__ import annotations

from .content import Library
from .model import Exercise

# Where an exercise sorts when neither its `order` nor a routine places it.
_UNPLACED = (1 << 30, 1 << 30)


def routine_ranks(library: Library) -> dict[str, tuple[int, int]]:
    """Each exercise's place in the first routine that holds it: (routine, position)."""
    ranks: dict[str, tuple[int, int]] = {}
    for r, routine in enumerate(library.routines.values()):
        for position, item in enumerate(routine.exercises):
            ranks.setdefault(item.exercise, (r, position))
    return ranks


def sort_key(exercise: Exercise, ranks: dict[str, tuple[int, int]]) -> tuple[object, ...]:
    """The author's `order` first, then routine order, then title (then id, so ties never float)."""
    order = exercise.order if exercise.order is not None else 1 << 30
    return (order, ranks.get(exercise.id, _UNPLACED), exercise.title.casefold(), exercise.id)


def guide_order(library: Library) -> list[Exercise]:
    """Every exercise once, as the booklet prints them: by first body area (in the guide's
    order), then by `sort_key` within it."""
    ranks = routine_ranks(library)
    return [
        ex
        for area in library.body_areas()
        for ex in sorted(
            (ex for ex in library.exercises_in(area) if ex.body_areas[0] == area),
            key=lambda ex: sort_key(ex, ranks),
        )
    ]
