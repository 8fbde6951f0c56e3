"""What the last build left in site/ for each generated file, so an unchanged one is not read again.

A build with nothing changed compared every figure's bytes with its file in site/: at 873
exercises 3,700 files opened and read, a tenth of that build. `Stamps` records, per file, its
file-system stamp (inode, size, modification and change times) and the sha256 of the bytes the
build found or wrote there; the next build takes a file whose stamp and digest are both the same
as holding those bytes, and reads any other as before. A page is recorded by what names its
bytes instead, the page cache's key of its theme HTML (`holds`, `found`): the next build then
needs neither the page's file nor its stored HTML.

A file is recorded only once its change time is older than the start of the build that checked it
(`since_ns`, on the file system's own clock), as Git does with its index: a file written or
edited within the same clock tick as the check could otherwise keep its stamp. Any later write to
the file (or a rename onto it) gives it a newer change time, which the stamp no longer matches.
An unreadable or damaged record is an empty one.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
from pathlib import Path

from .errors import BuildError
from .site_output import same_bytes
from .writing import write_atomic

# Bump when the meaning of a stored record changes.
STAMPS_FORMAT = "exercise-guide-site-stamps-1"
STAMPS_FILE = "written.marshal"

# A file's inode, size, modification and change times (ns).
Stamp = tuple[int, int, int, int]


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class Stamps:
    """The stamps of one build: read from the last build's record, saved for the next."""

    def __init__(self, folder: Path, since_ns: int) -> None:
        self.folder = folder
        self.since_ns = since_ns
        self._old: dict[str, tuple[Stamp, bytes]] = {}
        self._new: dict[str, tuple[Stamp, bytes]] = {}
        try:
            stored = marshal.loads((folder / STAMPS_FILE).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        ok = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == STAMPS_FORMAT
        if ok and isinstance(stored[1], dict):
            self._old = stored[1]

    def same(self, path: str, data: bytes) -> bool:
        """Whether the file at path holds exactly these bytes (a single-link file: never a
        cache's), by its recorded stamp when it has one, else by reading it."""
        try:
            info = os.lstat(path)
        except OSError:
            return False
        if stat.S_ISLNK(info.st_mode) or info.st_nlink != 1 or info.st_size != len(data):
            return False
        digest = hashlib.sha256(data).digest()
        if self._old.get(path) == (_stamp(info), digest):
            self._new[path] = self._old[path]
            return True
        if not same_bytes(Path(path), data):
            return False
        self._record(path, info, digest)
        return True

    def holds(self, path: str, identity: bytes) -> bool:
        """Whether the file at path is, by its recorded stamp, still the one `found` recorded
        as holding what identity names (a page's theme HTML by its cache key), unread."""
        try:
            info = os.lstat(path)
        except OSError:
            return False
        if stat.S_ISLNK(info.st_mode) or info.st_nlink != 1:
            return False
        if self._old.get(path) != (_stamp(info), identity):
            return False
        self._new[path] = self._old[path]
        return True

    def found(self, path: str, identity: bytes) -> None:
        """The file at path was read and found to hold what identity names: record its stamp."""
        try:
            info = os.lstat(path)
        except OSError:
            return
        if not stat.S_ISLNK(info.st_mode):
            self._record(path, info, identity)

    def _record(self, path: str, info: os.stat_result, digest: bytes) -> None:
        # Changed within this build (a file it writes, too): its stamp might not tell a later
        # edit in the same clock tick, so the next build reads it and records it then.
        if info.st_ctime_ns < self.since_ns and info.st_nlink == 1:
            self._new[path] = (_stamp(info), digest)

    def save(self) -> None:
        """Keep this build's stamps for the next build (only when they changed)."""
        if self._new == self._old:
            return
        data = marshal.dumps((STAMPS_FORMAT, self._new))
        # A record that cannot be saved only means reading the files again next time.
        with contextlib.suppress(BuildError):
            write_atomic(self.folder / STAMPS_FILE, data)
