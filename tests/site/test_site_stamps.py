"""site_stamps: a file in site/ is taken as unchanged by its stamp only while nothing touched it."""

from __future__ import annotations

import hashlib
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


KEY = bytes.fromhex("ab" * 32)  # what names a page's bytes: its theme HTML's cache key


def _pages_build(cache: Path, site: Path, found: dict[str, bytes]) -> dict[str, bool]:
    """One build that asks whether each page is held unread, and records those it read."""
    stamps = Stamps(cache, _since_now(site))
    held = {name: stamps.holds(str(site / name), KEY) for name in found}
    for name, identity in found.items():
        if not held[name]:
            stamps.found(str(site / name), identity)
    stamps.save()
    return held


def test_a_page_found_holding_its_html_is_told_by_its_stamp(tmp_path: Path) -> None:
    cache, site = _folders(tmp_path)
    (site / "a.html").write_text("<p>a</p>", encoding="utf-8")
    (site / "b.html").write_text("<p>b</p>", encoding="utf-8")
    # Nothing recorded yet: the build reads both and records what they hold.
    assert _pages_build(cache, site, {"a.html": KEY, "b.html": KEY}) == {
        "a.html": False,
        "b.html": False,
    }
    assert _pages_build(cache, site, {"a.html": KEY, "b.html": KEY}) == {
        "a.html": True,
        "b.html": True,
    }
    # Carried over by the build that told them: still told by the one after.
    assert Stamps(cache, _since_now(site)).holds(str(site / "a.html"), KEY)
    # Another key (the page's HTML changed) is not held, nor is a path never recorded.
    other = Stamps(cache, _since_now(site))
    assert not other.holds(str(site / "a.html"), bytes.fromhex("cd" * 32))
    assert not other.holds(str(site / "c.html"), KEY)


def test_a_page_edited_in_place_is_not_held(tmp_path: Path) -> None:
    cache, site = _folders(tmp_path)
    page = site / "a.html"
    page.write_text("<p>a</p>", encoding="utf-8")
    _pages_build(cache, site, {"a.html": KEY})
    before = page.stat()
    # Same size, same modification time: only the change time tells the edit.
    page.write_text("<p>z</p>", encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size
    assert _pages_build(cache, site, {"a.html": KEY}) == {"a.html": False}


def test_a_page_found_during_its_own_build_is_not_recorded(tmp_path: Path) -> None:
    cache, site = _folders(tmp_path)
    stamps = Stamps(cache, _since_now(site))
    (site / "a.html").write_text("<p>a</p>", encoding="utf-8")  # written within the build
    stamps.found(str(site / "a.html"), KEY)
    stamps.save()
    assert not Stamps(cache, _since_now(site)).holds(str(site / "a.html"), KEY)


def test_what_the_build_wrote_is_read_back_and_recorded(tmp_path: Path, reads: list[str]) -> None:
    cache, site = _folders(tmp_path)
    stamps = Stamps(cache, since_ns=0)  # a first build: site/ was empty
    written = {"a.html": b"<p>a</p>", "b.html": b"<p>b</p>", "c.html": b"<p>c</p>"}
    for name, data in written.items():
        (site / name).write_bytes(data)
        stamps.wrote(str(site / name), hashlib.sha256(data).digest(), KEY)
    figure = b"<svg>a</svg>"  # a figure: recorded by its bytes' digest
    (site / "a.svg").write_bytes(figure)
    stamps.wrote(str(site / "a.svg"), hashlib.sha256(figure).digest())
    (site / "b.html").write_bytes(b"<p>B</p>")  # changed after the build wrote it
    (site / "c.html").unlink()  # gone
    stamps.read_back()
    stamps.save()
    later = Stamps(cache, _since_now(site))
    held = {name: later.holds(str(site / name), KEY) for name in written}
    assert held == {"a.html": True, "b.html": False, "c.html": False}
    assert later.same(str(site / "a.svg"), figure) and reads == []
