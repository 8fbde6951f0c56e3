"""The optional step `cue`: at most 8 words, in the step's own words, in the committed schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

from exercise_guide.content import load_library
from exercise_guide.model import CUE_MAX_WORDS
from tests.conftest import RunCli
from tests.support import CONTENT

LOOSENER = "exercises/upper-back-loosener.yml"
NINE_WORDS = "Breathe in, elbows back, head forward and hold it"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def test_every_seed_step_has_a_cue_made_of_its_own_words() -> None:
    library = load_library(CONTENT)
    for exercise in library.exercises.values():
        for number, step in enumerate(exercise.steps, start=1):
            assert step.cue, f"{exercise.id} step {number} has no cue"
            assert len(step.cue.split()) <= CUE_MAX_WORDS
            # Taken from the source: every word of the cue is a word of the step's text.
            missing = set(_words(step.cue)) - set(_words(step.text))
            assert not missing, f"{exercise.id} step {number}: {sorted(missing)} not in its text"


def test_a_cue_over_eight_words_is_refused_with_file_line_and_field(
    run_cli: RunCli, content_copy: Path
) -> None:
    path = content_copy / LOOSENER
    text = path.read_text(encoding="utf-8")
    old = "cue: Breathe in, elbows back, head forward"
    assert old in text
    path.write_text(text.replace(old, f"cue: {NINE_WORDS}", 1), encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if old in ln)
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = f"{path}:{line}: steps[1].cue: a cue is at most 8 words (this one has 9)"
    assert expected in result.stderr, result.stderr


def test_committed_schema_knows_the_cue_and_its_limit(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fresh = (tmp_path / "exercise.schema.json").read_text(encoding="utf-8")
    committed = (CONTENT / "schema" / "exercise.schema.json").read_text(encoding="utf-8")
    assert fresh == committed, "content/schema is stale: run `exercise-guide schema`"
    schema = json.loads(committed)
    data = yaml.safe_load((CONTENT / LOOSENER).read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["steps"][1]["cue"] = NINE_WORDS
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as error:
        assert list(error.absolute_path)[:3] == ["steps", 1, "cue"]
    else:
        raise AssertionError("the schema let a nine-word cue through")
