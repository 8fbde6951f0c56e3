"""The prescription dose syntax, ID=REPS[xSETS][@FREQUENCY], parsed into a Dose."""

from __future__ import annotations

import re

from ..model import ID_RE, Dose

# REPS may be a range ("8-12") because clinicians prescribe ranges; SETS is a whole number.
_AMOUNT = re.compile(
    r"^(?P<reps>[1-9][0-9]{0,3}(?:-[1-9][0-9]{0,3})?)(?:[xX](?P<sets>[1-9][0-9]?))?"
    r"(?:@(?P<frequency>.*))?$"
)
SYNTAX = "ID=REPS[xSETS][@FREQUENCY], e.g. shoulder-rolling=10x2@twice a day"
AMOUNT_SYNTAX = "REPS[xSETS][@FREQUENCY], e.g. 10x2@twice a day"


class DoseSyntaxError(ValueError):
    """A dose that does not follow the syntax; the message says what is wrong."""


def parse_amount(text: str) -> Dose:
    """The Dose written as REPS[xSETS][@FREQUENCY] ("10", "8-12x3", "10x2@twice a day")."""
    match = _AMOUNT.match(text.strip())
    if match is None:
        raise DoseSyntaxError(f"'{text}' is not a dose: write {AMOUNT_SYNTAX}")
    frequency = match["frequency"]
    if frequency is not None:
        frequency = " ".join(frequency.split())
        if not frequency:
            raise DoseSyntaxError(f"'{text}': say how often after '@', e.g. @twice a day")
        if len(frequency) > 120:
            raise DoseSyntaxError(f"'{text}': the frequency is longer than 120 characters")
    low, _, high = match["reps"].partition("-")
    if high and int(high) <= int(low):
        raise DoseSyntaxError(f"'{text}': a range of repetitions goes from low to high")
    return Dose(reps=match["reps"], sets=match["sets"], frequency=frequency)


def parse_assignment(text: str) -> tuple[str, Dose]:
    """The exercise id and Dose of ID=REPS[xSETS][@FREQUENCY]."""
    exercise_id, sep, amount = text.partition("=")
    exercise_id = exercise_id.strip()
    if not sep or not exercise_id:
        raise DoseSyntaxError(f"'{text}' is not a dose: write {SYNTAX}")
    if not ID_RE.match(exercise_id):
        raise DoseSyntaxError(
            f"'{exercise_id}' is not an exercise id (lowercase letters, digits and hyphens)"
        )
    return exercise_id, parse_amount(amount)
