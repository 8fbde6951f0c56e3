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
import time
from pathlib import Path

from .errors import BuildError
from .site_output import same_bytes
from .writing import write_atomic

# Bump when the meaning of a stored record changes.
STAMPS_FORMAT = "exercise-guide-site-stamps-1"
STAMPS_FILE = "written.marshal"
# Touched to read the file system's clock before files are read back.
_READ_BACK = ".read-back"
# How long read_back waits for the file system's clock to pass the files' change times (a
# tick is a few milliseconds); a file still as new as the clock is read again next build.
_TICK_WAIT_SECONDS = 0.1

# A file's inode, size, modification and change times (ns).
Stamp = tuple[int, int, int, int]


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def build_stamps(folder: Path, since_ns: int | None, *, plain: bool) -> Stamps | None:
    """A build's stamps: when it kept site/ (since_ns, when it started), or in a first plain
    build into an empty site/, which tells nothing by them but records what it writes
    (`read_back`) for the next build; None for a serve or dirty build without a kept site/."""
    if since_ns is not None:
        return Stamps(folder, since_ns)
    return Stamps(folder, since_ns=0) if plain else None


class Stamps:
    """The stamps of one build: read from the last build's record, saved for the next."""

    def __init__(self, folder: Path, since_ns: int) -> None:
        self.folder = folder
        self.since_ns = since_ns
        self._old: dict[str, tuple[Stamp, bytes]] = {}
        self._new: dict[str, tuple[Stamp, bytes]] = {}
        # What this build wrote, to read back (path, sha256 of the bytes written, identity).
        self._written: list[tuple[str, bytes, bytes]] = []
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

    def wrote(self, path: str, digest: bytes, identity: bytes | None = None) -> None:
        """This build wrote the file at path, bytes of this sha256 digest: `read_back` records
        it as holding what identity names (by default, those bytes)."""
        self._written.append((path, digest, digest if identity is None else identity))

    def read_back(self) -> None:
        """Once the build has written its files (`wrote`): each that still holds the bytes
        written is recorded as holding what its identity names, so the next build need not
        read it.

        Each file's stamp is taken first; its bytes are read once the file system's clock has
        moved past every one of those change times. An edit made before the read shows in the
        bytes read; one made after it has a newer change time than the recorded stamp (a stamp
        taken at the write could not tell an edit made in the same clock tick)."""
        written, self._written = self._written, []
        found = []
        for path, digest, identity in written:
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
                found.append((path, info, digest, identity))
        if not found:
            return
        newest = max(info.st_ctime_ns for _, info, _, _ in found)
        try:
            now = self._clock()
            deadline = time.monotonic() + _TICK_WAIT_SECONDS
            while now <= newest and time.monotonic() < deadline:
                time.sleep(0.002)
                now = self._clock()
        except OSError:
            return  # read again next time, as before
        for path, info, digest, identity in found:
            if info.st_ctime_ns >= now:
                continue
            try:
                data = Path(path).read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).digest() == digest:
                self._new[path] = (_stamp(info), identity)

    def _clock(self) -> int:
        """The file system's own clock: the modification time of a marker touched now."""
        self.folder.mkdir(parents=True, exist_ok=True)
        marker = self.folder / _READ_BACK
        marker.touch()
        return marker.stat().st_mtime_ns

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
