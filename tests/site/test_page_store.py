"""site_store: its memo (under serve, an entry read by an earlier rebuild is not read again), its
keys, and the theme HTML kept apart from the entry, read only when a build needs it."""

from __future__ import annotations

import marshal
from pathlib import Path

from exercise_guide.site_store import SUFFIX, THEME_SUFFIX, EntryMemo, PageStore, key

CONVERSION = {"content": "<p>x</p>", "toc": [], "title": None, "anchors": [], "links": {}}


def _store_one(folder: Path, memo: EntryMemo, content: str) -> None:
    store = PageStore(folder, memo)
    store.open("a.md", "k-" + content)
    store.converted("a.md", {**CONVERSION, "content": content})
    store.rendered("a.md", "<html></html>")


def test_an_unchanged_entry_comes_from_the_memo(tmp_path: Path) -> None:
    memo: EntryMemo = {}
    _store_one(tmp_path, memo, "<p>first</p>")
    first = PageStore(tmp_path, memo)
    assert first.open("a.md", "k-<p>first</p>") is not None
    assert first.stats.memo_hits == 0 and len(memo) == 1
    again = PageStore(tmp_path, memo)
    stored = again.open("a.md", "k-<p>first</p>")
    assert stored is not None and stored["content"] == "<p>first</p>"
    assert again.stats.memo_hits == 1
    # Stored anew (another file in its place): read from disk, not the memo.
    _store_one(tmp_path, memo, "<p>second, longer</p>")
    changed = PageStore(tmp_path, memo)
    stored = changed.open("a.md", "k-<p>second, longer</p>")
    assert stored is not None and stored["content"] == "<p>second, longer</p>"
    assert changed.stats.memo_hits == 0


def test_without_a_memo_every_build_reads_the_disk(tmp_path: Path) -> None:
    _store_one(tmp_path, {}, "<p>first</p>")
    for _ in range(2):
        store = PageStore(tmp_path)
        assert store.open("a.md", "k-<p>first</p>") is not None
        assert store.stats.memo_hits == 0


def test_a_key_tells_apart_parts_that_run_together() -> None:
    # Texts are hashed as their bytes, not as JSON: each part's kind and length keep them apart.
    assert key("ab", "c") != key("a", "bc")
    assert key("null") != key(None) and key("1") != key(1) and key("[]") != key([])
    assert key("a", ["b"]) != key("a", "b") and key("é") == key("é")
    assert key(["a", "b"]) != key("a", "b")


def _render(folder: Path, html: str, *, as_is: bool = False) -> PageStore:
    """One build of page a.md under template key "t", its conversion unchanged after the first."""
    store = PageStore(folder)
    if store.open("a.md", "k") is None:
        store.converted("a.md", CONVERSION)
    else:
        store.reused("a.md", CONVERSION)
    if as_is:
        assert store.has_html("a.md", "t")
        store.as_is("a.md", "t")
    else:
        store.html("a.md", "t")
    store.rendered("a.md", "" if as_is else html)
    return store


def test_the_theme_html_is_kept_apart_from_the_entry(tmp_path: Path) -> None:
    _render(tmp_path, "<html>the page</html>")
    (entry,) = tmp_path.glob(f"pages/*/*{SUFFIX}")
    (theme,) = tmp_path.glob(f"pages/*/*{THEME_SUFFIX}")
    assert "the page" not in repr(marshal.loads(entry.read_bytes()))
    assert "the page" in repr(marshal.loads(theme.read_bytes()))
    store = PageStore(tmp_path)
    assert store.open("a.md", "k") is not None
    assert store.has_html("a.md", "t") and not store.has_html("a.md", "other")
    assert store.html("a.md", "t") == "<html>the page</html>"


def test_a_page_left_as_is_keeps_its_stored_html(tmp_path: Path) -> None:
    _render(tmp_path, "<html>the page</html>")
    (theme,) = tmp_path.glob(f"pages/*/*{THEME_SUFFIX}")
    written = theme.stat().st_mtime_ns
    # Its HTML neither read nor replaced by the empty output MkDocs was handed.
    store = _render(tmp_path, "", as_is=True)
    assert store.stats.rendered == [] and store.stats.rendered_cached == 1
    assert theme.stat().st_mtime_ns == written
    again = PageStore(tmp_path)
    again.open("a.md", "k")
    assert again.html("a.md", "t") == "<html>the page</html>"


def test_damaged_theme_html_is_a_miss(tmp_path: Path) -> None:
    _render(tmp_path, "<html>the page</html>")
    (theme,) = tmp_path.glob(f"pages/*/*{THEME_SUFFIX}")
    for damage in (b"", b"not marshal", marshal.dumps(("other format", "a.md", "t", "x"))):
        theme.write_bytes(damage)
        store = PageStore(tmp_path)
        store.open("a.md", "k")
        assert store.html("a.md", "t") is None
