"""Under `mkdocs serve`, the PDFs follow the pages: made by a background process, linked once made.

A saved edit reaches the browser after the pages alone are rebuilt; posters, the booklet and
routine sheets are made by `python -m exercise_guide.serve_pdfs` beside the server, through the
same cache as any build, and writes what it made to `.cache/serve-pdfs.json`. When it is done the
server's side writes `.cache/serve/done`, in a folder the server watches (once it is watching), so
the server rebuilds and the pages link the new PDFs. Until then the pages link the PDFs of the last
finished PDF build (none on a first start with an empty cache).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from .cacheuse import CacheUse
from .content import Library, load_library
from .digest import CODE_SUFFIXES, tree_digest
from .errors import BuildError
from .template_folders import Templates, templates_for
from .writing import write_atomic

log = logging.getLogger("mkdocs.plugins.exercise_guide")
RESULT = "serve-pdfs.json"
# After the server starts watching, before a finished build is announced: the watcher's first
# look at the folder must come before the change it is to see.
_WATCH_SETTLE_SECONDS = 1.5
# Content files a PDF is made from: the YAML and the media it prints.
_SOURCES = CODE_SUFFIXES | {".png", ".jpg", ".jpeg", ".webp", ".gif"}


def serve_folder(project_dir: Path) -> Path:
    """The folder the server watches for finished background PDF builds."""
    return project_dir / ".cache" / "serve"


def result_file(project_dir: Path) -> Path:
    """What the last finished background build made (unwatched: the server reads it)."""
    return project_dir / ".cache" / RESULT


def announce_done(folder: Path, data: bytes) -> None:
    """Put the `done` file into the watched folder in one change: written and synced beside it,
    then renamed in. Written in place, its temp file, its writes and its rename reached the
    server as changes apart: a sync slower than the server's wait for changes to settle (0.1 s)
    set off a second full rebuild, which the next edit then waited for."""
    staged = folder.parent / f"{folder.name}-done"
    write_atomic(staged, data)
    try:
        os.replace(staged, folder / "done")
    except OSError as exc:
        raise BuildError(f"cannot announce the finished PDFs in {folder}: {exc}") from None


def content_state(library: Library, templates: Templates) -> str:
    """A hash of what the PDFs are made from: the content files and the print templates."""
    parts = [tree_digest(library.root, _SOURCES)]
    parts += [tree_digest(folder) for folder in templates.sub("print").folders]
    return "\0".join(parts)


class BackgroundPdfs:
    """The serving process's side: which PDFs the pages link, and the background build's process."""

    def __init__(self, project_dir: Path) -> None:
        self.project_dir = project_dir
        self.folder = serve_folder(project_dir)
        self.process: subprocess.Popen[bytes] | None = None
        self.linked_state: str | None = None
        self.watching = threading.Event()
        # Held while serving: a background build never prunes a PDF the pages still link.
        self._hold = CacheUse(project_dir / ".cache" / "pdf")

    def _last_result(self) -> dict[str, object]:
        try:
            data = json.loads(result_file(self.project_dir).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def pdfs(
        self, library: Library, templates: Templates, own_templates: Path | None
    ) -> dict[str, Path]:
        """The PDFs the pages link now (site path → file); starts a background build when the
        last finished one was made from other content."""
        state = content_state(library, templates)
        result = self._last_result()
        raw = result.get("files")
        files = {
            str(k): Path(str(v))
            for k, v in (raw.items() if isinstance(raw, dict) else [])
            if Path(str(v)).is_file()
        }
        if result.get("state") == state:
            if self.linked_state != state:
                self.linked_state = state
                problems = result.get("problems")
                for problem in problems if isinstance(problems, list) else []:
                    log.warning(f"exercise-guide: PDF not made: {problem}")
                log.info(f"exercise-guide: {len(files)} PDF(s) made in the background are linked")
            return files
        self._start(library.root, own_templates)
        return files

    def _start(self, content_dir: Path, own_templates: Path | None) -> None:
        if self.process is not None and self.process.poll() is None:
            # One at a time: when it finishes, the server rebuilds and a newer state starts anew.
            log.info("exercise-guide: PDFs: a background build is running; the next follows it")
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        args = [sys.executable, "-m", "exercise_guide.serve_pdfs", str(self.project_dir)]
        args += [str(content_dir), str(own_templates or "")]
        # Beside the watched folder, not in it: its lines must not set off rebuilds.
        logfile = self.project_dir / ".cache" / "serve-pdfs.log"
        with logfile.open("wb") as out:
            # Low priority: the pages' rebuild after the next edit comes first.
            self.process = subprocess.Popen(
                args,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=lambda: os.nice(10),
                start_new_session=True,  # its own group: stopped with its render workers
            )
        threading.Thread(target=self._announce, args=(self.process,), daemon=True).start()
        log.info(
            "exercise-guide: serving the pages first; the PDFs are being made in the background "
            f"(log: {logfile}) and the pages link them when done"
        )

    def start_watching(self) -> None:
        """The server watches the folder now (from `on_serve`): finished builds may be announced."""
        self.folder.mkdir(parents=True, exist_ok=True)
        threading.Timer(_WATCH_SETTLE_SECONDS, self.watching.set).start()

    def _announce(self, process: subprocess.Popen[bytes]) -> None:
        # Wait for the build, then for the watcher, then change the watched folder: a rebuild.
        process.wait()
        self.watching.wait()
        announce_done(self.folder, f"{process.pid} {process.returncode}\n".encode())

    def stop(self) -> None:
        """Stop a background build still running (the server is shutting down)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self._hold.close()


def build_in_background(project_dir: Path, content_dir: Path, own_templates: Path | None) -> int:
    """Build every PDF the site links and record them for the server; 1 if the content has problems."""
    from .errors import ContentError
    from .printing import build_for_site

    library = load_library(content_dir)
    templates = templates_for(project_dir, own_templates)
    state = content_state(library, templates)
    result: dict[str, object] = {"state": state}
    try:
        files = build_for_site(library, project_dir, templates)
    except ContentError as exc:
        # The server shows these; the pages keep linking the PDFs of the last good build.
        result["problems"] = [str(problem) for problem in exc.problems]
        last = result_file(project_dir)
        try:
            result["files"] = json.loads(last.read_text(encoding="utf-8")).get("files", {})
        except (OSError, ValueError, AttributeError):
            result["files"] = {}
    else:
        result["files"] = {k: str(v) for k, v in files.items()}
    write_atomic(result_file(project_dir), json.dumps(result).encode("utf-8"))
    print(f"exercise-guide: background PDF build done: {json.dumps(result)}", flush=True)
    return 0 if "problems" not in result else 1


if __name__ == "__main__":
    own = Path(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else None
    sys.exit(build_in_background(Path(sys.argv[1]), Path(sys.argv[2]), own))
