"""site_store's memo: under serve, an entry read by an earlier rebuild is not read again."""

from __future__ import annotations

from pathlib import Path

from exercise_guide.site_store import EntryMemo, PageStore, key

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
