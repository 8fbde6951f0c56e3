"""Atomic writes: whole files or none, clear errors on full or read-only disks, no leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from exercise_guide.errors import BuildError
from exercise_guide.writing import link_atomic, sweep_stale_temp_files, write_atomic
from tests.support import tmpfs


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB tmpfs, so a write really runs out of space."""
    with tmpfs(tmp_path / "disk", "64k") as mount:
        yield mount


def test_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]


def test_a_full_disk_gives_a_clear_error_and_keeps_the_earlier_file(small_disk: Path) -> None:
    target = small_disk / "poster.pdf"
    write_atomic(target, b"earlier poster")
    with pytest.raises(BuildError, match=r"poster\.pdf: the disk is full; earlier outputs"):
        write_atomic(target, b"x" * 200_000)
    assert target.read_bytes() == b"earlier poster"
    assert sorted(p.name for p in small_disk.iterdir()) == ["poster.pdf"]


def test_a_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"old")
    # root ignores permission bits, so make the folder read-only the way root cannot bypass.
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
    try:
        with pytest.raises(BuildError, match=r"a\.pdf: the folder is not writable"):
            write_atomic(folder / "a.pdf", b"new")
        assert (folder / "a.pdf").read_bytes() == b"old"
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_sweep_removes_only_dead_writers_temp_files(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".a.pdf.pid{dead_pid}.x1y2.tmp"
    live = tmp_path / f".b.pdf.pid{os.getpid()}.z3.tmp"
    unrelated = tmp_path / ".notes.tmp"
    for path in (stale, live, unrelated):
        path.write_bytes(b"")
    assert sweep_stale_temp_files(tmp_path) == 1
    assert not stale.exists() and live.exists() and unrelated.exists()


def test_published_files_are_world_readable_and_private_ones_are_not(tmp_path: Path) -> None:
    write_atomic(tmp_path / "poster.pdf", b"poster")
    write_atomic(tmp_path / "handout.pdf", b"patient", private=True)
    assert (tmp_path / "poster.pdf").stat().st_mode & 0o777 == 0o666 & ~_current_umask()
    assert (tmp_path / "handout.pdf").stat().st_mode & 0o777 == 0o600


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_link_puts_the_same_file_in_place_without_copying(tmp_path: Path) -> None:
    source = tmp_path / "cache" / "object.pdf"
    write_atomic(source, b"%PDF poster")
    target = tmp_path / "site" / "pdf" / "poster.pdf"
    write_atomic(target, b"%PDF older poster")
    link_atomic(source, target)
    assert target.read_bytes() == b"%PDF poster"
    assert os.path.samefile(source, target)
    assert [p.name for p in target.parent.iterdir()] == ["poster.pdf"]


def test_link_across_file_systems_copies(small_disk: Path, tmp_path: Path) -> None:
    source = tmp_path / "object.pdf"
    write_atomic(source, b"%PDF poster")
    target = small_disk / "poster.pdf"
    link_atomic(source, target)
    assert target.read_bytes() == b"%PDF poster"
    assert not os.path.samefile(source, target)
    assert [p.name for p in small_disk.iterdir()] == ["poster.pdf"]


# What a reader finds at the watched target before each file operation Python makes: the audit
# hook sees every open, link, rename and remove as it is about to happen, so a moment where the
# target is missing or half-written is seen deterministically, without a racing reader thread.
_watch: dict[str, Any] = {"target": None, "seen": [], "busy": False}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # An audit hook cannot be removed: at interpreter shutdown it still runs after this module's
    # globals are cleared to None, and must then do nothing.
    if not isinstance(_watch, dict):
        return
    target = _watch["target"]
    if target is None or _watch["busy"] or not event.startswith(("os.", "open")):
        return
    _watch["busy"] = True
    try:
        try:
            _watch["seen"].append((event, target.read_bytes()))
        except FileNotFoundError:
            _watch["seen"].append((event, None))
    finally:
        _watch["busy"] = False


sys.addaudithook(_audit)


@contextmanager
def _reader_at(target: Path) -> Iterator[list[tuple[str, bytes | None]]]:
    """Every state of target a reader could have seen while the block ran, event by event."""
    _watch.update(target=target, seen=[])
    try:
        yield _watch["seen"]
    finally:
        _watch["target"] = None
    _watch["seen"].append(("after", target.read_bytes() if target.exists() else None))


def test_a_reader_never_finds_the_linked_target_missing_or_half_written(tmp_path: Path) -> None:
    source = tmp_path / "cache" / "object.pdf"
    write_atomic(source, b"%PDF new poster")
    target = tmp_path / "site" / "pdf" / "poster.pdf"
    write_atomic(target, b"%PDF old poster")
    with _reader_at(target) as seen:
        link_atomic(source, target)
    assert len(seen) >= 3  # the link and the rename were both seen happening
    assert {state for _, state in seen} <= {b"%PDF old poster", b"%PDF new poster"}, seen
    assert seen[-1] == ("after", b"%PDF new poster")


def test_a_reader_never_finds_the_written_target_missing_or_half_written(tmp_path: Path) -> None:
    target = tmp_path / "out" / "poster.pdf"
    write_atomic(target, b"%PDF old poster")
    with _reader_at(target) as seen:
        write_atomic(target, b"%PDF new poster")
    assert len(seen) >= 3
    assert {state for _, state in seen} <= {b"%PDF old poster", b"%PDF new poster"}, seen
    assert seen[-1] == ("after", b"%PDF new poster")
