"""A programme link as the handout command's prescription: `exercise-guide handout --from-link`."""

from __future__ import annotations

from ..content import Library
from ..model import Dose
from ..programme.link import parse_link
from .prescription import (
    DEFAULT_WEEKS,
    PrescribedExercise,
    Prescription,
    PrescriptionError,
    today,
)


def link_prescription(url: str, library: Library) -> Prescription:
    """The exercises, order and doses of a programme link, as a prescription with no patient yet.

    Raises PrescriptionError naming each part of the link that cannot be used: unlike the page,
    which loads what it can, a printed handout must hold exactly what the link says.
    """
    link = parse_link(url)
    if link.left_out:
        raise PrescriptionError([f"--from-link: {line}" for line in link.left_out])
    picks = []
    where = {}
    for index, item in enumerate(link.items):
        where[f"exercises[{index}]"] = f"--from-link exercise {item.position} '{item.exercise}'"
        dose = Dose(**item.dose) if item.dose else None
        exercise = library.exercises.get(item.exercise)
        # A dose equal to the exercise's own is not marked "set for you", as on the page.
        if (
            dose is not None
            and exercise is not None
            and exercise.dose.merged(dose) == exercise.dose
        ):
            dose = None
        picks.append(PrescribedExercise(exercise=item.exercise, dose=dose))
    return Prescription(
        patient="",  # the handout command requires --patient; a link never holds one
        clinician=None,
        date=today(),
        note=None,
        routine=None,
        exercises=tuple(picks),
        doses={},
        large_print=False,
        paper=None,
        weeks=DEFAULT_WEEKS,
        where=where,
    )
