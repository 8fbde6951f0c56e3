"""`mkdocs serve` rebuilds when content/ or templates/ change, not only docs_dir."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
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
    port = _free_port()
    process = subprocess.Popen(
        [str(MKDOCS), "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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


def test_serve_shows_pages_first_and_links_the_pdfs_made_in_the_background(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")  # PDFs on, and no cache yet
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(MKDOCS), "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
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
