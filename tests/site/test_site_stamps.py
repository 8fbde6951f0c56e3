"""site_stamps: a file in site/ is taken as unchanged by its stamp only while nothing touched it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from exercise_guide import site_stamps
from exercise_guide.site_output import same_bytes
from exercise_guide.site_stamps import Stamps


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read to compare their bytes (the stamps' fallback), in order."""
    read: list[str] = []

    def counted(path: Path, data: bytes) -> bool:
        read.append(path.name)
        return same_bytes(path, data)

    monkeypatch.setattr(site_stamps, "same_bytes", counted)
    return read


def _since_now(folder: Path) -> int:
    # The file system's own clock, as site_output.set_aside reads it.
    time.sleep(0.03)  # past the (coarse) clock tick of the files written before
    marker = folder / ".since"
    marker.touch()
    return marker.stat().st_mtime_ns


def _build(cache: Path, site: Path, data: dict[str, bytes]) -> dict[str, bool]:
    """One build's check of each file against its bytes, saving the stamps as a build does."""
    stamps = Stamps(cache, _since_now(site))
    same = {name: stamps.same(str(site / name), content) for name, content in data.items()}
    stamps.save()
    return same


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    cache, site = tmp_path / "cache", tmp_path / "site"
    cache.mkdir()
    site.mkdir()
    return cache, site


def test_an_unchanged_file_is_known_by_its_stamp(tmp_path: Path, reads: list[str]) -> None:
    cache, site = _folders(tmp_path)
    (site / "a.svg").write_bytes(b"<svg>a</svg>")
    (site / "b.svg").write_bytes(b"<svg>b</svg>")
    data = {"a.svg": b"<svg>a</svg>", "b.svg": b"<svg>b</svg>"}
    assert _build(cache, site, data) == {"a.svg": True, "b.svg": True}
    assert reads == ["a.svg", "b.svg"]
    # Recorded now: a file whose stamp and digest match is not read again.
    assert _build(cache, site, data) == {"a.svg": True, "b.svg": True}
    assert _build(cache, site, data) == {"a.svg": True, "b.svg": True}
    assert reads == ["a.svg", "b.svg"]


def test_an_edited_file_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    cache, site = _folders(tmp_path)
    (site / "a.svg").write_bytes(b"<svg>a</svg>")
    data = {"a.svg": b"<svg>a</svg>"}
    assert _build(cache, site, data) == {"a.svg": True}
    assert _build(cache, site, data) == {"a.svg": True}
    # Same size, modification time put back: the change time still tells.
    info = os.stat(site / "a.svg")
    (site / "a.svg").write_bytes(b"<svg>A</svg>")
    os.utime(site / "a.svg", ns=(info.st_atime_ns, info.st_mtime_ns))
    assert _build(cache, site, data) == {"a.svg": False}
    assert reads == ["a.svg", "a.svg"]


def test_a_file_replaced_by_another_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    cache, site = _folders(tmp_path)
    (site / "a.svg").write_bytes(b"<svg>a</svg>")
    data = {"a.svg": b"<svg>a</svg>"}
    assert _build(cache, site, data) == {"a.svg": True}
    (site / "new.svg").write_bytes(b"<svg>A</svg>")
    os.replace(site / "new.svg", site / "a.svg")
    assert _build(cache, site, data) == {"a.svg": False}


def test_other_bytes_are_not_the_same(tmp_path: Path) -> None:
    cache, site = _folders(tmp_path)
    (site / "a.svg").write_bytes(b"<svg>a</svg>")
    assert _build(cache, site, {"a.svg": b"<svg>a</svg>"}) == {"a.svg": True}
    assert _build(cache, site, {"a.svg": b"<svg>b</svg>"}) == {"a.svg": False}
    assert _build(cache, site, {"a.svg": b"<svg>a</svg>"}) == {"a.svg": True}
    assert _build(cache, site, {"a.svg": b"<svg>b</svg>"}) == {"a.svg": False}


def test_a_file_written_during_the_check_is_not_recorded(tmp_path: Path, reads: list[str]) -> None:
    cache, site = _folders(tmp_path)
    since = _since_now(site)
    (site / "a.svg").write_bytes(b"<svg>a</svg>")  # after the build started: racy
    stamps = Stamps(cache, since)
    assert stamps.same(str(site / "a.svg"), b"<svg>a</svg>")
    stamps.save()
    # Not recorded: the next build reads it again.
    assert Stamps(cache, since).same(str(site / "a.svg"), b"<svg>a</svg>")
    assert reads == ["a.svg", "a.svg"]


def test_a_damaged_record_is_empty(tmp_path: Path) -> None:
    cache, site = _folders(tmp_path)
    (site / "a.svg").write_bytes(b"<svg>a</svg>")
    (cache / site_stamps.STAMPS_FILE).write_bytes(b"\x00garbage")
    assert _build(cache, site, {"a.svg": b"<svg>a</svg>"}) == {"a.svg": True}
