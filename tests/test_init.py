"""`exercise-guide init`: a valid starter guide, with the addresses asked for or left out."""

from __future__ import annotations

from pathlib import Path

from exercise_guide.content import load_library
from exercise_guide.validate import library_problems
from tests.conftest import RunCli


def test_init_writes_a_valid_guide_with_the_given_addresses(
    run_cli: RunCli, tmp_path: Path
) -> None:
    done = run_cli(
        "init", "clinic-guide", "--title", 'Dr "Sam": exercises', "--base-url",
        "https://clinic.example.org/guide", "--repo-url", "https://github.com/clinic/guide",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    library = load_library(tmp_path / "clinic-guide" / "content")
    assert library_problems(library) == []
    guide = library.guide
    assert guide.title == 'Dr "Sam": exercises'
    assert guide.base_url == "https://clinic.example.org/guide/"
    assert guide.repo_url == "https://github.com/clinic/guide"
    assert list(library.exercises) == ["shoulder-rolling"]
    assert list(library.routines) and list(library.articles)
    assert (tmp_path / "clinic-guide" / "content" / "schema" / "exercise.schema.json").is_file()


def test_init_leaves_the_repository_out_unless_given(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("init", "g", "--base-url", "https://example.org/", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert load_library(tmp_path / "g" / "content").guide.repo_url is None


def test_init_asks_for_the_real_address_and_never_overwrites(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # Not a terminal, so it cannot ask: it says what to give instead of inventing an address.
    done = run_cli("init", "g", cwd=tmp_path)
    assert done.returncode != 0 and "--base-url" in done.stderr
    assert not (tmp_path / "g").exists()
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "notes.txt").write_text("mine", encoding="utf-8")
    done = run_cli("init", "g", "--base-url", "https://example.org/", cwd=tmp_path)
    assert done.returncode == 1 and "already exists and is not empty" in done.stderr
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == ["notes.txt"]
