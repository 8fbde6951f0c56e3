"""The whole shared free-exercise-db file imports into content `exercise-guide check` accepts."""

from __future__ import annotations

import json
import re
import subprocess

from exercise_guide.content import load_library
from exercise_guide.importers.free_exercise_db import LICENCE, UPSTREAM_URL
from tests.importers.support import Imported
from tests.support import CLI, CONTENT, FREE_EXERCISE_DB


def _upstream() -> list[dict[str, object]]:
    entries: list[dict[str, object]] = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))
    return entries


def test_at_least_860_exercise_files_are_written(imported: Imported) -> None:
    files = sorted(imported.exercises.glob("*.yml"))
    assert len(files) >= 860
    assert f"{len(files)} exercises in" in imported.result.stdout


def test_every_upstream_entry_is_imported_or_named_with_its_reason(imported: Imported) -> None:
    written = {
        match.group(1)
        for path in imported.exercises.glob("*.yml")
        if (match := re.search(r"Upstream id (\S+?)\.", path.read_text(encoding="utf-8")))
    }
    reasons = dict(line.split(": ", 1) for line in imported.result.stderr.splitlines())
    upstream = {str(entry["id"]) for entry in _upstream()}
    assert written | set(reasons) == upstream
    assert written & set(reasons) == set()
    # The shared file has five entries without instructions and one too long for a poster.
    empty = "instructions: is empty; an exercise needs at least one step"
    assert reasons == {
        "Iron_Cross": empty,
        "One-Arm_Kettlebell_Swings": empty,
        "Push_Press": empty,
        "Side_Bridge": empty,
        "Side_Jackknife": empty,
        "Power_Clean": "instructions: has 24 steps; a one-page poster (a figure per step) "
        "holds at most 12: split it by hand",
    }
    assert f"{len(reasons)} entries skipped" in imported.result.stdout


def test_the_library_loads_and_check_passes(imported: Imported) -> None:
    library = load_library(imported.content)
    assert len(library.exercises) == len(list(imported.exercises.glob("*.yml")))
    result = subprocess.run(
        [str(CLI), "check", "--content", str(imported.content)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ok: {len(library.exercises)} exercises")


def test_no_imported_file_references_an_image(imported: Imported) -> None:
    offending = [
        path.name
        for path in imported.exercises.glob("*.yml")
        if re.search(r"images|\.jpe?g|\.png|\.gif|\.webp", path.read_text(encoding="utf-8"), re.I)
    ]
    assert offending == []


def test_every_exercise_carries_source_licence_review_flag_and_the_guides_safety(
    imported: Imported,
) -> None:
    library = load_library(imported.content)
    upstream_names = {str(entry["name"]).strip() for entry in _upstream()}
    for exercise in library.exercises.values():
        assert exercise.needs_review, exercise.id
        assert list(exercise.safety) == list(library.guide.default_safety), exercise.id
        (source,) = exercise.sources
        assert (source.title, source.url, source.licence) == (
            "free-exercise-db",
            UPSTREAM_URL,
            LICENCE,
        ), exercise.id
        assert exercise.title in upstream_names
        assert all(step.pose is None and step.illustration is None for step in exercise.steps)


def test_every_file_starts_with_the_schema_line_and_the_import_mark(imported: Imported) -> None:
    for path in imported.exercises.glob("*.yml"):
        first, second = path.read_text(encoding="utf-8").splitlines()[:2]
        assert first == "# yaml-language-server: $schema=../schema/exercise.schema.json"
        assert re.fullmatch(
            r"# Imported from free-exercise-db .*content-sha256 [0-9a-f]{16}.*", second
        )


def test_steps_are_the_upstream_instructions_in_order(imported: Imported) -> None:
    library = load_library(imported.content)
    by_title = {ex.title: ex for ex in library.exercises.values()}
    for entry in _upstream():
        exercise = by_title.get(str(entry["name"]).strip())
        if exercise is None:
            continue
        instructions = [str(s).strip() for s in entry["instructions"] if str(s).strip()]  # type: ignore[attr-defined]
        assert [step.text for step in exercise.steps] == instructions, exercise.id


def test_summaries_are_built_only_from_the_datas_labels(imported: Imported) -> None:
    library = load_library(imported.content)
    pattern = re.compile(
        r"An? (beginner|intermediate|expert) [a-z ]+ exercise for the [a-z ,]+"
        r"(, (with|on) [a-z -]+)?\."
    )
    for exercise in library.exercises.values():
        assert pattern.fullmatch(exercise.summary), (exercise.id, exercise.summary)


def test_the_shipped_seed_is_untouched_by_tests() -> None:
    # The import goes to temporary folders only; the shipped guide stays the seed.
    assert not any(
        "free-exercise-db" in p.read_text(encoding="utf-8")
        for p in (CONTENT / "exercises").glob("*.yml")
    )
