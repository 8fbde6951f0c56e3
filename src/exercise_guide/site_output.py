"""Keep site/'s files through MkDocs' clean: a rebuild writes over them, and removes only the
files it no longer makes.

MkDocs empties site/ at the start of every build (`mkdocs build`, and each rebuild under
`mkdocs serve`) and writes every file again. Removing the ~4,600 files of an 873-exercise site
cost more than rendering its pages on this project's disks (a removed file's blocks are freed
and discarded one file at a time); writing over a file in place, or leaving an identical one
alone, costs little. MkDocs leaves site/'s hidden entries alone (they are never its output), so:

- before the clean, site/'s entries move into a hidden folder in site/ (a few renames);
- after it, they move back, and the build writes over them;
- after the build, every file the build neither wrote (its modification time is older than the
  build's start) nor listed among its files is removed, as the clean would have, with the
  folders that leaves empty.

The site is then the same as after a clean build. Once the build's files are known (`tidy`),
files with more than one link (PDFs linked from the caches) are unlinked, so nothing ever writes
through into a cache, except where the build puts a cached file by a link again (a PDF, which is
only ever replaced by a rename, never written in place): there an unchanged PDF's link is left
as it is. Off for `--dirty` builds, which keep old files on purpose.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from .writing import is_stale_temp_file

KEPT = ".exercise-guide-kept"
_SINCE = ".since"


@dataclass(frozen=True)
class KeptSite:
    """site/'s entries set aside for one build, and when that build started (file-system time)."""

    site_dir: Path
    since_ns: int


def set_aside(site_dir: Path) -> KeptSite | None:
    """Before MkDocs empties site/: move its entries into a hidden folder it leaves alone."""
    if not site_dir.is_dir():
        return None
    kept = site_dir / KEPT
    if kept.exists():
        # A build stopped before putting them back: what is there is of unknown age.
        shutil.rmtree(kept, ignore_errors=True)
    names = [name for name in os.listdir(site_dir) if not name.startswith(".")]
    if not names:
        return None
    kept.mkdir()
    for name in names:
        os.rename(site_dir / name, kept / name)
    # The file system's own clock: a file this build writes is at least as new as this marker.
    marker = kept / _SINCE
    marker.touch()
    return KeptSite(site_dir, marker.stat().st_mtime_ns)


def put_back(kept: KeptSite) -> int:
    """After the clean: move the set-aside entries back into site/; return how many."""
    folder = kept.site_dir / KEPT
    if not folder.is_dir():
        return 0
    moved = 0
    for name in os.listdir(folder):
        if name == _SINCE or (kept.site_dir / name).exists():
            continue  # something newer is already there: the old one goes with the folder
        os.rename(folder / name, kept.site_dir / name)
        moved += 1
    shutil.rmtree(folder, ignore_errors=True)
    return moved


def tidy(kept: KeptSite, linked: Collection[str]) -> list[str]:
    """Once the entries are put back and the build's files are known, before it writes any:
    remove dead writers' temp files, and unlink every file with other links but those at
    `linked` (absolute paths the build puts a cached file at by a link again); return site/'s
    files, for `sweep` (one walk of site/ for all three: each was a twentieth of a build with
    nothing changed at 873 exercises)."""
    keep = set(linked)
    found: list[str] = []
    for name in os.listdir(kept.site_dir):
        top = os.path.join(kept.site_dir, name)
        hidden = name.startswith(".")
        paths = [top] if not os.path.isdir(top) or os.path.islink(top) else _files_in(top)
        for path in paths:
            if is_stale_temp_file(path):
                with contextlib.suppress(OSError):
                    os.unlink(path)
                continue
            if hidden:
                continue  # never MkDocs' output: never written over, never swept
            # A file with other links is another file's bytes (a PDF in the caches): writing
            # over it in place would change that file too. Unlinking a link frees nothing.
            if path not in keep and os.lstat(path).st_nlink > 1:
                os.unlink(path)
                continue
            found.append(path)
    return found


def sweep(kept: KeptSite, outputs: Iterable[str], found: Iterable[str] | None = None) -> int:
    """After the build: remove the files it did not write or list (outputs: their absolute
    paths), and the folders that leaves empty; return how many files were removed. `found`:
    site/'s files as `tidy` found them before the build wrote any (a file the build made since
    is newer than its start, never swept), else site/ is listed now."""
    listed = set(outputs)
    emptied: set[str] = set()
    removed = 0
    for path in _site_files(kept.site_dir) if found is None else found:
        try:
            if path in listed or os.lstat(path).st_mtime_ns >= kept.since_ns:
                continue
            os.unlink(path)
        except FileNotFoundError:
            continue  # gone already: nothing to sweep
        removed += 1
        emptied.add(os.path.dirname(path))
    # Deepest first, so a folder emptied by removing its empty folders goes too.
    for folder in sorted(emptied, key=len, reverse=True):
        while folder.startswith(str(kept.site_dir) + os.sep):
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # fails, as wanted, when the folder still holds something
            if os.path.exists(folder):
                break
            folder = os.path.dirname(folder)
    return removed


def _site_files(site_dir: Path) -> list[str]:
    found: list[str] = []
    for name in os.listdir(site_dir):
        if name.startswith("."):
            continue  # never MkDocs' output, and never cleaned by it
        top = os.path.join(site_dir, name)
        found += [top] if not os.path.isdir(top) or os.path.islink(top) else _files_in(top)
    return found


def _files_in(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        found += [os.path.join(root, f) for f in files]
        # os.walk does not enter a linked folder; the link itself is a file to sweep.
        found += [os.path.join(root, d) for d in dirs if os.path.islink(os.path.join(root, d))]
    return found


def same_bytes(path: Path, data: bytes) -> bool:
    """Whether the file at path holds exactly these bytes (a single-link file: never a cache's)."""
    try:
        # One lstat (a no-change build asks this of every figure): not a symlink, so it is the file.
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or info.st_nlink != 1 or info.st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False
