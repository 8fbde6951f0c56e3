"""The programme link: exercise ids, their order and doses in a URL fragment, nothing else.

A link looks like `https://site/programme/#x=shoulder-rolling,10,2,,,twice%20a%20day&x=...`:
one `x=` per exercise, in order, holding the id and the five dose fields (reps, sets, hold,
duration, frequency), each percent-encoded so a comma inside a dose cannot split it. An empty
field means "the exercise's own dose". The fragment never reaches a server. The page's script
(templates/site/assets/programme.js.j2) writes and reads the same format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from ..model import ID_RE, Dose

DOSE_PARTS = ("reps", "sets", "hold", "duration", "frequency")
KEY = "x"
MAX_EXERCISES = 40
MAX_DOSE_CHARS = 300
# Percent-escapes must be whole; the browser's decodeURIComponent refuses a broken one too.
_BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class LinkItem:
    """One exercise of a link: its id and the dose fields as written (empty ones left out)."""

    exercise: str
    dose: dict[str, str] = field(default_factory=dict)
    position: int = 0  # 1-based place of its `x=` in the link, for messages


@dataclass(frozen=True)
class ProgrammeLink:
    """What a link held: the exercises it could read, and what it left out and why."""

    items: tuple[LinkItem, ...]
    left_out: tuple[str, ...]


def link_fragment(items: Sequence[tuple[str, Dose]]) -> str:
    """The fragment (without '#') of a link to these exercises at these doses."""
    parts = []
    for exercise_id, dose in items:
        values = [getattr(dose, name) or "" for name in DOSE_PARTS]
        parts.append(f"{KEY}=" + ",".join([exercise_id, *(quote(v, safe="") for v in values)]))
    return "&".join(parts)


def parse_link(url: str, known: Sequence[str] | None = None) -> ProgrammeLink:
    """Read a programme link (or just its fragment); bad parts are left out with a reason.

    With `known` (the library's ids), exercises the guide does not have are left out too.
    """
    fragment = urlsplit(url).fragment if "#" in url else ""
    items: list[LinkItem] = []
    left_out: list[str] = []
    seen: set[str] = set()
    if not fragment:
        return ProgrammeLink((), ("the link holds no programme (nothing after '#')",))
    position = 0
    for pair in fragment.split("&"):
        if not pair:
            continue
        key, _, value = pair.partition("=")
        if key != KEY:
            left_out.append(f"'{_shown(pair)}': is not part of a programme link")
            continue
        position += 1
        fields = value.split(",")
        exercise_id = fields[0]
        where = f"exercise {position} '{_shown(exercise_id)}'"
        if not ID_RE.match(exercise_id) or len(exercise_id) > 80:
            left_out.append(f"{where}: is not an exercise id")
            continue
        if known is not None and exercise_id not in known:
            left_out.append(f"{where}: no such exercise in this guide")
            continue
        if exercise_id in seen:
            left_out.append(f"{where}: is listed twice; the first is kept")
            continue
        if len(items) == MAX_EXERCISES:
            left_out.append(f"{where}: a programme holds at most {MAX_EXERCISES} exercises")
            continue
        seen.add(exercise_id)
        dose, problems = _dose(fields[1:])
        left_out += [f"{where}: {p}" for p in problems]
        items.append(LinkItem(exercise_id, dose, position))
    return ProgrammeLink(tuple(items), tuple(left_out))


def _dose(values: list[str]) -> tuple[dict[str, str], list[str]]:
    if len(values) > len(DOSE_PARTS):
        return {}, [
            f"its dose has {len(values)} fields, not {len(DOSE_PARTS)}; the exercise's own dose is used"
        ]
    dose: dict[str, str] = {}
    problems: list[str] = []
    for name, raw in zip(DOSE_PARTS, values, strict=False):
        if _BROKEN_ESCAPE.search(raw):
            problems.append(f"{name}: is not readable text; the exercise's own {name} is used")
            continue
        text = _decoded(raw)
        if text is None or _CONTROL.search(text):
            problems.append(f"{name}: is not readable text; the exercise's own {name} is used")
            continue
        text = " ".join(text.split())
        if len(text) > MAX_DOSE_CHARS:
            problems.append(
                f"{name}: is longer than {MAX_DOSE_CHARS} characters; the exercise's own {name} is used"
            )
            continue
        if text:
            dose[name] = text
    return dose, problems


def _decoded(raw: str) -> str | None:
    try:
        return unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None


def _shown(text: str) -> str:
    # Messages quote what the link said, shortened and with escapes kept as written.
    return text if len(text) <= 60 else text[:57] + "..."
