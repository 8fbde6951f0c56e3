"""`mkdocs serve` rebuilds when content/ or templates/ change, not only docs_dir."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.site.support import ENV, MKDOCS, copy_project, own_template


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float = 90.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = _fetch(url)
        if text in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared at {url}")


@pytest.fixture
def served_project(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "project", pdfs=False)
    # The guide has its own copy of one template, which its author edits while serving.
    own_template(project, "site/exercise.md.j2")
    process, port, _ = _serve(project, tmp_path / "serve.log")
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_reloads_on_content_and_template_changes(
    served_project: tuple[Path, str],
) -> None:
    project, url = served_project
    page = url + "exercises/shoulder-rolling/"
    _wait_for(page, "Shoulder Rolling")

    exercise = project / "content" / "exercises" / "shoulder-rolling.yml"
    text = exercise.read_text(encoding="utf-8")
    exercise.write_text(text.replace("title: Shoulder Rolling", "title: Shoulder Circling"))
    _wait_for(page, "Shoulder Circling")

    template = project / "templates" / "site" / "exercise.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "\nTemplate-marker-4711\n", encoding="utf-8"
    )
    _wait_for(page, "Template-marker-4711")


def _serve(project: Path, log: Path) -> tuple[subprocess.Popen[bytes], int, Path]:
    """Start `mkdocs serve` of a project on a free port, its output going to a log file."""
    port = _free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(MKDOCS), "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return process, port, log


def test_serve_shows_pages_first_and_links_the_pdfs_made_in_the_background(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")  # PDFs on, and no cache yet
    process, port, log = _serve(project, tmp_path / "serve.log")
    url = f"http://127.0.0.1:{port}/"
    link = 'href="../../pdf/shoulder-rolling.pdf"'
    try:
        _wait_for(url + "exercises/shoulder-rolling/", "Shoulder Rolling", timeout=300)
        # Once the background build is done, the server rebuilds and the page links the poster.
        _wait_for(url + "exercises/shoulder-rolling/", link, timeout=600)
        with urllib.request.urlopen(url + "pdf/shoulder-rolling.pdf", timeout=10) as response:
            assert response.read(5) == b"%PDF-"
        text = log.read_text(encoding="utf-8")
        # The pages did not wait: they were served before the PDFs were made, and the log says so.
        first = text.index("the PDFs are being made in the background")
        assert text.index("Serving on") < text.index("made in the background are linked")
        assert first < text.index("Serving on")
    finally:
        process.terminate()
        process.wait(timeout=60)


# What the plugin logs when an edited exercise's page was rebuilt alone
# (serve_fast.served_alone), and what the server logs after every full build (not
# "Documentation built in ...": MkDocs logs a message only once per process, and two builds may
# take the same time).
FAST = "rebuilt alone"
BUILT = "] Reloading browsers"


@pytest.fixture
def logged_serve(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    project = copy_project(tmp_path / "project", pdfs=False)
    process, port, log = _serve(project, tmp_path / "serve.log")
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for_log(log: Path, test: Callable[[str], bool], timeout: float = 120.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if test(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"the server's log never showed it:\n{text}")


def _built_after_fast(count: int) -> Callable[[str], bool]:
    # The count-th page rebuilt alone, then a whole build finished after it.
    def test(text: str) -> bool:
        at = -1
        for _ in range(count):
            at = text.find(FAST, at + 1)
            if at < 0:
                return False
        return text.find(BUILT, at) > at

    return test


def _edit(exercise: Path, old: str, new: str) -> None:
    text = exercise.read_text(encoding="utf-8")
    assert old in text
    exercise.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_shows_an_exercise_edit_from_its_page_alone_then_builds_the_rest(
    logged_serve: tuple[Path, str, Path],
) -> None:
    project, url, log = logged_serve
    page = url + "exercises/shoulder-rolling/"
    area = url + "areas/shoulders/"
    _wait_for(page, "Shoulder Rolling")
    _wait_for_log(log, lambda text: "Serving on" in text)
    exercise = project / "content" / "exercises" / "shoulder-rolling.yml"

    _edit(exercise, "- text: Stand with", "- text: Steptext4711 Stand with")
    _wait_for(page, "Steptext4711")
    # The page first, alone; then the full build for the rest.
    _wait_for_log(log, _built_after_fast(1))

    _edit(exercise, "title: Shoulder Rolling", "title: Shoulder Circling")
    shown = _wait_for(page, "Shoulder Circling")
    assert "Shoulder Rolling" not in shown  # the page's navigation entry too
    _wait_for_log(log, _built_after_fast(2))
    # The other pages follow with the full build.
    _wait_for(area, "Shoulder Circling")


def test_serve_reports_a_broken_edit_and_keeps_serving(
    logged_serve: tuple[Path, str, Path],
) -> None:
    project, url, log = logged_serve
    page = url + "exercises/shoulder-rolling/"
    _wait_for(page, "Shoulder Rolling")
    _wait_for_log(log, lambda text: "Serving on" in text)
    exercise = project / "content" / "exercises" / "shoulder-rolling.yml"

    _edit(exercise, "position: standing", "position: flying")
    line = exercise.read_text(encoding="utf-8").splitlines().index("position: flying") + 1
    where = f"content/exercises/shoulder-rolling.yml:{line}: position: "
    text = _wait_for_log(log, lambda text: where in text)
    assert "Traceback" not in text
    assert FAST not in text  # left to the full build, which reports it

    # Mended: the server serves the site again, and the next edit is fast again.
    _edit(exercise, "position: flying", "position: standing")
    _wait_for_log(log, lambda text: text.rfind(BUILT) > text.find(where))
    _wait_for(page, "Shoulder Rolling")
    _edit(exercise, "- text: Stand with", "- text: Steptext4711 Stand with")
    _wait_for(page, "Steptext4711")
    _wait_for_log(log, _built_after_fast(1))
