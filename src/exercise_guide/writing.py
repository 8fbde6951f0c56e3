"""Write output files atomically: a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from pathlib import Path

from .errors import BuildError, display_path

# Temp files carry the writer's pid, so a later build can tell a dead writer's leftovers
# (kill -9 leaves them) from the live temp files of a build running beside it.
_TEMP_NAME = re.compile(r"^\..+\.pid(\d+)\.[^.]+\.tmp$")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp makes files only their owner can read; published files get the usual mode.
_PUBLIC_MODE = 0o666 & ~_umask()


def write_atomic(target: Path, data: bytes, *, private: bool = False) -> None:
    """Write bytes to a temp file beside the target, fsync it, then rename it into place.

    A private file (a patient's handout) stays readable by its owner only.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.pid{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise BuildError(_why(target, exc)) from None
    try:
        if not private:
            os.fchmod(fd, _PUBLIC_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise BuildError(_why(target, exc)) from None


def copy_atomic(source: Path, target: Path) -> None:
    """Copy a file so the target is either its old self or a whole copy."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise BuildError(f"cannot read {display_path(source)}: {exc.strerror or exc}") from None
    write_atomic(target, data)


def link_atomic(source: Path, target: Path) -> None:
    """Put a file at target as a hard link to source (no bytes copied), atomically; copy it
    instead where a link cannot be made (another file system, a file system without links)."""
    tmp = target.parent / f".{target.name}.pid{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, tmp)
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        copy_atomic(source, target)


def sweep_stale_temp_files(folder: Path) -> int:
    """Remove temp files left in a folder tree by writers that no longer run; return how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.rglob(".*.tmp"):
        if not is_stale_temp_file(str(path)):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def is_stale_temp_file(path: str) -> bool:
    """Whether a path names a temp file of a writer that no longer runs."""
    name = os.path.basename(path)
    if not name.startswith(".") or not name.endswith(".tmp"):
        return False
    match = _TEMP_NAME.match(name)
    return match is not None and not _alive(int(match.group(1)))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _why(target: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "the folder is not writable"
    else:
        reason = exc.strerror or str(exc)
    return f"cannot write {display_path(target)}: {reason}; earlier outputs are left as they were"
