"""build_pdf.py and `exercise-guide pdf` through real subprocesses: outputs, errors, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from exercise_guide.content import load_library
from exercise_guide.printing import build_for_site
from tests.conftest import RunCli
from tests.pdf.conftest import only
from tests.support import CONTENT, REPO


def _build_pdf(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "build_pdf.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_build_pdf_help(tmp_path: Path) -> None:
    done = _build_pdf("--help", cwd=tmp_path)
    assert done.returncode == 0
    for option in ("--out", "--paper", "--layout", "--content", "--cache", "--jobs"):
        assert option in done.stdout


def test_http_illustration_fails_with_file_line_field_and_writes_nothing(
    content_copy: Path, tmp_path: Path
) -> None:
    path = content_copy / "exercises" / "shoulder-rolling.yml"
    text = path.read_text(encoding="utf-8")
    first_step = "  - text: Stand with your arms hanging by your sides.\n"
    assert first_step in text
    illustration = (
        "    illustration: {file: 'https://example.org/pose.png', licence: CC0, attribution: x}\n"
    )
    path.write_text(text.replace(first_step, first_step + illustration), encoding="utf-8")
    out = tmp_path / "dist"
    done = _build_pdf(
        "--content",
        str(content_copy),
        "--out",
        str(out),
        "--cache",
        str(tmp_path / "cache"),
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "shoulder-rolling.yml:" in done.stderr
    assert "steps[0].illustration.file" in done.stderr
    assert "https://example.org/pose.png" in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_exercise_guide_pdf_desk_layout_on_letter(
    run_cli: RunCli, content_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    done = run_cli(
        "pdf",
        "--content",
        str(content_copy),
        "--out",
        str(out),
        "--cache",
        str(tmp_path / "cache"),
        "--layout",
        "desk",
        "--paper",
        "Letter",
        "--jobs",
        "2",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    desk = sorted(p.name for p in out.glob("*-desk.pdf"))
    assert desk == sorted(f"{p.stem}-desk.pdf" for p in (content_copy / "exercises").glob("*.yml"))
    assert not (out / "guide.pdf").exists()  # the booklet is portrait; desk builds posters only
    for name in desk:
        page = PdfReader(out / name).pages
        assert len(page) == 1
        assert round(float(page[0].mediabox.width)) == 792  # Letter, landscape
    assert "rendered" in done.stdout


def test_build_for_site_returns_site_paths_of_real_files(tmp_path: Path) -> None:
    library = only(load_library(CONTENT), "elbow-flapping")
    files = build_for_site(library, tmp_path)
    assert {"pdf/elbow-flapping.pdf", "pdf/guide.pdf"} <= set(files)
    for path in files.values():
        assert path.is_file() and path.read_bytes().startswith(b"%PDF-")
    assert (tmp_path / ".cache" / "pdf").is_dir()
