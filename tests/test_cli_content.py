"""The content commands: schema for editors, scaffolding a new exercise, doctor."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from exercise_guide.cli.content_cmds import DEPENDENCIES
from tests.conftest import RunCli
from tests.support import CONTENT


def test_every_content_file_names_its_schema() -> None:
    for path in [*CONTENT.glob("exercises/*.yml"), *CONTENT.glob("routines/*.yml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../schema/"), path
        schema_file = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema_file.is_file(), schema_file


def test_schema_command_writes_schemas_that_accept_shipped_content_and_reject_typos(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    exercise_schema = json.loads((tmp_path / "exercise.schema.json").read_text())
    for path in CONTENT.glob("exercises/*.yml"):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), exercise_schema)
    typo = yaml.safe_load((CONTENT / "exercises" / "shoulder-rolling.yml").read_text())
    typo["benifits"] = typo.pop("benefits")
    with pytest.raises(jsonschema.ValidationError, match="benifits"):
        jsonschema.validate(typo, exercise_schema)
    routine_schema = json.loads((tmp_path / "routine.schema.json").read_text())
    for path in CONTENT.glob("routines/*.yml"):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), routine_schema)


def test_committed_schemas_are_up_to_date(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("schema", "--out", str(tmp_path))
    for written in tmp_path.glob("*.json"):
        assert written.read_text() == (CONTENT / "schema" / written.name).read_text(), written.name


def test_new_scaffolds_an_exercise_that_passes_check(run_cli: RunCli, content_copy: Path) -> None:
    result = run_cli("new", "Neck Tilt", "--area", "neck", "--content", str(content_copy))
    assert result.returncode == 0, result.stderr
    created = content_copy / "exercises" / "neck-tilt.yml"
    data = yaml.safe_load(created.read_text(encoding="utf-8"))
    assert data["title"] == "Neck Tilt" and data["body_areas"] == ["neck"]
    assert data["safety"], "a new exercise starts with the guide's safety lines"
    check = run_cli("check", "--content", str(content_copy))
    assert check.returncode == 0, check.stderr
    again = run_cli("new", "Neck Tilt", "--content", str(content_copy))
    assert again.returncode != 0 and "already exists" in again.stderr


def test_new_folds_accents_into_the_id(run_cli: RunCli, content_copy: Path) -> None:
    result = run_cli("new", "Café stretch", "--area", "neck", "--content", str(content_copy))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((content_copy / "exercises" / "cafe-stretch.yml").read_text("utf-8"))
    assert data["title"] == "Café stretch"


def test_doctor_reports_every_dependency(run_cli: RunCli) -> None:
    result = run_cli("doctor")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(DEPENDENCIES)
    for line, (label, _probe, _fix) in zip(lines, DEPENDENCIES, strict=True):
        assert line.startswith(("ok ", "missing ")) and label in line
    # `make test` installs them all, so on a test machine every one is present.
    assert result.returncode == 0, result.stdout


def test_check_warns_about_placeholders_until_they_are_edited(
    run_cli: RunCli, content_copy: Path
) -> None:
    guide = content_copy / "guide.yml"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(
        text.replace(
            "base_url: https://exercise-guide.example.org/\n",
            "base_url: https://exercise-guide.example.org/\n"
            "repo_url: https://example.com/clinic/guide\n",
        ),
        encoding="utf-8",
    )
    run_cli("new", "Neck Tilt", "--area", "neck", "--content", str(content_copy))
    check = run_cli("check", "--content", str(content_copy))
    assert check.returncode == 0, check.stderr
    warnings = check.stderr
    assert "guide.yml:8: base_url: https://exercise-guide.example.org/ is a placeholder" in warnings
    assert "guide.yml:9: repo_url: https://example.com/clinic/guide is a placeholder" in warnings
    assert "exercises/neck-tilt.yml:3: summary: is the scaffold's placeholder" in warnings
    assert "exercises/neck-tilt.yml:12: steps[0].text: is the scaffold's placeholder" in warnings
    # Edited: real addresses, a written summary and step; nothing is reported any more.
    guide.write_text(
        text.replace("https://exercise-guide.example.org/", "https://clinic.nhs.uk/guide/"),
        encoding="utf-8",
    )
    created = content_copy / "exercises" / "neck-tilt.yml"
    data = created.read_text(encoding="utf-8")
    data = data.replace(
        "One sentence saying what Neck Tilt does.", "Tilts the head to loosen the neck."
    )
    data = data.replace(
        "Describe this step: where to start, what moves, and how far.",
        "Stand tall with your arms relaxed by your sides.",
    )
    created.write_text(data, encoding="utf-8")
    clean = run_cli("check", "--content", str(content_copy))
    assert clean.returncode == 0 and "warning" not in clean.stderr, clean.stderr


def test_the_seed_names_no_repository_and_its_old_address_is_a_placeholder(
    run_cli: RunCli, content_copy: Path
) -> None:
    # The seed once named a repository that does not exist; it names none now, so no page
    # links to one, and a guide copied from an older clone that kept it is told.
    check = run_cli("check", "--content", str(content_copy))
    assert check.returncode == 0 and "repo_url" not in check.stderr, check.stderr
    guide = content_copy / "guide.yml"
    text = guide.read_text(encoding="utf-8")
    old = "repo_url: https://github.com/exercise-guide/exercise-guide\n"
    guide.write_text(text + old, encoding="utf-8")
    check = run_cli("check", "--content", str(content_copy))
    assert check.returncode == 0
    assert "repo_url: https://github.com/exercise-guide/exercise-guide is a placeholder" in (
        check.stderr
    )
