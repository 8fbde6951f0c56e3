"""Hashes of source trees, for caches that must miss when the code that made an entry changes."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Collection
from functools import cache
from importlib.metadata import PackageNotFoundError, version
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


@cache
def package_digest(package: Path) -> str:
    """`tree_digest` of a package's own code, once per process (the code that runs is the code
    imported at start): four caches key their entries by it, and hashing the package took a
    twentieth of a build with nothing changed at 873 exercises."""
    return tree_digest(package)


@cache
def code_digest(cache_format: str, package: Path, dists: tuple[str, ...]) -> str:
    """A hash of the code that makes a cache's entries: its format, Python, the named
    distributions' releases and every code file under `package` (once per process: the code
    that runs is the code imported at start)."""
    digest = hashlib.sha256(cache_format.encode())
    digest.update(f"\0python={sys.version}".encode())
    for dist in dists:
        try:
            digest.update(f"\0{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            digest.update(f"\0{dist}=none".encode())
    digest.update(package_digest(package).encode())
    return digest.hexdigest()
