"""Content at and beyond the limits: huge files, huge exercises, look-alike ids, self-reference."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import RunCli


def _exercise(content: Path, name: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((content / "exercises" / name).read_text())
    return data


def _write(content: Path, name: str, data: dict[str, object]) -> None:
    (content / "exercises" / name).write_text(
        yaml.safe_dump(data, sort_keys=False), encoding="utf-8"
    )


def _check(run_cli: RunCli, content: Path) -> tuple[int, str]:
    result = run_cli("check", "--content", str(content))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def test_a_50_mb_file_is_refused_without_being_read(run_cli: RunCli, content_copy: Path) -> None:
    with (content_copy / "exercises" / "big.yml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert "exercises/big.yml:1: (file): is 52,428,800 bytes" in stderr


def test_500_steps_are_refused_with_the_limit(run_cli: RunCli, content_copy: Path) -> None:
    data = _exercise(content_copy, "shoulder-rolling.yml")
    data["steps"] = [{"text": f"Step {i}."} for i in range(500)]
    _write(content_copy, "shoulder-rolling.yml", data)
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert (
        "shoulder-rolling.yml:" in stderr and ": steps: List should have at most 30 items" in stderr
    )


def test_a_20000_character_step_is_refused(run_cli: RunCli, content_copy: Path) -> None:
    data = _exercise(content_copy, "shoulder-rolling.yml")
    steps = data["steps"]
    assert isinstance(steps, list)
    steps[1]["text"] = "Roll. " * 3400
    _write(content_copy, "shoulder-rolling.yml", data)
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert "steps[1].text: String should have at most 4000 characters" in stderr


def test_ids_that_differ_only_by_case_are_refused(run_cli: RunCli, content_copy: Path) -> None:
    source = content_copy / "exercises" / "shoulder-rolling.yml"
    (content_copy / "exercises" / "Shoulder-Rolling.yml").write_text(source.read_text())
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert (
        "exercises/Shoulder-Rolling.yml:1: (file name): 'Shoulder-Rolling' is not a valid id"
        in stderr
    )


def test_a_routine_that_names_itself(run_cli: RunCli, content_copy: Path) -> None:
    path = content_copy / "routines" / "upper-back-loosening.yml"
    path.write_text(
        path.read_text().replace("exercise: elbow-flapping", "exercise: upper-back-loosening")
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert (
        "upper-back-loosening.yml:10: exercises[1].exercise: a routine cannot name itself" in stderr
    )


def test_an_exercise_cannot_relate_to_itself(run_cli: RunCli, content_copy: Path) -> None:
    path = content_copy / "exercises" / "elbow-flapping.yml"
    path.write_text(
        path.read_text().replace("related: [upper-back-loosener,", "related: [elbow-flapping,")
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert (
        "elbow-flapping.yml:" in stderr
        and "related[0]: an exercise cannot relate to itself" in stderr
    )
