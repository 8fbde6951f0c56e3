"""Re-import is idempotent, updates untouched files, and never overwrites an edit without --force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercise_guide.content import load_library
from tests.importers.support import empty_content, run_import
from tests.support import FREE_EXERCISE_DB

SAMPLE = 12


@pytest.fixture
def sample_json(tmp_path: Path) -> Path:
    """A small slice of the real dataset, so each test can change it freely."""
    entries = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))[:SAMPLE]
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_second_import_changes_nothing(tmp_path: Path, sample_json: Path) -> None:
    out = empty_content(tmp_path) / "exercises"
    first = run_import(sample_json, "--out", out)
    assert first.returncode == 0, first.stderr
    before = _snapshot(out)
    second = run_import(sample_json, "--out", out)
    assert second.returncode == 0, second.stderr
    assert f"({len(before)} unchanged" not in first.stdout
    assert f"0 new, 0 updated, {len(before)} unchanged, 0 kept" in second.stdout
    assert _snapshot(out) == before
    # No temp files are left behind by the atomic writes.
    assert all(name.endswith(".yml") for name in before)


def test_an_edited_file_is_kept_and_named(tmp_path: Path, sample_json: Path) -> None:
    out = empty_content(tmp_path) / "exercises"
    assert run_import(sample_json, "--out", out).returncode == 0
    target = out / "3-4-sit-up.yml"
    edited = target.read_text(encoding="utf-8").replace("review: needed\n", "")
    target.write_text(edited, encoding="utf-8")

    again = run_import(sample_json, "--out", out)
    assert again.returncode == 0
    assert target.read_text(encoding="utf-8") == edited
    assert "kept" in again.stderr and "3-4-sit-up.yml" in again.stderr
    assert "--force" in again.stderr
    assert ", 1 kept," in again.stdout
    assert not load_library(out.parent).exercises["3-4-sit-up"].needs_review


def test_force_overwrites_an_edited_file(tmp_path: Path, sample_json: Path) -> None:
    out = empty_content(tmp_path) / "exercises"
    assert run_import(sample_json, "--out", out).returncode == 0
    target = out / "3-4-sit-up.yml"
    generated = target.read_text(encoding="utf-8")
    target.write_text(generated.replace("Lie down", "Lie down gently"), encoding="utf-8")

    forced = run_import(sample_json, "--out", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8") == generated
    assert ", 1 overwritten)" in forced.stdout


def test_a_hand_written_file_with_the_same_id_is_kept(tmp_path: Path, sample_json: Path) -> None:
    out = empty_content(tmp_path) / "exercises"
    out.mkdir()
    own = "title: My own sit-up\n"
    (out / "3-4-sit-up.yml").write_text(own, encoding="utf-8")
    result = run_import(sample_json, "--out", out)
    assert result.returncode == 0
    assert (out / "3-4-sit-up.yml").read_text(encoding="utf-8") == own
    assert "kept" in result.stderr


def test_an_untouched_file_follows_upstream_changes(tmp_path: Path, sample_json: Path) -> None:
    out = empty_content(tmp_path) / "exercises"
    assert run_import(sample_json, "--out", out).returncode == 0
    entries = json.loads(sample_json.read_text(encoding="utf-8"))
    entries[0]["instructions"][0] = "Lie down on a mat and secure your feet."
    sample_json.write_text(json.dumps(entries), encoding="utf-8")

    result = run_import(sample_json, "--out", out)
    assert result.returncode == 0
    assert f"0 new, 1 updated, {SAMPLE - 1} unchanged, 0 kept" in result.stdout
    steps = load_library(out.parent).exercises["3-4-sit-up"].steps
    assert steps[0].text == "Lie down on a mat and secure your feet."
