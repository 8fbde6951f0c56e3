"""`pip install .` (not editable) in a fresh venv, `exercise-guide init`, then both builds, far from the repo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.support import REPO

# The install must not see this checkout: no PYTHONPATH, and a working folder outside it.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
ENV["NO_MKDOCS_2_WARNING"] = "1"


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


def test_a_fresh_install_starts_and_builds_a_guide_of_its_own(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, REPO, cwd=tmp_path)
    [wheel] = wheels.glob("exercise_guide-*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bin_dir = venv / "bin"
    # Not editable: the package, its templates and the starter are copied into the venv.
    _run(bin_dir / "pip", "install", "-q", "--no-compile", wheel, cwd=tmp_path)
    where = _run(
        bin_dir / "python",
        "-c",
        "import exercise_guide; print(exercise_guide.__file__)",
        cwd=tmp_path,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)

    work = tmp_path / "work"
    work.mkdir()
    _run(
        bin_dir / "exercise-guide",
        "init",
        "my-guide",
        "--base-url",
        "https://example.org/guide/",
        cwd=work,
    )
    guide = work / "my-guide"
    for name in (
        "README.md",
        "mkdocs.yml",
        "content/guide.yml",
        "content/exercises/shoulder-rolling.yml",
        "content/routines/shoulder-loosening.yml",
        "content/pages/using-this-guide.md",
    ):
        assert (guide / name).is_file(), name
    assert not (guide / "templates").exists()  # every template comes from the installed package

    _run(bin_dir / "mkdocs", "build", "--strict", cwd=guide)
    page = (guide / "site" / "exercises" / "shoulder-rolling" / "index.html").read_text("utf-8")
    assert "Shoulder Rolling" in page and "Stop if you feel any pain." in page
    assert "assets/exercise-guide.css" in page
    # No repo_url given: no "edit this page" link pointing nowhere.
    assert "md-content__button" not in page
    assert (guide / "site" / "articles" / "using-this-guide" / "index.html").is_file()
    assert (guide / "site" / "pdf" / "shoulder-rolling.pdf").is_file()

    built = _run(bin_dir / "exercise-guide", "pdf", cwd=guide)
    assert "PDFs in dist" in built.stdout
    for name in ("shoulder-rolling.pdf", "guide.pdf", "routine-shoulder-loosening.pdf"):
        text = " ".join(p.extract_text() for p in PdfReader(guide / "dist" / name).pages)
        assert "Shoulder Rolling" in text, name
    for path in guide.rglob("*.html"):
        assert str(REPO) not in path.read_text("utf-8"), path
