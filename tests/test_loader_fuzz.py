"""Property tests: whatever YAML an exercise file holds, loading succeeds or raises ContentError."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise_guide.content import load_library
from exercise_guide.errors import ContentError
from exercise_guide.yamlsafe import parse_yaml
from tests.support import CONTENT

KEYS = st.sampled_from(
    [
        "title",
        "summary",
        "body_areas",
        "steps",
        "safety",
        "text",
        "breath",
        "pose",
        "dose",
        "reps",
        "related",
        "motion",
        "kind",
        "joint",
        "illustration",
        "file",
        "licence",
        "x",
        "id",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["in-nose", "standing", "upper-back", "stand", "Stop if you feel any pain."]),
)
VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the shipped content for the module, in pytest's own temp folder (cleaned up)."""
    folder = tmp_path_factory.mktemp("fuzz-content") / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def _load(library_dir: Path, text: str) -> None:
    (library_dir / "exercises" / "fuzzed.yml").write_text(text, encoding="utf-8")
    try:
        library = load_library(library_dir)
    except ContentError as exc:
        assert exc.problems, "a ContentError always names at least one problem"
        for problem in exc.problems:
            assert problem.line >= 1 and problem.field and problem.message
    else:
        assert "fuzzed" in library.exercises


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_structured_yaml_loads_or_fails_with_content_error(
    library_dir: Path, data: dict[str, Any]
) -> None:
    _load(library_dir, yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*list("ab:-[]{}&*!|>'\"# \n\t?,%@`\\0."), "é", "\u202e"]),
        max_size=80,
    )
)
def test_arbitrary_text_parses_or_fails_with_content_error(text: str) -> None:
    try:
        parse_yaml(text, "fuzz.yml")
    except ContentError as exc:
        assert exc.problems[0].path == "fuzz.yml"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_file_loads_or_fails_with_content_error(
    library_dir: Path, text: str
) -> None:
    _load(library_dir, text)
