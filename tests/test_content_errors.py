"""Bad content gives exit 1 and `path:line: field: message`, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.support import without_seed_placeholders

LOOSENER = "exercises/upper-back-loosener.yml"


def _edit(content: Path, name: str, old: str, new: str) -> Path:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _check(run_cli: RunCli, content: Path) -> tuple[int, str]:
    result = run_cli("check", "--content", str(content))
    assert "Traceback" not in result.stderr + result.stdout
    return result.returncode, result.stderr


def _assert_problem(stderr: str, file: str, line: int, field: str, words: str) -> None:
    pattern = rf"{re.escape(file)}:{line}: {re.escape(field)}: .*{words}"
    assert re.search(pattern, stderr), stderr


def test_shipped_content_is_clean(run_cli: RunCli, content_copy: Path) -> None:
    code, stderr = _check(run_cli, content_copy)
    assert "placeholder address" in stderr  # the seed guide has no real address yet
    assert (code, without_seed_placeholders(stderr)) == (0, "")


def test_yaml_syntax_error(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(content_copy, LOOSENER, "position: standing", "position: [standing")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert re.search(rf"{LOOSENER}:\d+: \(yaml\): YAML syntax error", stderr), stderr
    assert path.exists()


def test_missing_safety(run_cli: RunCli, content_copy: Path) -> None:
    _edit(
        content_copy,
        LOOSENER,
        "safety:\n  - Stop if you feel any pain.\n  - Do it slowly and gently.\n",
        "",
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, 1, "safety", "is required")


def test_empty_safety(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(
        content_copy,
        LOOSENER,
        "safety:\n  - Stop if you feel any pain.\n  - Do it slowly and gently.\n",
        "safety: []\n",
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, _line_of(path, "safety: []"), "safety", "must not be empty")


def test_empty_steps(run_cli: RunCli, content_copy: Path) -> None:
    path = content_copy / "exercises" / "shoulder-rolling.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("steps:\n"), text.index("benefits:")
    path.write_text(text[:start] + "steps: []\n" + text[end:], encoding="utf-8")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(
        stderr,
        "exercises/shoulder-rolling.yml",
        _line_of(path, "steps: []"),
        "steps",
        "must not be empty",
    )


def test_unknown_key_suggests_the_right_one(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(content_copy, LOOSENER, "benefits:", "benifits:")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(
        stderr, LOOSENER, _line_of(path, "benifits:"), "benifits", "did you mean 'benefits'"
    )


def test_unknown_key_inside_a_step(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(content_copy, LOOSENER, "    breath: in-nose", "    breth: in-nose")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, _line_of(path, "breth:"), "steps[1].breth", "unknown key")


def test_related_id_that_does_not_exist(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(content_copy, LOOSENER, "related: [elbow-flapping,", "related: [elbow-flaping,")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(
        stderr, LOOSENER, _line_of(path, "related:"), "related[0]", "did you mean 'elbow-flapping'"
    )


def test_routine_naming_a_missing_exercise(run_cli: RunCli, content_copy: Path) -> None:
    name = "routines/upper-back-loosening.yml"
    path = _edit(content_copy, name, "exercise: shoulder-rolling", "exercise: shoulder-roll")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(
        stderr, name, _line_of(path, "shoulder-roll"), "exercises[2].exercise", "no exercise"
    )


def test_wrong_type(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(
        content_copy, LOOSENER, "body_areas: [upper-back, shoulders, neck, chest]", "body_areas: 7"
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, _line_of(path, "body_areas: 7"), "body_areas", "valid list")


def test_bad_breath_value_names_the_step(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(content_copy, LOOSENER, "breath: out-mouth", "breath: exhale")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(
        stderr, LOOSENER, _line_of(path, "breath: exhale"), "steps[2].breath", "in-nose"
    )
    # An exercise that failed to load is still known: others naming it get no extra errors.
    assert len(stderr.strip().splitlines()) == 1, stderr


def test_file_that_is_not_utf8(run_cli: RunCli, content_copy: Path) -> None:
    path = content_copy / LOOSENER
    raw = path.read_bytes().replace(b"Stand with your feet", b"Stand w\xe9th your feet", 1)
    path.write_bytes(raw)
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, _line_of_bytes(raw, b"\xe9"), "(file)", "not UTF-8")


def _line_of_bytes(raw: bytes, needle: bytes) -> int:
    return raw[: raw.index(needle)].count(b"\n") + 1


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)


def test_alias_bomb_is_refused(run_cli: RunCli, content_copy: Path) -> None:
    (content_copy / "exercises" / "bomb.yml").write_text(BOMB, encoding="utf-8")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, "exercises/bomb.yml", 1, "(file)", "anchors")


def test_deep_nesting_is_refused(run_cli: RunCli, content_copy: Path) -> None:
    (content_copy / "exercises" / "deep.yml").write_text(
        "a: " + "[" * 5000 + "]" * 5000, encoding="utf-8"
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, "exercises/deep.yml", 1, "(file)", "nested deeper")


def test_oversized_file_is_refused(run_cli: RunCli, content_copy: Path) -> None:
    (content_copy / "exercises" / "huge.yml").write_text(
        "title: x\n" + "#" * 2_000_000, encoding="utf-8"
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, "exercises/huge.yml", 1, "(file)", "at most")


def test_duplicate_key(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(content_copy, LOOSENER, "time: Seconds", "time: Seconds\ntime: Minutes")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, _line_of(path, "time: Minutes"), "time", "duplicate key")


def test_file_name_that_is_not_an_id(run_cli: RunCli, content_copy: Path) -> None:
    src = content_copy / LOOSENER
    src.rename(content_copy / "exercises" / "Upper Back.yml")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert "exercises/Upper Back.yml:1: (file name):" in stderr


def test_every_problem_is_reported_not_just_the_first(run_cli: RunCli, content_copy: Path) -> None:
    _edit(content_copy, LOOSENER, "benefits:", "benifits:")
    _edit(
        content_copy, "exercises/elbow-flapping.yml", "position: standing", "position: upside-down"
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert "upper-back-loosener.yml" in stderr and "elbow-flapping.yml" in stderr


@pytest.mark.parametrize("key", ["id: other"])
def test_id_key_is_refused_because_the_file_name_is_the_id(
    run_cli: RunCli, content_copy: Path, key: str
) -> None:
    path = _edit(
        content_copy, LOOSENER, "title: Upper Back Loosener", f"{key}\ntitle: Upper Back Loosener"
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, _line_of(path, key), "id", "file name")


def test_a_blank_safety_line_is_refused(run_cli: RunCli, content_copy: Path) -> None:
    path = _edit(
        content_copy,
        LOOSENER,
        "safety:\n  - Stop if you feel any pain.\n",
        'safety:\n  - "   "\n',
    )
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, _line_of(path, '- "   "'), "safety[0]", "at least 1 char")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        # PyYAML's unsafe loaders would run this; a tag on a list must not be dropped silently.
        ("keywords:\n", "keywords: !!python/object/apply:os.system\n", "keywords"),
        ("time: Seconds", "time: !include ../../secret.yml", "time"),
        ("dose:\n", "dose: !clinic-dose\n", "dose"),
    ],
    ids=["python-object-apply", "custom-scalar-tag", "custom-mapping-tag"],
)
def test_yaml_tags_are_refused_with_their_field(
    run_cli: RunCli, content_copy: Path, old: str, new: str, field: str
) -> None:
    path = _edit(content_copy, LOOSENER, old, new)
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    _assert_problem(stderr, LOOSENER, _line_of(path, new.strip()), field, "YAML tag .* not allowed")
