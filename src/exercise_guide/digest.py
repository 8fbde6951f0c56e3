"""Hashes of source trees, for caches that must miss when the code that made an entry changes."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path

CODE_SUFFIXES = frozenset({".py", ".yml", ".yaml", ".json", ".css", ".html", ".j2", ".svg"})


def tree_digest(folder: Path, suffixes: Collection[str] = CODE_SUFFIXES) -> str:
    """The sha256 of every file with one of `suffixes` under a folder, names and bytes, in order."""
    digest = hashlib.sha256()
    if not folder.is_dir():
        return digest.hexdigest()
    for path in sorted(folder.rglob("*")):
        if path.suffix in suffixes and "__pycache__" not in path.parts and path.is_file():
            digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
