"""A prescription: who a handout is for, which exercises, at what dose; from YAML or CLI options."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ..content import SourceFile
from ..errors import ContentError, Problem, display_path
from ..model import Dose, Id, Strict
from ..yamlsafe import read_yaml
from .dose import DoseSyntaxError, parse_amount

HandoutPaper = Literal["A4", "Letter"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1500)]
DateText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
DEFAULT_WEEKS = 4
MAX_WEEKS = 12


class PrescriptionError(Exception):
    """A prescription that cannot be issued; every line names where the problem is."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def _dose_from(value: object) -> object:
    # A dose is written like the CLI's (10x2@twice a day) or as a content-style mapping.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        try:
            return parse_amount(value)
        except DoseSyntaxError as exc:
            raise PydanticCustomError("dose_syntax", str(exc)) from None
    return value


class PrescribedExercise(Strict):
    """An exercise picked directly by a prescription, with its dose and a note."""

    exercise: Id
    dose: Dose | None = None
    note: Note | None = None

    @field_validator("dose", mode="before")
    @classmethod
    def _dose(cls, value: object) -> object:
        return _dose_from(value)


class PrescriptionFile(Strict):
    """The schema of an rx YAML file."""

    patient: Name
    clinician: Name | None = None
    date: DateText | None = None
    note: Note | None = None
    # The next review: printed in the contact block, written for people like the date.
    review: DateText | None = None
    routine: Id | None = None
    exercises: list[PrescribedExercise] | None = Field(default=None, min_length=1, max_length=40)
    doses: dict[Id, Dose] = Field(default_factory=dict)
    large_print: bool = False
    paper: HandoutPaper | None = None
    weeks: int = Field(default=DEFAULT_WEEKS, ge=1, le=MAX_WEEKS)

    @field_validator("exercises", mode="before")
    @classmethod
    def _picks(cls, value: object) -> object:
        # A bare id is short for `{exercise: id}`.
        if isinstance(value, list):
            return [{"exercise": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("doses", mode="before")
    @classmethod
    def _doses(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: _dose_from(v) for k, v in value.items()}
        return value


@dataclass(frozen=True)
class Prescription:
    """A validated prescription; `where` says, per field, where it was written (for messages)."""

    patient: str
    clinician: str | None
    date: str
    note: str | None
    routine: str | None
    exercises: tuple[PrescribedExercise, ...]
    doses: Mapping[str, Dose]
    large_print: bool
    paper: HandoutPaper | None
    weeks: int
    where: Mapping[str, str] = field(default_factory=dict)
    review: str | None = None

    def located(self, field_name: str, message: str) -> str:
        """A message prefixed with where the field (or its nearest parent) was written."""
        name = field_name
        while name and name not in self.where:
            name = name[: max(name.rfind("."), name.rfind("["), 0)]
        return f"{self.where.get(name, field_name)}: {message}"


def today() -> str:
    """Today's date as the handout prints it by default (ISO, unambiguous across countries)."""
    return dt.date.today().isoformat()


def read_prescription(path: Path) -> Prescription:
    """Read an rx YAML file; problems are reported as file:line: field: message."""
    try:
        doc = read_yaml(path)
    except ContentError as exc:
        raise PrescriptionError([str(p) for p in exc.problems]) from None
    source = SourceFile(path, doc)
    if not isinstance(doc.data, dict):
        raise PrescriptionError(
            [str(source.problem("(root)", "must be a mapping of keys to values"))]
        )
    try:
        rx = PrescriptionFile.model_validate(doc.data)
    except ValidationError as exc:
        raise PrescriptionError([str(p) for p in _problems(exc, source)]) from None
    where = {
        name: f"{display_path(path)}:{doc.line_of(name)}: {name}" for name in _fields(doc.data)
    }
    if (rx.routine is None) == (rx.exercises is None):
        field_name = "routine" if rx.routine is not None else "(root)"
        raise PrescriptionError(
            [str(source.problem(field_name, "give either `routine: ID` or an `exercises:` list"))]
        )
    return Prescription(
        patient=rx.patient,
        clinician=rx.clinician,
        date=rx.date or today(),
        note=rx.note,
        routine=rx.routine,
        exercises=tuple(rx.exercises or ()),
        doses=dict(rx.doses),
        large_print=rx.large_print,
        paper=rx.paper,
        weeks=rx.weeks,
        where=where,
        review=rx.review,
    )


_KEYS = sorted(
    set(PrescriptionFile.model_fields)
    | set(PrescribedExercise.model_fields)
    | set(Dose.model_fields)
)


def _problems(exc: ValidationError, source: SourceFile) -> list[Problem]:
    found: dict[str, Problem] = {}
    for error in exc.errors(include_url=False):
        field_name = (
            "".join(
                f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"]
            ).lstrip(".")
            or "(root)"
        )
        if error["type"] == "extra_forbidden":
            key = str(error["loc"][-1])
            close = difflib.get_close_matches(key, [k for k in _KEYS if k != key], n=1)
            if key in Dose.model_fields:
                message = f"unknown key '{key}' here (put it under `dose:`)"
            else:
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                message = f"unknown key '{key}'{hint}"

        elif error["type"] == "missing":
            message = "is required"
        elif error["type"] == "string_too_short":
            message = "must not be empty"
        else:
            message = error["msg"]
        found.setdefault(field_name, source.problem(field_name, message))
    return list(found.values())


def _fields(data: Any, prefix: str = "") -> list[str]:
    # Every field path of the document, so a later check (unknown exercise) can name its line.
    names: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            names.append(name)
            names.extend(_fields(value, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            name = f"{prefix}[{index}]"
            names.append(name)
            names.extend(_fields(value, name))
    return names
