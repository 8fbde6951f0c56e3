"""site_output: site/'s files set aside through MkDocs' clean, put back, and the stale ones swept."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.utils import clean_directory

from exercise_guide.site_output import KEPT, put_back, same_bytes, set_aside, sweep


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "page.html").write_text("page", encoding="utf-8")
    (site / "a" / "old.html").write_text("old", encoding="utf-8")
    (site / "top.html").write_text("top", encoding="utf-8")
    (site / ".hidden").write_text("mine", encoding="utf-8")
    return site


def test_entries_survive_the_clean_and_stale_files_are_swept(tmp_path: Path) -> None:
    site = _site(tmp_path)
    kept = set_aside(site)
    assert kept is not None
    clean_directory(str(site))  # MkDocs' own clean, as the build runs it
    assert put_back(kept) == 2
    assert not (site / KEPT).exists()
    # The build writes one file again and lists another it left alone; the rest is stale.
    (site / "a" / "b" / "page.html").write_text("new", encoding="utf-8")
    removed = sweep(kept, [str(site / "top.html")])
    assert removed == 1
    assert not (site / "a" / "old.html").exists()
    assert (site / "a" / "b" / "page.html").read_text(encoding="utf-8") == "new"
    assert (site / "top.html").is_file() and (site / ".hidden").is_file()


def test_emptied_folders_go_with_their_files(tmp_path: Path) -> None:
    site = _site(tmp_path)
    kept = set_aside(site)
    assert kept is not None
    put_back(kept)
    assert sweep(kept, []) == 3
    assert sorted(p.name for p in site.iterdir()) == [".hidden"]


def test_a_file_linked_from_a_cache_is_never_written_through(tmp_path: Path) -> None:
    site = _site(tmp_path)
    cached = tmp_path / "cache.pdf"
    cached.write_bytes(b"%PDF cached")
    os.link(cached, site / "a" / "poster.pdf")
    assert not same_bytes(site / "a" / "poster.pdf", b"%PDF cached")
    kept = set_aside(site)
    assert kept is not None
    put_back(kept)
    # Unlinked when set aside: a build writing a file at that path makes a new one.
    assert not (site / "a" / "poster.pdf").exists()
    (site / "a" / "poster.pdf").write_bytes(b"%PDF other")
    assert cached.read_bytes() == b"%PDF cached"


def test_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "f.svg"
    path.write_bytes(b"<svg/>")
    assert same_bytes(path, b"<svg/>")
    assert not same_bytes(path, b"<svg />") and not same_bytes(tmp_path / "none", b"")


def test_nothing_to_set_aside(tmp_path: Path) -> None:
    assert set_aside(tmp_path / "none") is None
    (tmp_path / "empty").mkdir()
    assert set_aside(tmp_path / "empty") is None
