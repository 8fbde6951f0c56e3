"""Bad prescriptions fail with a message naming the option (or file:line: field), exit 1, write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.handouts.support import make_project, run_handout

GOOD = ("upper-back-loosening", "--patient", "Ann Example")


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("bad-rx") / "project")


def _fails(project: Path, args: list[str], says: str) -> None:
    before = _files(project)
    result = run_handout(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert _files(project) == before  # no PDF, no temp file, no folder


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            [*GOOD, "--dose", "shoulder-roling=10", "--out", "out/h.pdf"],
            "--dose 'shoulder-roling=10': no exercise 'shoulder-roling' exists "
            "(did you mean 'shoulder-rolling'?)",
        ),
        (
            ["--patient", "Ann", "--exercise", "neck-twist", "--out", "out/h.pdf"],
            "--exercise 'neck-twist': no exercise 'neck-twist' exists",
        ),
        (
            ["no-such-routine", "--patient", "Ann", "--out", "out/h.pdf"],
            "ROUTINE 'no-such-routine': no routine 'no-such-routine' exists",
        ),
        (
            [*GOOD, "--dose", "shoulder-rolling=ten", "--out", "out/h.pdf"],
            "--dose 'shoulder-rolling=ten': 'ten' is not a dose: write REPS[xSETS][@FREQUENCY]",
        ),
        (
            [*GOOD, "--dose", "shoulder-rolling", "--out", "out/h.pdf"],
            "--dose 'shoulder-rolling': 'shoulder-rolling' is not a dose: write ID=REPS",
        ),
        (
            [*GOOD, "--dose", "shoulder-rolling=10x2@", "--out", "out/h.pdf"],
            "say how often after '@'",
        ),
        (
            ["upper-back-loosening", "--patient", "", "--out", "out/h.pdf"],
            "--patient '': must not be empty",
        ),
        (
            ["upper-back-loosening", "--patient", "   ", "--out", "out/h.pdf"],
            "--patient '   ': must not be empty",
        ),
        (["upper-back-loosening", "--out", "out/h.pdf"], "--patient: is required"),
        ([*GOOD, "--paper", "A5", "--out", "out/h.pdf"], "--paper 'A5': choose A4 or Letter"),
        ([*GOOD, "--weeks", "many", "--out", "out/h.pdf"], "--weeks 'many': give a whole number"),
        ([*GOOD, "--weeks", "0", "--out", "out/h.pdf"], "--weeks 0: choose 1 to 12 weeks"),
        ([*GOOD, "--out", "out/h.txt"], "--out 'out/h.txt': the file name must end with .pdf"),
        ([*GOOD], "--out: is required"),
        (
            [*GOOD, "--templates", "nowhere", "--out", "out/h.pdf"],
            "nowhere: the templates folder does not exist",
        ),
        (
            [
                "upper-back-loosening",
                "--exercise",
                "shoulder-rolling",
                "--patient",
                "A",
                "--out",
                "o.pdf",
            ],
            "--exercise: give either ROUTINE or --exercise, not both",
        ),
    ],
)
def test_bad_options(project: Path, args: list[str], says: str) -> None:
    _fails(project, args, says)


RX_CASES = [
    (
        "patient: Ann\nroutine: upper-back-loosening\ndoses:\n  elbow-flaping: 10\n",
        "rx.yml:4: doses.elbow-flaping: no exercise 'elbow-flaping' exists "
        "(did you mean 'elbow-flapping'?)",
    ),
    (
        "patient: Ann\nexercises:\n  - shoulder-rolling\n  - exercise: shoulder-rolls\n",
        "rx.yml:4: exercises[1].exercise: no exercise 'shoulder-rolls' exists",
    ),
    (
        "patient: Ann\nexercises:\n  - exercise: shoulder-rolling\n    dose: 10 times\n",
        "rx.yml:4: exercises[0].dose: '10 times' is not a dose",
    ),
    ("patient: ''\nroutine: upper-back-loosening\n", "rx.yml:1: patient: must not be empty"),
    ("routine: upper-back-loosening\n", "rx.yml:1: patient: is required"),
    (
        "patient: Ann\nroutine: upper-back-loosening\nexercises: [shoulder-rolling]\n",
        "rx.yml:2: routine: give either `routine: ID` or an `exercises:` list",
    ),
    (
        "patient: Ann\nroutine: upper-back-loosening\ndose:\n  x: 1\n",
        "rx.yml:3: dose: unknown key 'dose' (did you mean 'doses'?)",
    ),
    (
        "patient: Ann\nexercises:\n  - exercise: shoulder-rolling\n    reps: 3\n",
        "rx.yml:4: exercises[0].reps: unknown key 'reps' here (put it under `dose:`)",
    ),
    (
        "patient: Ann\nexercises: [shoulder-rolling]\ndoses:\n  elbow-flapping: 5\n",
        "rx.yml:4: doses.elbow-flapping: 'elbow-flapping' is not in this handout",
    ),
    ("patient: Ann\nroutine: [oops\n", "rx.yml:3: (yaml): YAML syntax error"),
    ("patient: Ann\nroutine: upper-back-loosening\npaper: A3\n", "rx.yml:3: paper:"),
]


@pytest.mark.parametrize(("text", "says"), RX_CASES)
def test_bad_prescription_files(project: Path, text: str, says: str) -> None:
    rx = project / "rx.yml"
    rx.write_text(text, encoding="utf-8")
    try:
        _fails(project, ["--from", "rx.yml"], says)
    finally:
        rx.unlink()


def test_a_missing_prescription_file(project: Path) -> None:
    _fails(project, ["--from", "missing.yml"], "missing.yml:1: (file): cannot be read")
