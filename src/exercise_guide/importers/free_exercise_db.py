"""free-exercise-db (yuhonas/free-exercise-db, public-domain text) → exercise data for our YAML."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ContentError, display_path
from ..model import Exercise
from .slugs import assign_ids

SOURCE_NAME = "free-exercise-db"
UPSTREAM_URL = "https://github.com/yuhonas/free-exercise-db"
LICENCE = "Unlicense (public domain)"
MAX_FILE_BYTES = 50_000_000
# Every step gets a figure on the exercise's one-page poster. The longest upstream entry that
# builds has 10 steps; Power_Clean's 24 do not fit even at the poster's tightest layout.
MAX_STEPS = 12

LEVELS = ("beginner", "intermediate", "expert")
CATEGORIES = (
    "powerlifting",
    "strength",
    "stretching",
    "cardio",
    "olympic weightlifting",
    "strongman",
    "plyometrics",
)
FORCES = ("static", "pull", "push")
MECHANICS = ("isolation", "compound")
EQUIPMENT = (
    "medicine ball",
    "dumbbell",
    "body only",
    "bands",
    "kettlebells",
    "foam roll",
    "cable",
    "machine",
    "barbell",
    "exercise ball",
    "e-z curl bar",
    "other",
)

# Upstream muscle names → this guide's body-area ids (coarse regions a reader looks for).
MUSCLE_AREAS: dict[str, tuple[str, ...]] = {
    "abdominals": ("core",),
    "abductors": ("hips",),
    "adductors": ("thighs",),
    "biceps": ("arms",),
    "calves": ("calves",),
    "chest": ("chest",),
    "forearms": ("arms",),
    "glutes": ("hips",),
    "hamstrings": ("thighs",),
    "lats": ("upper-back",),
    "lower back": ("lower-back",),
    "middle back": ("upper-back",),
    "neck": ("neck",),
    "quadriceps": ("thighs",),
    "shoulders": ("shoulders",),
    "traps": ("upper-back", "neck"),
    "triceps": ("arms",),
}
MUSCLES = tuple(MUSCLE_AREAS)

# Equipment as it reads after "exercise for the hamstrings, …"; "other" and "body only" say nothing.
_EQUIPMENT_PHRASE = {
    "medicine ball": "with a medicine ball",
    "dumbbell": "with a dumbbell",
    "bands": "with bands",
    "kettlebells": "with kettlebells",
    "foam roll": "with a foam roll",
    "cable": "with a cable machine",
    "machine": "on a machine",
    "barbell": "with a barbell",
    "exercise ball": "with an exercise ball",
    "e-z curl bar": "with an e-z curl bar",
    "body only": "with no equipment",
}
_CATEGORY_WORD = {"plyometrics": "plyometric"}

# A position is set only when the name or the first step says it plainly; else "any" (not stated).
_POSITION_WORDS = (
    (r"\b(lie|lies|lying|supine|prone|lay (?:down|on|flat|face))\b", "lying"),
    # "sit-up" names a movement done lying down, not a seated position.
    (r"\b(sits?(?![- ]?ups?\b)|seated|sitting)\b", "sitting"),
    (r"\b(kneel|kneels|kneeling)\b", "kneeling"),
    (r"\b(stand|stands|standing)\b", "standing"),
)


@dataclass(frozen=True)
class EntryProblem:
    """Why one upstream entry was skipped, printed as `<upstream id>: <field>: <problem>`."""

    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Converted:
    """One upstream entry as exercise data, ready to be written as content/exercises/<id>.yml."""

    upstream_id: str
    exercise_id: str
    data: dict[str, Any]


def read_entries(path: Path) -> list[Any]:
    """The list of entries in an exercises.json, or a ContentError saying why it cannot be read."""
    where = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError.at(
                where, 1, "(file)", f"is {size:,} bytes; at most {MAX_FILE_BYTES:,}"
            )
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ContentError.at(where, 1, "(file)", f"cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ContentError.at(where, 1, "(file)", "is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError.at(
            where, exc.lineno, "(json)", f"is not valid JSON: {exc.msg}"
        ) from None
    if not isinstance(data, list):
        raise ContentError.at(where, 1, "(root)", "must be a JSON list of exercises")
    return data


def convert(
    entries: Sequence[Any], safety: Sequence[str]
) -> tuple[list[Converted], list[EntryProblem]]:
    """Convert every valid entry; each invalid one is left out and named in the problems."""
    problems: list[EntryProblem] = []
    valid: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        label = _label(entry, index)
        found = _check(entry, label)
        if not found and label in seen:
            found = [
                EntryProblem(label, "id", "appears more than once; only the first is imported")
            ]
        if found:
            problems.extend(found)
            continue
        seen.add(label)
        valid.append((label, entry))
    ids = assign_ids([(label, entry["name"]) for label, entry in valid])
    converted: list[Converted] = []
    for label, entry in valid:
        exercise_id = ids[label]
        data = _exercise_data(entry, label, safety)
        try:
            Exercise.model_validate({"id": exercise_id, **data})
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(part) for part in error["loc"]) or "(entry)"
                problems.append(EntryProblem(label, field, error["msg"]))
            continue
        converted.append(Converted(label, exercise_id, data))
    return converted, problems


def _label(entry: Any, index: int) -> str:
    upstream = entry.get("id") if isinstance(entry, dict) else None
    if isinstance(upstream, str) and re.fullmatch(r"[0-9A-Za-z_-]+", upstream):
        return upstream
    return f"entry {index + 1}"


def _check(entry: Any, label: str) -> list[EntryProblem]:
    if not isinstance(entry, dict):
        return [EntryProblem(label, "(entry)", "is not a JSON object")]
    problems: list[EntryProblem] = []

    def problem(field: str, message: str) -> None:
        problems.append(EntryProblem(label, field, message))

    if label.startswith("entry "):
        problem("id", "is missing or not made of letters, digits, '_' and '-'")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problem("name", "is missing or empty")
    elif len(name.strip()) > 300:
        problem("name", "is longer than 300 characters")
    elif not re.search(r"[A-Za-z0-9]", name):
        problem("name", "has no letters or digits to make an id from")
    for field, allowed, required in (
        ("level", LEVELS, True),
        ("category", CATEGORIES, True),
        ("force", FORCES, False),
        ("mechanic", MECHANICS, False),
        ("equipment", EQUIPMENT, False),
    ):
        value = entry.get(field)
        if value is None and not required:
            continue
        if value not in allowed:
            problem(field, f"{value!r} is not one of {', '.join(allowed)}")
    for field in ("primaryMuscles", "secondaryMuscles"):
        muscles = entry.get(field, [] if field == "secondaryMuscles" else None)
        if not isinstance(muscles, list):
            problem(field, "must be a list of muscle names")
            continue
        # Upstream's schema checks only the first element (tuple-form `items`): check them all.
        for i, muscle in enumerate(muscles):
            if muscle not in MUSCLE_AREAS:
                problem(f"{field}[{i}]", f"{muscle!r} is not one of {', '.join(MUSCLES)}")
    if not problems and not (entry["primaryMuscles"] or entry.get("secondaryMuscles")):
        problem("primaryMuscles", "lists no muscle, so the exercise would have no body area")
    problems.extend(_check_instructions(entry.get("instructions"), label))
    return problems


def _check_instructions(steps: Any, label: str) -> list[EntryProblem]:
    if not isinstance(steps, list):
        return [EntryProblem(label, "instructions", "must be a list of step texts")]
    problems = [
        EntryProblem(label, f"instructions[{i}]", "must be text")
        for i, step in enumerate(steps)
        if not isinstance(step, str)
    ]
    if problems:
        return problems
    texts = [step.strip() for step in steps if step.strip()]
    if not texts:
        return [
            EntryProblem(label, "instructions", "is empty; an exercise needs at least one step")
        ]
    if len(texts) > MAX_STEPS:
        message = (
            f"has {len(texts)} steps; a one-page poster (a figure per step) holds at most "
            f"{MAX_STEPS}: split it by hand"
        )
        return [EntryProblem(label, "instructions", message)]
    return [
        EntryProblem(label, f"instructions[{i}]", "is longer than 4000 characters")
        for i, step in enumerate(steps)
        if len(step.strip()) > 4000
    ]


def _exercise_data(entry: dict[str, Any], label: str, safety: Sequence[str]) -> dict[str, Any]:
    primary: list[str] = list(dict.fromkeys(entry["primaryMuscles"]))
    secondary = [m for m in dict.fromkeys(entry.get("secondaryMuscles") or []) if m not in primary]
    areas = list(dict.fromkeys(a for m in primary + secondary for a in MUSCLE_AREAS[m]))
    equipment = entry.get("equipment")
    steps = [step.strip() for step in entry["instructions"] if step.strip()]
    keywords = [*primary, *secondary]
    keywords.append(
        {"body only": "no equipment", "other": ""}.get(equipment or "", equipment or "")
    )
    keywords += [entry.get("force") or "", entry.get("mechanic") or ""]
    return {
        "title": entry["name"].strip(),
        "summary": _summary(entry["level"], entry["category"], primary or secondary, equipment),
        "body_areas": areas[:8],
        "position": _position(entry["name"], steps[0]),
        "equipment": _equipment(equipment),
        "keywords": list(dict.fromkeys(k for k in keywords if k)),
        "tags": [entry["level"], entry["category"]],
        "steps": [{"text": step} for step in steps],
        "safety": list(safety),
        "sources": [
            {
                "title": SOURCE_NAME,
                "url": UPSTREAM_URL,
                "licence": LICENCE,
                "note": f"Upstream id {label}. Text only: the upstream photos are not used.",
            }
        ],
        "review": "needed",
    }


def _equipment(equipment: str | None) -> list[str]:
    # Only "body only" means none: an empty list would tell readers no equipment is needed.
    if equipment == "body only":
        return []
    if equipment == "other":
        return ["other (see the steps)"]
    if equipment is None:
        return ["not stated (see the steps)"]
    return [equipment]


def _summary(level: str, category: str, muscles: list[str], equipment: str | None) -> str:
    # Built only from the data's own labels, so the sentence makes no claim the source does not.
    article = "An" if level[0] in "aeiou" else "A"
    names = [f"the {m}" for m in muscles]
    target = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    kind = _CATEGORY_WORD.get(category, category)
    tail = f", {_EQUIPMENT_PHRASE[equipment]}" if equipment in _EQUIPMENT_PHRASE else ""
    return f"{article} {level} {kind} exercise for {target}{tail}."


def _position(name: str, first_step: str) -> str:
    for text in (name, first_step):
        hits = [
            (match.start(), position)
            for pattern, position in _POSITION_WORDS
            if (match := re.search(pattern, text, re.IGNORECASE))
        ]
        if hits:
            return min(hits)[1]
    return "any"
