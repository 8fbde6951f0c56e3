"""Content files loaded cleanly by an earlier build, kept on disk so a new process need not parse them.

`content.load_library` keeps, in memory, every file it loaded cleanly with the file's bytes then
(`mkdocs serve` reloads the library at every rebuild). A `mkdocs build` is a new process each
time, and parsing and validating 873 exercise files was a third of a build with nothing changed;
this module saves that memo in the project's `.cache/content/` and reads it back at the next
load. An entry is used only when the file's bytes are exactly the bytes it was made from, and the
whole file is used only when it was written by the same code (the package's own files, Python and
the pydantic and PyYAML releases): anything else is a miss and the file is parsed as before.

The entries are pickled (frozen pydantic models and their line maps); the file lives in the
project's own cache folder, which only the project's builds write.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .digest import code_digest
from .errors import BuildError
from .writing import write_atomic

# Bump when the meaning of a stored memo changes.
CONTENT_MEMO_FORMAT = "exercise-guide-content-memo-1"
MEMO_FILE = "loaded.pickle"
_PACKAGE = Path(__file__).resolve().parent
_DISTS = ("pydantic", "pydantic-core", "pyyaml")


def memo_code() -> str:
    """A hash of the code that turns a content file into its model (once per process: the code
    that runs is the code imported at start)."""
    return code_digest(CONTENT_MEMO_FORMAT, _PACKAGE, _DISTS)


def read_memo(folder: Path, loaded: dict[Any, Any]) -> dict[Any, Any]:
    """The memo saved in a folder by the same code, or an empty one (missing, damaged, other
    code); its entries are added to `loaded` (the process's own memo) where it has none."""
    try:
        stored = pickle.loads((folder / MEMO_FILE).read_bytes())
    except Exception:  # any unreadable memo is only a miss: every file is parsed
        return {}
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != memo_code():
        return {}
    entries = stored[1]
    if not isinstance(entries, dict):
        return {}
    for key, entry in entries.items():
        loaded.setdefault(key, entry)
    return entries


def save_memo(
    folder: Path, stored: dict[Any, Any], loaded: dict[Any, Any], sources: Iterable[object]
) -> None:
    """Save the entries of the files a library was just loaded from (`sources`: their source
    objects), when they differ from what was read: a deleted or changed file's old entry goes."""
    used = {id(source) for source in sources}
    entries = {k: v for k, v in loaded.items() if id(v[2]) in used}
    if entries.keys() != stored.keys() or any(entries[k] is not stored[k] for k in entries):
        write_memo(folder, entries)


def write_memo(folder: Path, entries: dict[Any, Any]) -> None:
    """Save the memo for the next process (atomically: a reader sees the old file or the new one)."""
    data = pickle.dumps((memo_code(), entries), protocol=pickle.HIGHEST_PROTOCOL)
    # A memo that cannot be saved only means parsing every file again next time.
    with contextlib.suppress(BuildError):
        write_atomic(folder / MEMO_FILE, data)
