"""The mapping rules: ids, body areas, position, summary, keywords, tags and safety lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exercise_guide.content import load_library
from exercise_guide.importers.free_exercise_db import MUSCLE_AREAS, convert
from exercise_guide.importers.safety import BUILTIN_SAFETY, default_safety
from exercise_guide.importers.slugs import MAX_ID, assign_ids
from exercise_guide.slugs import slugify
from tests.support import CONTENT

SAFETY = ["Stop if you feel any pain."]


def _entry(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": "Sample",
        "name": "Sample Stretch",
        "force": "static",
        "level": "beginner",
        "mechanic": None,
        "equipment": "body only",
        "primaryMuscles": ["hamstrings"],
        "secondaryMuscles": [],
        "instructions": ["Stand with your feet apart.", "", "Reach down slowly."],
        "category": "stretching",
        "images": ["Sample/0.jpg"],
    }
    entry.update(changes)
    return entry


def _one(**changes: Any) -> dict[str, Any]:
    converted, problems = convert([_entry(**changes)], SAFETY)
    assert problems == []
    (item,) = converted
    return item.data


def test_a_simple_entry_maps_field_by_field() -> None:
    data = _one()
    assert data["title"] == "Sample Stretch"
    assert (
        data["summary"] == "A beginner stretching exercise for the hamstrings, with no equipment."
    )
    assert data["body_areas"] == ["thighs"]
    assert data["position"] == "standing"
    assert data["equipment"] == []
    assert data["keywords"] == ["hamstrings", "no equipment", "static"]
    assert data["tags"] == ["beginner", "stretching"]
    # A blank upstream instruction is a stray separator, not a step.
    assert data["steps"] == [
        {"text": "Stand with your feet apart."},
        {"text": "Reach down slowly."},
    ]
    assert data["safety"] == SAFETY
    assert data["review"] == "needed"
    assert "images" not in data and "Sample/0.jpg" not in repr(data)


def test_body_areas_follow_primary_then_secondary_muscles_without_repeats() -> None:
    data = _one(primaryMuscles=["traps"], secondaryMuscles=["lats", "biceps", "forearms", "neck"])
    assert data["body_areas"] == ["upper-back", "neck", "arms"]


def test_every_upstream_muscle_has_a_body_area_that_is_a_valid_id() -> None:
    for muscle, areas in MUSCLE_AREAS.items():
        data = _one(primaryMuscles=[muscle])
        assert data["body_areas"] == list(areas)


def test_summary_uses_the_right_article_and_equipment_phrase() -> None:
    data = _one(
        level="intermediate",
        category="plyometrics",
        equipment="barbell",
        primaryMuscles=["quadriceps", "glutes", "lower back"],
    )
    assert data["summary"] == (
        "An intermediate plyometric exercise for the quadriceps, the glutes and the lower back, "
        "with a barbell."
    )
    assert data["equipment"] == ["barbell"]
    assert _one(equipment=None)["summary"].endswith("for the hamstrings.")
    # Only "body only" means no equipment; unknown equipment is not shown as none.
    assert _one(equipment="other")["equipment"] == ["other (see the steps)"]
    assert _one(equipment=None)["equipment"] == ["not stated (see the steps)"]


def test_position_is_taken_only_from_plain_words() -> None:
    assert _one(name="3/4 Sit-Up", instructions=["Lie down on the floor."])["position"] == "lying"
    assert _one(name="Seated Row", instructions=["Stand up."])["position"] == "sitting"
    assert _one(name="Row", instructions=["Kneel on a mat, then stand."])["position"] == "kneeling"
    assert _one(name="Pull-Up", instructions=["Grab the bar."])["position"] == "any"


def test_ids_are_slugs_that_fit_and_clashes_resolve_the_same_way_in_any_order() -> None:
    assert slugify("3/4 Sit-Up") == "3-4-sit-up"
    assert slugify("Crèpe Café") == "crepe-cafe"  # accents folded, not dropped
    assert assign_ids([("K", "Straße Übung")]) == {"K": "strasse-ubung"}
    long = slugify("word " * 40, MAX_ID)
    assert len(long) <= 80 and long.endswith("word") and not long.endswith("-")
    named = [("B", "Push Up"), ("A", "Push-Up"), ("C", "push up 2"), ("D", "Push  up")]
    ids = assign_ids(named)
    assert ids == {"A": "push-up", "B": "push-up-3", "C": "push-up-2", "D": "push-up-4"}
    assert assign_ids(list(reversed(named))) == ids
    clash = assign_ids([("X", "word " * 40), ("Y", "word " * 41)])
    assert len(set(clash.values())) == 2 and all(len(v) <= 80 for v in clash.values())


def test_the_built_in_safety_lines_equal_the_shipped_guides(tmp_path: Path) -> None:
    shipped = load_library(CONTENT).guide.default_safety
    assert list(BUILTIN_SAFETY) == list(shipped)
    assert default_safety(tmp_path / "exercises") == list(shipped)
    assert default_safety(CONTENT / "exercises") == list(shipped)


def test_the_target_guides_safety_lines_are_used(tmp_path: Path) -> None:
    (tmp_path / "guide.yml").write_text(
        "default_safety:\n  - Breathe normally.\n  - Stop if it hurts.\n", encoding="utf-8"
    )
    assert default_safety(tmp_path / "exercises") == ["Breathe normally.", "Stop if it hurts."]
