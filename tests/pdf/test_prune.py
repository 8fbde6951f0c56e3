"""A full build drops the PDF and figure cache entries it did not use; nothing else does."""

from __future__ import annotations

from pathlib import Path

from exercise_guide.cacheuse import CacheUse
from exercise_guide.content import Library
from exercise_guide.figures.cache import FigureCache
from tests.pdf.conftest import build, only, with_exercise


def _entries(cache: Path) -> set[str]:
    return {p.name for p in (cache / "objects").rglob("*") if p.is_file()}


def test_a_full_build_drops_the_pdfs_it_did_not_use(shipped: Library, tmp_path: Path) -> None:
    library = only(shipped, "shoulder-rolling")
    first = build(library, tmp_path, routines=True)
    cache = tmp_path / "cache"
    before = _entries(cache)
    poster = first.files["shoulder-rolling.pdf"].read_bytes()
    edited = with_exercise(library, "shoulder-rolling", summary="Roll your shoulders gently.")
    # Posters only: not a full build, so the old entries stay for the next full one.
    partial = build(edited, tmp_path, routines=True, booklet=False)
    assert partial.pruned == 0 and before <= _entries(cache)
    second = build(edited, tmp_path, routines=True)
    assert second.pruned and second.pruned > 0
    after = _entries(cache)
    assert not any(name.startswith(old.split(".")[0]) for old in before - after for name in after)
    assert all(path.is_file() for path in second.files.values())
    # What the edited build used is all that is left: a third build renders nothing.
    third = build(edited, tmp_path, routines=True)
    assert third.rendered == 0 and third.pruned == 0 and _entries(cache) == after
    assert (tmp_path / "out" / "shoulder-rolling.pdf").read_bytes() != poster


def test_nothing_is_pruned_while_another_build_holds_the_cache(
    shipped: Library, tmp_path: Path
) -> None:
    library = only(shipped, "shoulder-rolling")
    build(library, tmp_path, routines=True)
    before = _entries(tmp_path / "cache")
    other = CacheUse(tmp_path / "cache")  # a second build, running beside this one
    try:
        edited = with_exercise(library, "shoulder-rolling", summary="Roll your shoulders gently.")
        report = build(edited, tmp_path, routines=True)
    finally:
        other.close()
    assert report.pruned is None
    assert before <= _entries(tmp_path / "cache")


def test_the_figure_cache_drops_the_exercises_a_build_did_not_draw(
    shipped: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "figures"
    first = FigureCache(folder)
    for exercise in shipped.exercises.values():
        first.render_steps(shipped, exercise)
    assert len(list(folder.rglob("*.json"))) == len(shipped.exercises)
    second = FigureCache(folder)
    kept = shipped.exercises["elbow-flapping"]
    second.render_steps(shipped, kept)
    use = CacheUse(folder)
    try:
        assert second.prune(use) == len(shipped.exercises) - 1
    finally:
        use.close()
    [left] = folder.rglob("*.json")
    assert left.stem == second.key(shipped, kept, breath=True)
