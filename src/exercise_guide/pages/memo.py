"""The last build's generated Markdown pages, kept while every input of the generator is the same.

Rendering every page's Markdown template was a fifth of a site build with nothing changed at 873
exercises. `generate` is a pure function of its arguments and the code and templates, so its
output is stored whole in `.cache/site/markdown.bin` under a hash of all of them: the library's
models (guide, exercises in order, routines, articles, poses) and root, the figures' alt texts,
sizes and animations, the linked PDFs, every template folder's files, the package's own files
(templates, strings tables and code) and the Jinja, MarkupSafe and PyYAML releases. Any change to
any of them is a miss, and every page is generated again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import marshal
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from ..content import Library
from ..digest import code_digest, tree_digest
from ..errors import BuildError
from ..figures.animate import Animation
from ..template_folders import Templates
from ..writing import write_atomic

# Bump when the meaning of a stored memo changes.
PAGES_MEMO_FORMAT = "exercise-guide-pages-memo-1"
MEMO_FILE = "markdown.bin"
_PACKAGE = Path(__file__).resolve().parent.parent
_DISTS = ("jinja2", "markupsafe", "pyyaml")


def _code() -> str:
    return code_digest(PAGES_MEMO_FORMAT, _PACKAGE, _DISTS)


def pages_key(
    library: Library,
    templates: Templates,
    alts: Mapping[str, Sequence[str]],
    pdfs: Collection[str],
    animations: Mapping[str, Animation | None] | None,
    sizes: Mapping[str, tuple[int, int]] | None,
) -> str:
    """A hash of everything the generated pages are made from."""
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
    add(sorted((k, list(v)) for k, v in alts.items()))
    add(sorted(pdfs))
    add(sorted((k, list(v)) for k, v in (sizes or {}).items()))
    for exercise_id, animation in sorted((animations or {}).items()):
        add(exercise_id, None if animation is None else dataclasses.astuple(animation))
    return digest.hexdigest()


def read_pages(folder: Path, key: str) -> dict[str, str] | None:
    """The pages stored under this key, or None (none stored, another key, unreadable)."""
    try:
        stored = marshal.loads((folder / MEMO_FILE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key):
        return None
    pages = stored[1]
    if not isinstance(pages, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in pages.items()):
        return None
    return pages


def write_pages(folder: Path, key: str, pages: dict[str, str]) -> None:
    """Store the pages under their key for the next build."""
    # A memo that cannot be saved only means generating the pages again next time.
    with contextlib.suppress(BuildError):
        write_atomic(folder / MEMO_FILE, marshal.dumps((key, pages)))
