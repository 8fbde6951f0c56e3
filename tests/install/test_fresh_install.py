"""`pip install .` (not editable) into a fresh venv, `exercise-guide init`, then both builds, far
from the repo.

The venv gets only what pip builds from the checkout: a wheel of the package, its templates and
the starter guide. Its dependencies are not downloaded and installed again (minutes): one line in
a `.pth` file puts this project's own site-packages on its path. A path line adds that folder and
nothing else: the `.pth` files inside it, among them the editable install's that points at src/,
are not run, so the package can only come from the wheel (the test checks that too).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from pypdf import PdfReader

from tests.support import REPO

# The install must not see this checkout: no PYTHONPATH, and a working folder outside it.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
ENV["NO_MKDOCS_2_WARNING"] = "1"
# What the venv's Python reports about where its code comes from.
WHERE = """import json, sys, exercise_guide, importlib.metadata as m, importlib.resources as r
print(json.dumps({"package": exercise_guide.__file__, "path": sys.path,
    "templates": str(r.files("exercise_guide") / "templates"),
    "dist": str(m.distribution("exercise-guide").locate_file("exercise_guide"))}))"""


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


def _fresh_venv(venv: Path) -> Path:
    """A new venv, without pip, that sees this project's installed dependencies; its python."""
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv.parent)
    python = venv / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=venv)
    (Path(purelib.stdout.strip()) / "project-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    return python


def test_a_fresh_install_starts_and_builds_a_guide_of_its_own(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = _fresh_venv(venv)
    # Not editable: pip builds a wheel of the checkout and copies it into the venv (this
    # project's pip, working for the venv's Python; the build backend is already installed).
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "--no-compile",
        REPO,
        cwd=tmp_path,
    )
    where = json.loads(_run(python, "-c", WHERE, cwd=tmp_path).stdout)
    for name in ("package", "templates", "dist"):
        assert Path(where[name]).is_relative_to(venv), (name, where[name])
    src = REPO / "src"
    assert not [p for p in where["path"] if p and Path(p).resolve().is_relative_to(src)]

    work = tmp_path / "work"
    work.mkdir()
    _run(
        venv / "bin" / "exercise-guide",
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

    _run(python, "-m", "mkdocs", "build", "--strict", cwd=guide)
    page = (guide / "site" / "exercises" / "shoulder-rolling" / "index.html").read_text("utf-8")
    assert "Shoulder Rolling" in page and "Stop if you feel any pain." in page
    assert "assets/exercise-guide.css" in page
    # No repo_url given: no "edit this page" link pointing nowhere.
    assert "md-content__button" not in page
    assert (guide / "site" / "articles" / "using-this-guide" / "index.html").is_file()
    assert (guide / "site" / "pdf" / "shoulder-rolling.pdf").is_file()

    built = _run(venv / "bin" / "exercise-guide", "pdf", cwd=guide)
    assert "PDFs in dist" in built.stdout
    for name in ("shoulder-rolling.pdf", "guide.pdf", "routine-shoulder-loosening.pdf"):
        text = " ".join(p.extract_text() for p in PdfReader(guide / "dist" / name).pages)
        assert "Shoulder Rolling" in text, name
    for path in guide.rglob("*.html"):
        assert str(REPO) not in path.read_text("utf-8"), path
