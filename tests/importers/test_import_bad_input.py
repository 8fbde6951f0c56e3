"""Bad entries are skipped and named (`id: field: problem`); an unreadable file stops with exit 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exercise_guide.content import load_library
from tests.importers.support import empty_content, run_import
from tests.support import FREE_EXERCISE_DB


def _good(n: int) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))
    return [e for e in entries if e["instructions"]][:n]


def test_bad_entries_are_skipped_with_their_reason_and_the_rest_imports(tmp_path: Path) -> None:
    good = _good(3)
    bad_muscle = {
        **good[0],
        "id": "Bad_Muscle",
        "name": "Bad Muscle",
        "secondaryMuscles": ["biceps", "bicep"],
    }
    bad_level = {**good[0], "id": "Bad_Level", "name": "Bad Level", "level": "pro"}
    no_name = {**good[0], "id": "No_Name", "name": "  "}
    bad_step = {**good[0], "id": "Bad_Step", "name": "Bad Step", "instructions": ["Stand.", 7]}
    too_long = {**good[0], "id": "Too_Long", "name": "Too Long", "instructions": ["x" * 4001]}
    no_muscles = {
        **good[0],
        "id": "No_Muscles",
        "name": "No Muscles",
        "primaryMuscles": [],
        "secondaryMuscles": [],
    }
    twice = {**good[1]}
    entries = [
        bad_muscle,
        good[0],
        bad_level,
        "not an object",
        no_name,
        good[1],
        bad_step,
        too_long,
        no_muscles,
        twice,
        {"name": "No Id"},
        good[2],
    ]
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    out = empty_content(tmp_path) / "exercises"

    result = run_import(path, "--out", out)

    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert (
        "Bad_Muscle: secondaryMuscles[1]: 'bicep' is not one of abdominals, abductors, "
        "adductors, biceps, calves, chest, forearms, glutes, hamstrings, lats, lower back, "
        "middle back, neck, quadriceps, shoulders, traps, triceps" in lines
    )
    assert "Bad_Level: level: 'pro' is not one of beginner, intermediate, expert" in lines
    assert "entry 4: (entry): is not a JSON object" in lines
    assert "No_Name: name: is missing or empty" in lines
    assert "Bad_Step: instructions[1]: must be text" in lines
    assert "Too_Long: instructions[0]: is longer than 4000 characters" in lines
    assert (
        "No_Muscles: primaryMuscles: lists no muscle, so the exercise would have no body area"
        in lines
    )
    assert f"{good[1]['id']}: id: appears more than once; only the first is imported" in lines
    assert any(line.startswith("entry 11: id: is missing") for line in lines)
    assert "Traceback" not in result.stderr
    assert "3 exercises in" in result.stdout and "9 entries skipped" in result.stdout
    library = load_library(out.parent)
    assert sorted(ex.title for ex in library.exercises.values()) == sorted(e["name"] for e in good)


def _fails_plainly(path: Path, tmp_path: Path, expected: str) -> None:
    out = tmp_path / "content" / "exercises"
    result = run_import(path, "--out", out)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_missing_file_stops_with_a_clear_message(tmp_path: Path) -> None:
    _fails_plainly(tmp_path / "nope.json", tmp_path, "nope.json:1: (file): cannot be read")


def test_invalid_json_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "exercises.json"
    path.write_text('[\n  {"id": "A"},\n  oops\n]\n', encoding="utf-8")
    _fails_plainly(path, tmp_path, "exercises.json:3: (json): is not valid JSON")


def test_json_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "exercises.json"
    path.write_text('{"exercises": []}', encoding="utf-8")
    _fails_plainly(path, tmp_path, "exercises.json:1: (root): must be a JSON list of exercises")


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "exercises.json"
    path.write_bytes(b'[{"name": "Caf\xe9"}]')
    _fails_plainly(path, tmp_path, "exercises.json:1: (file): is not UTF-8 text")


def test_a_broken_default_safety_in_the_target_guide_stops_the_import(tmp_path: Path) -> None:
    content = empty_content(tmp_path)
    guide = content / "guide.yml"
    text = guide.read_text(encoding="utf-8")
    start = text.index("default_safety:")
    end = text.index("body_areas:")
    guide.write_text(text[:start] + "default_safety: []\n" + text[end:], encoding="utf-8")
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps(_good(1)), encoding="utf-8")
    result = run_import(path, "--out", content / "exercises")
    assert result.returncode == 1
    assert "guide.yml:" in result.stderr and "default_safety: must be a list" in result.stderr
    assert not (content / "exercises").exists()
