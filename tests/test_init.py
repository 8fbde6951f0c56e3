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


def test_init_names_placeholder_addresses_it_was_given(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli(
        "init", "g", "--base-url", "https://clinic.example.org/", "--repo-url",
        "https://github.com/exercise-guide/exercise-guide", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "--base-url https://clinic.example.org/ is a placeholder address" in done.stderr
    assert "--repo-url https://github.com/exercise-guide/exercise-guide is a placeholder" in (
        done.stderr
    )
    done = run_cli("init", "h", "--base-url", "https://clinic.nhs.uk/guide/", cwd=tmp_path)
    assert done.returncode == 0 and "placeholder" not in done.stderr, done.stderr


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


def test_check_reports_the_get_help_placeholder_until_it_is_edited(
    run_cli: RunCli, tmp_path: Path
) -> None:
    done = run_cli("init", "g", "--base-url", "https://clinic.nhs.uk/guide/", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    content = tmp_path / "g" / "content"
    guide = content / "guide.yml"
    text = guide.read_text(encoding="utf-8")
    line = text.splitlines().index("get_help:") + 2
    check = run_cli("check", "--content", "content", cwd=tmp_path / "g")
    assert check.returncode == 0, check.stderr
    # The one warning (a real address was given): the placeholder, at its file, line and field.
    assert check.stderr.splitlines() == [
        f"warning: content/guide.yml:{line}: get_help[0]: is the scaffold's placeholder: "
        "write your own"
    ]
    edited = [ln for ln in text.splitlines() if ln.strip().startswith('- "Replace this line')]
    assert len(edited) == 1
    guide.write_text(text.replace(edited[0], "  - The clinic's own words, written by the clinic."))
    check = run_cli("check", "--content", str(content))
    assert (check.returncode, check.stderr) == (0, "")
