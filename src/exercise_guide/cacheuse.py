"""A build's hold on a cache folder, and pruning what the last full build did not use.

Every build holds a shared lock on `<cache>/.lock` while it reads and writes the cache. Pruning
needs the lock to itself: when another build holds it too, nothing is deleted this time, so a
build running beside this one never loses an entry it is about to copy out.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path


class CacheUse:
    """A shared hold on a cache folder for the length of a build."""

    def __init__(self, folder: Path) -> None:
        self._fd: int | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            # A cache that cannot be written (read-only, full disk) is used as it is, never pruned;
            # writing to it fails later with the build's own clear message.
            return
        fcntl.flock(self._fd, fcntl.LOCK_SH)

    def prune(self, folders: list[Path], keep: Callable[[Path], bool]) -> int | None:
        """Delete every file under `folders` that `keep` rejects; None when not held alone."""
        if self._fd is None:
            return None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        removed = 0
        try:
            for path in _files(folders):
                if not keep(path):
                    path.unlink(missing_ok=True)
                    removed += 1
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_SH)
        return removed

    def close(self) -> None:
        """Let go of the cache (other builds may then prune it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _files(folders: list[Path]) -> list[Path]:
    # os.walk, not Path.rglob: listing the figure and PDF caches with pathlib (a Path and a stat
    # per entry) was a tenth of a build with nothing changed at 873 exercises.
    found: list[Path] = []
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            found += [Path(root, name) for name in files if not name.startswith(".")]
    return sorted(found)
