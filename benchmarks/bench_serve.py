"""Serve: an edit saved under a running `mkdocs serve` until the served page shows it, at 873 entries.

A private copy of the project (the committed code, the seed plus every free-exercise-db entry,
imported for real) is served with `mkdocs serve` on a free local port. Once it serves, one exercise
is edited three times, as an author would, and its page is fetched over HTTP until the edit shows:
a step's text, the summary, then the title (which every page's navigation shows). Prints
`serve_edit_seconds_<size>_step`, `_summary` and `_title` (from the file's save to the page
showing it); after each, the server is left to finish the PDFs that follow in the background
(`serve_pdfs_follow_seconds_...`: from the save until the pages link them). Also the first start:
`serve_first_pages_seconds_<size>` (pages served) and `serve_first_pdfs_seconds_<size>` (their
PDFs linked). EXERCISE_GUIDE_SERVE_SIZE sets the size.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .bench_scale import make_project, snapshot
from .common import dataset_slice, report

SIZE = int(os.environ.get("EXERCISE_GUIDE_SERVE_SIZE", "873"))
# The first build renders every poster; on 2 busy cores that takes many minutes.
FIRST_BUILD_TIMEOUT = float(os.environ.get("EXERCISE_GUIDE_BENCH_TIMEOUT", "3600"))
EDIT_TIMEOUT = 900.0
# What the plugin logs when the PDFs made in the background are linked (serve_pdfs.py).
LINKED = "made in the background are linked"
# What the server logs after every (re)build. Not MkDocs' "Documentation built in N seconds":
# MkDocs logs each message once per process, so a build as long as an earlier one says nothing.
BUILT = "] Reloading browsers"
POLL_SECONDS = 0.05
# The edits, in order: what to replace in the exercise's YAML, and what then shows on its page.
EDITS = (
    ("step", "\nsteps:\n- text: ", "\nsteps:\n- text: Steptext4711 ", "Steptext4711"),
    ("summary", "\nsummary: ", "\nsummary: Summary4711 ", "Summary4711"),
    ("title", "\ntitle: ", "\ntitle: Title4711 ", "Title4711"),
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float, server: subprocess.Popen[bytes]) -> float:
    """Seconds until the page at url contains text (polled every POLL_SECONDS)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _fetch(url):
            return time.perf_counter() - start
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve exited ({server.returncode}) before {text!r} showed")
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"{text!r} did not show at {url} within {timeout:.0f} s")


def _settled(log: Path, linked: int, timeout: float) -> float:
    """Seconds until the server's log says the PDFs of the `linked`-th background build are
    linked (the PDFs have followed the pages), and it is quiet again: the rebuild that links
    them has finished (the plugin logs LINKED as that rebuild starts; an edit saved during it
    would be timed from the save to the end of two rebuilds)."""
    start = time.perf_counter()
    seconds: float | None = None
    while time.perf_counter() - start < timeout:
        text = log.read_text(encoding="utf-8", errors="replace")
        if seconds is None and text.count(LINKED) >= linked:
            seconds = time.perf_counter() - start
        if seconds is not None and text.rfind(BUILT) > text.rfind(LINKED):
            time.sleep(1.0)
            return seconds
        time.sleep(0.2)
    raise SystemExit(f"mkdocs serve did not link background PDFs ({linked}); see {log}")


def main() -> None:
    """Serve the library, time each edit until it shows, print the figures."""
    from exercise_guide.importers.runner import import_free_exercise_db

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        root = Path(tmp)
        code = snapshot(root / "code")
        project = make_project(code, root / "project")
        dataset = dataset_slice(SIZE, root / "free-exercise-db.json")
        imported = import_free_exercise_db(dataset, project / "content" / "exercises")
        edited = sorted(imported.files)[len(imported.files) // 2]
        port = _free_port()
        url = f"http://127.0.0.1:{port}/exercises/{edited.stem}/"
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": os.pathsep.join([str(code / "src"), str(Path(__file__).parent.parent)]),
        }
        log = root / "serve.log"
        args = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        with log.open("wb") as out:
            server = subprocess.Popen(args, cwd=project, env=env, stdout=out, stderr=out)
            try:
                started = time.perf_counter()
                title = edited.read_text(encoding="utf-8").split("\ntitle: ", 1)[1].split("\n")[0]
                _wait_for(url, title, FIRST_BUILD_TIMEOUT, server)
                pages = time.perf_counter() - started
                report(f"serve_first_pages_seconds_{SIZE}", pages)
                pdfs = _settled(log, 1, FIRST_BUILD_TIMEOUT)
                report(f"serve_first_pdfs_seconds_{SIZE}", pages + pdfs)
                for number, (name, old, new, shows) in enumerate(EDITS, start=2):
                    text = edited.read_text(encoding="utf-8")
                    if old not in text:
                        raise SystemExit(f"{edited.name}: no {old!r} to edit")
                    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
                    seconds = _wait_for(url, shows, EDIT_TIMEOUT, server)
                    report(f"serve_edit_seconds_{SIZE}_{name}", seconds)
                    # Then wait for its PDFs to follow, so each edit starts from a quiet server.
                    follow = _settled(log, number, EDIT_TIMEOUT)
                    report(f"serve_pdfs_follow_seconds_{SIZE}_{name}", seconds + follow)
            finally:
                server.terminate()
                server.wait(timeout=60)
                # EXERCISE_GUIDE_SERVE_LOG=path keeps the server's log, for profiling.
                kept = os.environ.get("EXERCISE_GUIDE_SERVE_LOG")
                if kept:
                    Path(kept).write_bytes(log.read_bytes())


if __name__ == "__main__":
    main()
