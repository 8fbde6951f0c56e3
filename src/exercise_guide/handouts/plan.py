"""What goes on a handout: the exercises in order, each with its final dose and notes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from ..content import Library
from ..model import Dose, Exercise, Paper, Routine
from ..strings import strings
from .prescription import DEFAULT_WEEKS, Prescription, PrescriptionError


@dataclass(frozen=True)
class Entry:
    """One exercise of a handout with the dose to do it at."""

    exercise: Exercise
    dose: Dose
    notes: tuple[str, ...] = ()
    prescribed: bool = False  # the clinician changed the dose for this patient


@dataclass(frozen=True)
class Patient:
    """The person a personalised handout is for, and who prescribed it when."""

    name: str
    clinician: str | None
    date: str
    note: str | None
    review: str | None = None  # when the clinician sees the patient next


@dataclass(frozen=True)
class Handout:
    """Everything a routine sheet or a personalised handout prints."""

    title: str
    purpose: str | None
    audience: str | None
    entries: tuple[Entry, ...]
    paper: Paper
    large_print: bool = False
    weeks: int = DEFAULT_WEEKS
    patient: Patient | None = None
    routine_id: str | None = None


def routine_entries(library: Library, routine: Routine) -> list[Entry]:
    """A routine's exercises, the routine's dose laid over each exercise's own."""
    entries = []
    for item in routine.exercises:
        exercise = library.exercises[item.exercise]
        notes = (item.note,) if item.note else ()
        entries.append(Entry(exercise, exercise.dose.merged(item.dose), notes))
    return entries


def routine_sheet(library: Library, routine_id: str, paper: Paper | None = None) -> Handout:
    """The routine sheet everyone gets: the routine as written, no patient details."""
    routine = library.routines[routine_id]
    return Handout(
        title=routine.title,
        purpose=routine.purpose,
        audience=routine.audience,
        entries=tuple(routine_entries(library, routine)),
        paper=paper or library.guide.paper,
        routine_id=routine.id,
    )


def personalised(library: Library, rx: Prescription) -> Handout:
    """A patient's handout: the prescription checked against the library, doses laid over."""
    problems: list[str] = []
    title, purpose, audience = None, None, None
    entries: list[Entry] = []
    if rx.routine is not None:
        routine = library.routines.get(rx.routine)
        if routine is None:
            raise PrescriptionError(
                [rx.located("routine", _unknown("routine", rx.routine, library.routines))]
            )
        title, purpose, audience = routine.title, routine.purpose, routine.audience
        entries = routine_entries(library, routine)
    seen = {entry.exercise.id for entry in entries}
    for index, item in enumerate(rx.exercises):
        exercise = library.exercises.get(item.exercise)
        field = f"exercises[{index}].exercise"
        if exercise is None:
            problems.append(
                rx.located(field, _unknown("exercise", item.exercise, library.exercises))
            )
            continue
        if exercise.id in seen:
            problems.append(rx.located(field, f"'{exercise.id}' is listed twice"))
            continue
        seen.add(exercise.id)
        notes = (item.note,) if item.note else ()
        entries.append(
            Entry(
                exercise, exercise.dose.merged(item.dose), notes, prescribed=item.dose is not None
            )
        )
    for exercise_id in rx.doses:
        if exercise_id not in seen:
            field = f"doses.{exercise_id}"
            if exercise_id in library.exercises:
                problems.append(rx.located(field, f"'{exercise_id}' is not in this handout"))
            else:
                problems.append(
                    rx.located(field, _unknown("exercise", exercise_id, library.exercises))
                )
    if problems:
        raise PrescriptionError(problems)
    entries = [
        Entry(e.exercise, e.dose.merged(rx.doses[e.exercise.id]), e.notes, prescribed=True)
        if e.exercise.id in rx.doses
        else e
        for e in entries
    ]
    return Handout(
        title=title or strings(library.guide.language)["handout_title"],
        purpose=purpose,
        audience=audience,
        entries=tuple(entries),
        paper=rx.paper or ("Letter" if library.guide.paper == "Letter" else "A4"),
        large_print=rx.large_print,
        weeks=rx.weeks,
        patient=Patient(rx.patient, rx.clinician, rx.date, rx.note, rx.review),
        routine_id=rx.routine,
    )


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no {kind} '{name}' exists{hint}"
