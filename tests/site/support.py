"""Helpers for site tests: a private copy of the project, a real `mkdocs build`, a local server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support import REPO, TEMPLATES

MKDOCS = Path(sys.executable).parent / "mkdocs"
PROJECT_PARTS = ("mkdocs.yml", "content", "docs_src")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class ShippedBuild:
    """The shipped project and the site (with its PDFs) that `mkdocs build --strict` made of it."""

    project: Path
    site: Path


def copy_project(dest: Path, *, pdfs: bool = True) -> Path:
    """A writable copy of the parts of the project a site build reads (optionally without PDFs)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("schema"))
        else:
            shutil.copy2(source, dest / part)
    (dest / "docs_src").mkdir(exist_ok=True)
    if not pdfs:
        config = dest / "mkdocs.yml"
        marker = "      content_dir: content\n"
        text = config.read_text(encoding="utf-8")
        assert marker in text
        config.write_text(text.replace(marker, marker + "      pdfs: false\n"), encoding="utf-8")
    return dest


def own_template(project: Path, name: str) -> Path:
    """A guide's own copy of one packaged template (e.g. "site/exercise.md.j2"), to edit."""
    target = project / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if (TEMPLATES / name).is_file():
        shutil.copy2(TEMPLATES / name, target)
    return target


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build --strict` of a project into site_dir."""
    return subprocess.run(
        [
            str(MKDOCS),
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
            *list(extra),
        ],
        capture_output=True,
        text=True,
        cwd=project,
        env=ENV,
        timeout=600,
        check=False,
    )


@dataclass(frozen=True)
class Served:
    """A built site served over HTTP on localhost."""

    root: Path
    url: str  # ends with "/"
    host: str


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[Served]:
    """Serve a folder from 127.0.0.1 on a free port in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{server.server_address[1]}"
    try:
        yield Served(root, f"http://{host}/", host)
    finally:
        server.shutdown()
        server.server_close()


EVIL = "<script>alert(1)</script>"
EVIL_LINK = "[x](javascript:alert(1))"


def add_hostile_exercise(content: Path) -> str:
    """Add an exercise whose text tries HTML, script and a javascript: link; return its id."""
    text = f"""title: 'Evil {EVIL} title'
summary: 'Summary {EVIL} and {EVIL_LINK} here.'
body_areas: [upper-back]
keywords: ['{EVIL}', 'hostile']
tags: ['{EVIL}']
time: '<b>bold</b> & "quoted"'
dose:
  reps: '{EVIL}'
steps:
  - text: 'Step one {EVIL} then {EVIL_LINK} and *gently* now.'
    breath: in-nose
    hold: '<img src=x onerror=alert(1)>'
  - text: '# not a heading <img src=x onerror=alert(2)> `code` ![i](x.png)'
benefits: ['{EVIL}']
tips: ['{EVIL_LINK}']
safety: ['Stop {EVIL} if it hurts.']
cautions: ['<iframe src="javascript:alert(3)"></iframe>']
sources:
  - title: '{EVIL}'
    note: '{EVIL_LINK}'
review: needed
"""
    (content / "exercises" / "hostile.yml").write_text(text, encoding="utf-8")
    # Its tags shown at its top and on the tags page too: every place a tag is printed.
    guide = content / "guide.yml"
    guide.write_text(guide.read_text(encoding="utf-8") + "site:\n  tags_page: true\n", "utf-8")
    return "hostile"
