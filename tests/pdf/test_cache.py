"""Same input, same bytes; nothing changed, nothing rendered; one exercise changed, one poster rendered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from exercise_guide.content import Library
from exercise_guide.pdf import BOOKLET, BuildReport
from tests.pdf.conftest import build, with_exercise
from tests.support import REPO


def _documents(library: Library) -> int:
    """Documents rendered from scratch: each poster, and the booklet's own documents (front
    matter, one section opening per body area, the index); its exercise pages are the posters."""
    return len(library.exercises) + 1 + len(library.body_areas()) + 1


def test_two_builds_give_identical_bytes(
    a4_build: tuple[Path, BuildReport],
    shipped: Library,
    tmp_path: Path,
) -> None:
    _, first = a4_build
    # A fresh cache and a fresh output folder: everything is rendered again.
    second = build(shipped, tmp_path)
    assert second.rendered == first.rendered == _documents(shipped)
    assert sorted(first.files) == sorted(second.files)
    for name in first.files:
        assert first.files[name].read_bytes() == second.files[name].read_bytes(), name


def test_second_build_with_nothing_changed_renders_nothing(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    where, first = a4_build
    assert (first.rendered, first.joined) == (_documents(shipped), 1)
    before = {name: path.stat().st_mtime_ns for name, path in first.files.items()}
    again = build(shipped, where)
    assert (again.rendered, again.renders, again.joined) == (0, 0, 0)
    assert again.cached == _documents(shipped)
    assert again.written == 0
    # Unchanged outputs are not even rewritten.
    assert {name: path.stat().st_mtime_ns for name, path in again.files.items()} == before


def test_changing_one_exercise_renders_its_poster_only_and_joins_it_into_the_booklet(
    a4_build: tuple[Path, BuildReport], shipped: Library, tmp_path: Path
) -> None:
    where, first = a4_build
    changed = with_exercise(shipped, "elbow-flapping", tips=["Keep your shoulders soft."])
    report = build(changed, where, out_dir=tmp_path / "out")
    # Its poster, which is also its page of the booklet: the booklet's own documents (which do
    # not show tips) are cached, and the booklet is joined again with the new poster in it.
    assert (report.rendered, report.joined) == (1, 1)
    assert report.cached == _documents(shipped) - 1
    assert (tmp_path / "out" / "elbow-flapping.pdf").read_bytes() != first.files[
        "elbow-flapping.pdf"
    ].read_bytes()
    assert (tmp_path / "out" / BOOKLET).read_bytes() != first.files[BOOKLET].read_bytes()
    unchanged = tmp_path / "out" / "shoulder-rolling.pdf"
    assert unchanged.read_bytes() == first.files["shoulder-rolling.pdf"].read_bytes()


@pytest.mark.parametrize("date", ["2026-11-01"])
def test_a_guide_date_goes_into_the_metadata(shipped: Library, tmp_path: Path, date: str) -> None:
    from pypdf import PdfReader

    from tests.pdf.conftest import only

    dated = only(shipped, "shoulder-rolling")
    dated = type(dated)(
        **{**dated.__dict__, "guide": shipped.guide.model_copy(update={"date": date})}
    )
    report = build(dated, tmp_path, booklet=False)
    metadata = PdfReader(report.files["shoulder-rolling.pdf"]).metadata
    assert metadata is not None and str(metadata["/CreationDate"]).startswith("D:20261101")


def test_the_parent_process_never_imports_weasyprint(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from exercise_guide.content import load_library\n"
        "from exercise_guide.printing import build_pdfs\n"
        "from exercise_guide.template_folders import templates_for\n"
        "if __name__ == '__main__':\n"
        "    lib = load_library(sys.argv[1])\n"
        "    r = build_pdfs(lib, cache_dir=Path(sys.argv[2]), out_dir=Path(sys.argv[3]),\n"
        "                   templates=templates_for(Path(sys.argv[4])), booklet=False,\n"
        "                   routines=False, show_progress=False)\n"
        "    print(r.rendered, 'weasyprint' in sys.modules)\n"
    )
    (tmp_path / "probe.py").write_text(script, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            str(tmp_path / "probe.py"),
            str(REPO / "content"),
            str(tmp_path / "c"),
            str(tmp_path / "o"),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "False"]
