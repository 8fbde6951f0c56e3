"""site_output: site/'s files set aside through MkDocs' clean, put back, and the stale ones swept."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.utils import clean_directory

from exercise_guide.site_output import KEPT, put_back, same_bytes, set_aside, sweep, tidy


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
    found = tidy(kept, [])
    # Unlinked once the build's files are known: a build writing a file there makes a new one.
    assert not (site / "a" / "poster.pdf").exists()
    assert str(site / "a" / "poster.pdf") not in found
    (site / "a" / "poster.pdf").write_bytes(b"%PDF other")
    assert cached.read_bytes() == b"%PDF cached"


def test_a_pdf_linked_again_keeps_its_link(tmp_path: Path) -> None:
    site = _site(tmp_path)
    cached = tmp_path / "cache.pdf"
    cached.write_bytes(b"%PDF cached")
    poster, other = site / "a" / "poster.pdf", site / "a" / "other.pdf"
    os.link(cached, poster)
    os.link(cached, other)
    kept = set_aside(site)
    assert kept is not None
    put_back(kept)
    # The build links a cached file at poster.pdf again (only ever by a rename): its link stays;
    # other.pdf is not linked again, so it goes.
    found = tidy(kept, [str(poster)])
    assert os.path.samefile(poster, cached) and not other.exists()
    assert sorted(found) == sorted(
        str(site / p) for p in ("a/b/page.html", "a/old.html", "a/poster.pdf", "top.html")
    )
    assert sweep(kept, [str(poster)], found) == 3
    assert os.path.samefile(poster, cached)


def test_tidy_removes_dead_writers_temp_files(tmp_path: Path) -> None:
    site = _site(tmp_path)
    dead = site / "a" / ".page.html.pid999999999.abc.tmp"
    dead.write_text("half", encoding="utf-8")
    hidden_dead = site / ".hidden-dir" / ".x.pid999999999.abc.tmp"
    hidden_dead.parent.mkdir()
    hidden_dead.write_text("half", encoding="utf-8")
    live = site / "a" / f".page.html.pid{os.getpid()}.abc.tmp"
    live.write_text("being written", encoding="utf-8")
    kept = set_aside(site)
    assert kept is not None
    put_back(kept)
    found = tidy(kept, [])
    assert not dead.exists() and not hidden_dead.exists() and live.exists()
    assert str(dead) not in found and str(hidden_dead) not in found


def test_sweep_from_the_files_found_before_the_build(tmp_path: Path) -> None:
    site = _site(tmp_path)
    kept = set_aside(site)
    assert kept is not None
    put_back(kept)
    found = tidy(kept, [])
    (site / "a" / "b" / "page.html").write_text("new", encoding="utf-8")
    (site / "made.html").write_text("made by this build", encoding="utf-8")
    assert sweep(kept, [str(site / "top.html")], found) == 1
    assert not (site / "a" / "old.html").exists()
    assert (site / "made.html").is_file() and (site / "a" / "b" / "page.html").is_file()


def test_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "f.svg"
    path.write_bytes(b"<svg/>")
    assert same_bytes(path, b"<svg/>")
    assert not same_bytes(path, b"<svg />") and not same_bytes(tmp_path / "none", b"")


def test_nothing_to_set_aside(tmp_path: Path) -> None:
    assert set_aside(tmp_path / "none") is None
    (tmp_path / "empty").mkdir()
    assert set_aside(tmp_path / "empty") is None
