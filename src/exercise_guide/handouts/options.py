"""The handout command's options → a Prescription, each problem naming the option and its value."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..invisible import find_invisible, message
from ..model import ID_RE
from .dose import DoseSyntaxError, parse_assignment
from .prescription import (
    MAX_WEEKS,
    HandoutPaper,
    PrescribedExercise,
    Prescription,
    PrescriptionError,
    today,
)

PAPERS: dict[str, HandoutPaper] = {"a4": "A4", "letter": "Letter"}


@dataclasses.dataclass(frozen=True)
class HandoutOptions:
    """What the command line said; None means the option was not given."""

    routine: str | None = None
    patient: str | None = None
    clinician: str | None = None
    date: str | None = None
    note: str | None = None
    review: str | None = None
    doses: Sequence[str] = ()
    exercises: Sequence[str] = ()
    large_print: bool = False
    paper: str | None = None
    weeks: int | None = None


def _text(option: str, value: str | None, limit: int, problems: list[str]) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split())
    if not text:
        problems.append(f"{option} {value!r}: must not be empty")
    elif len(text) > limit:
        problems.append(f"{option}: is {len(text)} characters long; at most {limit} fit a handout")
    elif (found := find_invisible(text)) is not None:
        # The value is not repeated: it may be a patient's name, and messages can end up in logs.
        problems.append(f"{option}: {message(found)}")
    return text


def apply_options(base: Prescription | None, opts: HandoutOptions) -> Prescription:
    """The prescription the options describe, on top of one read from a file (if any)."""
    problems: list[str] = []
    where: dict[str, str] = dict(base.where) if base else {}
    patient = _text("--patient", opts.patient, 120, problems)
    clinician = _text("--clinician", opts.clinician, 120, problems)
    date = _text("--date", opts.date, 40, problems)
    note = _text("--note", opts.note, 1500, problems)
    review = _text("--review", opts.review, 40, problems)
    for name, value, option in (
        ("patient", patient, "--patient"),
        ("clinician", clinician, "--clinician"),
        ("date", date, "--date"),
        ("note", note, "--note"),
        ("review", review, "--review"),
    ):
        if value is not None:
            where[name] = f"{option} {value!r}"

    routine = base.routine if base else None
    exercises = base.exercises if base else ()
    if opts.routine is not None:
        if not ID_RE.match(opts.routine):
            problems.append(f"ROUTINE {opts.routine!r}: is not a routine id")
        routine, exercises = opts.routine, ()
        where["routine"] = f"ROUTINE {opts.routine!r}"
    if opts.exercises:
        if opts.routine is not None:
            problems.append("--exercise: give either ROUTINE or --exercise, not both")
        picked = []
        for index, exercise_id in enumerate(opts.exercises):
            if not ID_RE.match(exercise_id):
                problems.append(f"--exercise {exercise_id!r}: is not an exercise id")
                continue
            where[f"exercises[{index}]"] = f"--exercise {exercise_id!r}"
            picked.append(PrescribedExercise(exercise=exercise_id))
        routine, exercises = None, tuple(picked)

    doses = dict(base.doses) if base else {}
    for text in opts.doses:
        try:
            exercise_id, dose = parse_assignment(text)
        except DoseSyntaxError as exc:
            problems.append(f"--dose {text!r}: {exc}")
            continue
        doses[exercise_id] = dose
        where[f"doses.{exercise_id}"] = f"--dose {text!r}"

    paper = base.paper if base else None
    if opts.paper is not None:
        paper = PAPERS.get(opts.paper.strip().casefold())
        if paper is None:
            problems.append(f"--paper {opts.paper!r}: choose A4 or Letter")
    weeks = base.weeks if base else 4
    if opts.weeks is not None:
        if not 1 <= opts.weeks <= MAX_WEEKS:
            problems.append(f"--weeks {opts.weeks}: choose 1 to {MAX_WEEKS} weeks")
        weeks = opts.weeks

    patient = patient if patient is not None else (base.patient if base else None)
    if not patient:  # a base read from a programme link has an empty name: links never hold one
        problems.append("--patient: is required (the name printed on the handout)")
    if routine is None and not exercises:
        problems.append("ROUTINE: name a routine, or pick exercises with --exercise, or use --from")
    if problems or not patient:
        raise PrescriptionError(problems)
    return Prescription(
        patient=patient,
        clinician=clinician if clinician is not None else (base.clinician if base else None),
        date=date or (base.date if base else today()),
        note=note if note is not None else (base.note if base else None),
        routine=routine,
        exercises=exercises,
        doses=doses,
        large_print=opts.large_print or (base.large_print if base else False),
        paper=paper,
        weeks=weeks,
        where=where,
        review=review if review is not None else (base.review if base else None),
    )
