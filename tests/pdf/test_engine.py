"""The print engine takes jobs of any registered kind: one failing document never stops the others."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exercise_guide.content import Library
from exercise_guide.errors import BuildError
from exercise_guide.handouts.kinds import HANDOUT, ROUTINE_SHEET
from exercise_guide.pdf import KINDS, Kind, PdfBuild, Plan, RenderJob, register, render_private
from exercise_guide.pdf.pool import run_jobs
from tests.pdf.readers import pdf_text
from tests.support import SHIPPED


def test_every_kind_of_document_is_registered_with_the_engine() -> None:
    assert {"poster", "desk-poster", "booklet-front", "booklet-section", "booklet-index"} <= set(
        KINDS
    )
    assert KINDS["routine-sheet"] is ROUTINE_SHEET and not ROUTINE_SHEET.private
    assert KINDS["handout"] is HANDOUT and HANDOUT.private  # in-process, never cached
    with pytest.raises(ValueError, match="already registered"):
        register("poster", "somewhere.else:make")


@pytest.fixture
def probe() -> Iterator[Kind]:
    """A test-only document kind, unregistered again so no later test in the process sees it."""
    yield register("probe", "tests.pdf.kind_probe:make")
    del KINDS["probe"]


def test_one_failing_document_does_not_stop_the_others(
    shipped: Library, tmp_path: Path, probe: Kind
) -> None:
    build = PdfBuild(
        shipped, templates=SHIPPED, cache_dir=tmp_path / "cache", jobs=2, show_progress=False
    )
    source = shipped.source("routine", "upper-back-loosening")
    names = ("a.pdf", "bad.pdf", "c.pdf")
    plans = [Plan(name, source, f"probe:{name}", ()) for name in names]
    jobs = {name: RenderJob(name, build.setup(), kind=probe) for name in names}
    done = build.run(plans, jobs)
    assert sorted(done) == ["a.pdf", "c.pdf"]
    assert "c.pdf" in pdf_text(done["c.pdf"].path)
    [problem] = build.problems
    assert problem.path.endswith("content/routines/upper-back-loosening.yml")
    assert "ValueError: broken on purpose" in problem.message
    # The two that rendered are cached; the broken one is tried again next time.
    again = PdfBuild(
        shipped, templates=SHIPPED, cache_dir=tmp_path / "cache", jobs=2, show_progress=False
    )
    assert sorted(again.run(plans, jobs)) == ["a.pdf", "c.pdf"]
    assert again.report.cached == 2 and len(again.problems) == 1


def test_a_private_kind_only_renders_in_process_and_a_cached_kind_never_does(
    shipped: Library,
) -> None:
    build = PdfBuild(shipped, templates=SHIPPED, cache_dir=Path("/nonexistent"))
    with pytest.raises(ValueError, match="not a private kind"):
        render_private(RenderJob("sheet.pdf", build.setup(), kind=ROUTINE_SHEET))
    with pytest.raises(BuildError, match=r"x\.pdf: .*Error"):
        # A handout job without its payload fails with its name, not a traceback.
        render_private(RenderJob("x.pdf", build.setup(), kind=HANDOUT))


def test_render_workers_collect_young_objects_less_often(shipped: Library, tmp_path: Path) -> None:
    # A worker lays out document after document: what it loaded at its start is frozen, and
    # its young objects are collected less often than Python's defaults have them (pool.py).
    kind = register("collector-probe", "tests.pdf.kind_probe:collector_state")
    try:
        build = PdfBuild(shipped, templates=SHIPPED, cache_dir=tmp_path / "cache")
        job = RenderJob("state.pdf", build.setup(), kind=kind)
        [result] = run_jobs([job], workers=1)
    finally:
        del KINDS["collector-probe"]
    assert result.error is None and result.pdf is not None
    (tmp_path / "state.pdf").write_bytes(result.pdf)
    words = pdf_text(tmp_path / "state.pdf").split()
    threshold = int(words[words.index("threshold") + 1])
    frozen = int(words[words.index("frozen") + 1])
    assert threshold >= 5 * 700 and frozen > 10_000, words  # 700: Python's default


def test_a_worker_hands_back_memory_after_a_document_of_several_pages(
    shipped: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A routine sheet laid out before the posters left its worker 20 MB larger for the rest of
    # the build; a one-page poster is left alone (trimming after each would cost every poster).
    from exercise_guide.handouts.sheets import routine_sheet_batch
    from exercise_guide.pdf import pool

    trimmed: list[str] = []
    monkeypatch.setattr(pool, "return_freed_memory", lambda: trimmed.append("trim"))
    build = PdfBuild(shipped, templates=SHIPPED, cache_dir=tmp_path / "cache")
    batch = routine_sheet_batch(build)
    sheet = pool._render(batch.jobs[batch.plans[0].name])
    assert sheet.error is None and sheet.pages > 1
    assert trimmed == ["trim"]
    exercise = next(iter(shipped.exercises.values()))
    poster = pool._render(RenderJob(f"{exercise.id}.pdf", build.setup(), (exercise,)))
    assert poster.error is None and poster.pages == 1
    assert trimmed == ["trim"]
