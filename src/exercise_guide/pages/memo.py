"""The last build's site content (Markdown pages, figures and files), kept while every input is the same.

Reading every exercise's figures and animation from the figure cache, measuring the figures and
rendering every page's Markdown template was a fifth of a site build with nothing changed at 873
exercises. `site_content` is a pure function of the library, the templates, the linked PDFs, the
package's code and the files under content/media/, so its output is stored whole in
`.cache/site/content.bin` under a hash of all of them: the library's models (guide, exercises in
order, routines, articles, poses) and root, the linked PDFs, every template folder's files, the
name, size and modification time of every file under content/media/ (authored figures, the
logo and article images: the pages print their sizes), the package's own files (code,
templates, strings tables, pose data) and the releases of the libraries that shape the output.
Any change to any of them is a miss, and the content is made again (the figure cache still
keeps each unchanged exercise's figures).

The figure cache keys an entry read stands for are stored with it: a hit marks them used, so the
figure cache keeps them for the next change.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import Library
from ..digest import code_digest, tree_digest
from ..errors import BuildError
from ..template_folders import Templates
from ..writing import write_atomic
from .assets import FileData

# Bump when the meaning of a stored memo changes.
SITE_CONTENT_MEMO_FORMAT = "exercise-guide-site-content-memo-2"
MEMO_FILE = "content.bin"
_PACKAGE = Path(__file__).resolve().parent.parent
_DISTS = ("jinja2", "markupsafe", "pyyaml", "pillow", "fontpkg-atkinson-hyperlegible")


def _code() -> str:
    return code_digest(SITE_CONTENT_MEMO_FORMAT, _PACKAGE, _DISTS)


@dataclass(frozen=True)
class KeptContent:
    """A stored site content: pages, files, and the figure cache entries it was drawn from."""

    pages: dict[str, str]
    files: dict[str, FileData]
    front: dict[str, tuple[str, str]]
    figure_keys: list[str]
    figures: int


def content_key(library: Library, templates: Templates, pdfs: Collection[str]) -> str:
    """A hash of everything the site content is made from."""
    digest = hashlib.sha256(_code().encode())

    def add(*parts: object) -> None:
        digest.update(json.dumps(parts, default=repr).encode())
        digest.update(b"\0")

    add(str(library.root.resolve()), library.guide.model_dump_json())
    # Templates are read afresh by every build (a guide's own folder may change at any time).
    add([(str(folder), tree_digest(folder)) for folder in templates.folders])
    for kind, items in (
        ("exercise", library.exercises),
        ("routine", library.routines),
        ("article", library.articles),
        ("pose", library.poses),
    ):
        for item_id, item in items.items():
            add(kind, item_id, item.model_dump_json())
    add(sorted(pdfs))
    add(list(_media_stamps(library.root / "media")))
    return digest.hexdigest()


def _media_stamps(folder: Path) -> Iterable[tuple[str, int, int]]:
    # By name, size and modification time: reading every image's bytes would cost more than
    # the memo saves, and an edited file gets a new modification time.
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            with contextlib.suppress(OSError):
                stat = os.stat(path)
                yield os.path.relpath(path, folder), stat.st_size, stat.st_mtime_ns


def read_content(folder: Path, key: str) -> KeptContent | None:
    """The content stored under this key, or None (none stored, another key, unreadable)."""
    try:
        stored = marshal.loads((folder / MEMO_FILE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 6 and stored[0] == key):
        return None
    _, pages, files, front, figure_keys, figures = stored
    if not (_all(pages, str) and _all(files, (bytes, str)) and isinstance(figures, int)):
        return None
    if not _all(front, tuple) or any(not _texts(f, 2) for f in front.values()):
        return None
    if not (isinstance(figure_keys, list) and all(isinstance(k, str) for k in figure_keys)):
        return None
    # A file stored as text is a path (a font, a template's asset, an authored image).
    kept = {path: data if isinstance(data, bytes) else Path(data) for path, data in files.items()}
    return KeptContent(pages, kept, front, figure_keys, figures)


def _texts(stored: tuple[Any, ...], length: int) -> bool:
    return len(stored) == length and all(isinstance(part, str) for part in stored)


def _all(stored: Any, kind: type | tuple[type, ...]) -> bool:
    if not isinstance(stored, dict):
        return False
    return all(isinstance(k, str) and isinstance(v, kind) for k, v in stored.items())


def write_content(folder: Path, key: str, kept: KeptContent) -> None:
    """Store the content under its key for the next build."""
    files = {
        path: data if isinstance(data, bytes) else str(data) for path, data in kept.files.items()
    }
    data = marshal.dumps((key, kept.pages, files, kept.front, kept.figure_keys, kept.figures))
    # A memo that cannot be saved only means making the content again next time.
    with contextlib.suppress(BuildError):
        write_atomic(folder / MEMO_FILE, data)
    # The memo of earlier releases, which kept the Markdown pages alone.
    with contextlib.suppress(OSError):
        (folder / "markdown.bin").unlink(missing_ok=True)
