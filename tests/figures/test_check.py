"""check_library and `exercise-guide figures`: bad poses are named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from exercise_guide.content import Library, load_library
from exercise_guide.errors import Problem
from exercise_guide.figures import check_library
from tests.conftest import RunCli


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_the_shipped_content_has_no_figure_problems() -> None:
    from tests.support import CONTENT

    assert check_library(load_library(CONTENT)) == []


def test_a_bad_pose_name_is_reported_with_file_and_line(content_copy: Path) -> None:
    path = content_copy / "exercises" / "elbow-flapping.yml"
    _replace(
        path,
        "pose: hands-on-lower-back\n    view: back",
        "pose: hands-on-lower-bak\n    view: back",
    )
    problems = check_library(load_library(content_copy))
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path.endswith("exercises/elbow-flapping.yml")
    assert problem.line == _line_of(path, "hands-on-lower-bak")
    assert problem.field == "steps[0].pose"
    assert "no key pose 'hands-on-lower-bak'" in problem.message
    assert "did you mean 'hands-on-lower-back'" in problem.message


def test_a_bad_start_pose_is_reported_with_file_and_line(content_copy: Path) -> None:
    path = content_copy / "exercises" / "elbow-flapping.yml"
    _replace(path, "    view: back\n", "    view: back\n    start: stnad\n")
    problems = check_library(load_library(content_copy))
    assert [(p.field, p.line) for p in problems] == [("steps[0].start", _line_of(path, "stnad"))]
    assert "did you mean 'stand'" in problems[0].message


def test_unknown_joints_and_motion_joints_are_reported(content_copy: Path) -> None:
    path = content_copy / "exercises" / "shoulder-rolling.yml"
    _replace(
        path,
        "{kind: circle, joint: shoulder, direction: forward}",
        "{kind: circle, joint: shouldr, direction: forward}",
    )
    _replace(
        path,
        "    pose: arms-relaxed\n    view: front",
        "    pose: {base: arms-relaxed, joints: {elbow.flexon: 30, elbow.flexion: 20}}\n"
        "    view: front",
    )
    (content_copy / "poses.yml").write_text(
        "reach-up:\n  base: arms-overhead\n  joints: {knee_x.flexion: 5}\n"
        "leaning:\n  base: no-such-base\n",
        encoding="utf-8",
    )
    problems = {p.field: p for p in check_library(load_library(content_copy))}
    assert set(problems) == {
        "steps[1].motion[0].joint",
        "steps[0].pose.joints.elbow.flexon",
        "reach-up.joints.knee_x.flexion",
        "leaning.base",
    }
    assert "did you mean 'elbow.flexion'" in problems["steps[0].pose.joints.elbow.flexon"].message
    assert problems["steps[1].motion[0].joint"].line == _line_of(path, "joint: shouldr")
    assert problems["reach-up.joints.knee_x.flexion"].path.endswith("poses.yml")


def test_an_unknown_base_of_a_changed_pose_is_reported(content_copy: Path) -> None:
    path = content_copy / "exercises" / "shoulder-rolling.yml"
    _replace(
        path,
        "    pose: arms-relaxed\n    view: front",
        "    pose: {base: arms-relaxd, joints: {elbow.flexion: 20}}\n    view: front",
    )
    problems = check_library(load_library(content_copy))
    assert [p.field for p in problems] == ["steps[0].pose.base"]
    assert "did you mean 'arms-relaxed'" in problems[0].message


def test_content_poses_extend_the_shipped_ones(content_copy: Path) -> None:
    from exercise_guide.figures import render_step

    (content_copy / "poses.yml").write_text(
        "reach-up:\n  base: arms-overhead\n  description: Reaching up\n"
        "  joints: {ankle.dorsiflexion: -30}\n",
        encoding="utf-8",
    )
    path = content_copy / "exercises" / "shoulder-rolling.yml"
    _replace(path, "    pose: arms-relaxed\n    view: front", "    pose: reach-up\n    view: front")
    library = load_library(content_copy)
    assert check_library(library) == []
    figure = render_step(library, library.exercises["shoulder-rolling"], 0)
    assert figure.pose == "reach-up"


def test_cli_figures_reports_a_bad_pose_and_exits_1(content_copy: Path, run_cli: RunCli) -> None:
    path = content_copy / "exercises" / "elbow-flapping.yml"
    _replace(path, "pose: hands-on-lower-back\n    view: back", "pose: flapping\n    view: back")
    result = run_cli("figures", "--content", str(content_copy))
    assert result.returncode == 1
    line = _line_of(path, "pose: flapping")
    assert f"elbow-flapping.yml:{line}: steps[0].pose: no key pose 'flapping'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_writes_svgs_and_a_contact_sheet(tmp_path: Path, run_cli: RunCli) -> None:
    from tests.support import CONTENT

    out = tmp_path / "svg"
    sheet = tmp_path / "sheet.png"
    result = run_cli(
        "figures",
        "--content",
        str(CONTENT),
        "--out",
        str(out),
        "--sheet",
        str(sheet),
        "--pose",
        "stand",
        "--pose",
        "elbows-back-head-forward",
        "--list",
    )
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.svg"))) == 8
    assert "hands-interlocked-behind: Standing, hands held behind" in result.stdout
    image = Image.open(sheet)
    assert image.format == "PNG"
    assert image.width > 500 and image.height > 300
    # Two rows of figures: the sheet holds dark line art, not a blank page.
    grey = image.convert("L")
    dark = sum(grey.histogram()[:80])
    assert dark > 2000


def test_cli_writes_a_sheet_of_every_step(tmp_path: Path, run_cli: RunCli) -> None:
    from tests.support import CONTENT

    sheet = tmp_path / "steps.png"
    result = run_cli("figures", "--content", str(CONTENT), "--steps", str(sheet))
    assert result.returncode == 0, result.stderr
    assert "3 exercises" in result.stdout
    image = Image.open(sheet)
    assert image.format == "PNG" and image.height > image.width
    # Print size: three columns of figures 45 mm tall (each about 56 mm wide) at 130 dpi.
    assert image.width >= 3 * 56 / 25.4 * 130
    # The arrows (the accent colour, darkened to photocopy) survive into the sheet.
    rgb = image.convert("RGB")
    colours = rgb.getcolors(maxcolors=1 << 24) or []
    reds = sum(n for n, (r, g, b) in colours if r > g + 40 and r > b + 40)
    assert reds > 50


def test_cli_rejects_an_unknown_pose_for_the_sheet(tmp_path: Path, run_cli: RunCli) -> None:
    from tests.support import CONTENT

    result = run_cli(
        "figures", "--content", str(CONTENT), "--sheet", str(tmp_path / "s.png"), "--pose", "nope"
    )
    assert result.returncode != 0
    assert "no key pose 'nope'" in result.stderr
    assert not (tmp_path / "s.png").exists()


def test_a_checked_library_is_not_checked_again_until_it_changes(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exercise_guide import figures
    from exercise_guide.validate import library_problems

    checked: list[int] = []
    real = figures.check_library

    def counted(library: Library) -> list[Problem]:
        checked.append(1)
        return real(library)

    monkeypatch.setattr(figures, "check_library", counted)
    memo = tmp_path / "memo"
    assert library_problems(load_library(content_copy), memo) == []
    assert library_problems(load_library(content_copy), memo) == []
    assert len(checked) == 1  # the second, unchanged, library came from the memo
    # Any change to what the check reads is checked again: a bad pose is found.
    path = content_copy / "exercises" / "elbow-flapping.yml"
    _replace(path, "pose: hands-on-lower-back\n", "pose: hands-on-lower-bak\n")
    problems = library_problems(load_library(content_copy), memo)
    assert [p.field for p in problems] == ["steps[0].pose"]
    # A library with problems is never remembered as checked.
    assert [p.field for p in library_problems(load_library(content_copy), memo)] == [
        "steps[0].pose"
    ]
    # So is a bad joint in content/poses.yml.
    _replace(path, "pose: hands-on-lower-bak\n", "pose: hands-on-lower-back\n")
    assert library_problems(load_library(content_copy), memo) == []
    (content_copy / "poses.yml").write_text(
        "reach-up:\n  base: arms-overhead\n  joints: {knee_x.flexion: 5}\n", encoding="utf-8"
    )
    assert [p.field for p in library_problems(load_library(content_copy), memo)] == [
        "reach-up.joints.knee_x.flexion"
    ]
    # Put back as it was checked clean: that library is the memo's again.
    assert len(checked) == 4
