"""Random whole libraries, valid and not, through check, pages and a poster: content errors only."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise_guide.content import load_library
from exercise_guide.errors import ContentError
from exercise_guide.pages import site_content
from exercise_guide.printing import build_pdfs
from exercise_guide.validate import library_problems
from tests.support import CONTENT, SHIPPED

WORDS = st.sampled_from(
    ["Stand tall.", "<script>alert(1)</script>", "[x](javascript:alert(1))", "**bold**", "Café",
     "مرحبا", "中文", "😀", "&amp;", "{{ 7*7 }}", "{% raw %}", "# heading", "<img src=x onerror=1>",
     "| a | b |", "\\", "`code`", "..", "---"]
)  # fmt: skip
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), min_size=0, max_size=6).map(" ".join)
IDS = st.sampled_from(["ex-a", "ex-b", "missing", "Bad Id"])
STEP = st.fixed_dictionaries(
    {"text": st.tuples(st.just("Step:"), TEXT).map(" ".join)},
    optional={
        "breath": st.sampled_from(
            ["in-nose", "out-mouth", "normal", "nose", "in", "out", "inhale"]
        ),
        "pose": st.sampled_from(["stand", "arms-relaxed", "hands-on-lower-back", "no-such-pose"]),
        "view": st.sampled_from(["front", "side", "back", "three-quarter", "front", "side", "top"]),
        "motion": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(
                        ["arc", "circle", "flap", "line", "arc", "circle", "spin"]
                    ),
                    "joint": st.sampled_from(
                        ["elbow", "shoulder", "head", "knee", "wrist", "elbow", "tail"]
                    ),
                }
            ),
            max_size=2,
        ),
        "mirror": st.booleans(),
    },
)
SAFE_TEXT = st.tuples(st.sampled_from(["Stop if you feel any pain.", "Go gently."]), TEXT).map(
    " ".join
)
EXERCISE = st.fixed_dictionaries(
    # Mostly valid, so most libraries get as far as pages and a poster; some are not.
    {
        "title": SAFE_TEXT,
        "summary": SAFE_TEXT,
        "steps": st.lists(STEP, min_size=1, max_size=4),
        "body_areas": st.lists(
            st.sampled_from(["upper-back", "neck", "upper-back", "Not An Area"]),
            min_size=1,
            max_size=2,
        ),
        "safety": st.lists(SAFE_TEXT, min_size=1, max_size=2),
    },
    optional={
        "benefits": st.lists(TEXT, max_size=2),
        "tips": st.lists(TEXT, max_size=2),
        "keywords": st.lists(TEXT, max_size=3),
        "related": st.lists(st.sampled_from(["ex-a", "ex-b", "missing"]), max_size=1),
        "dose": st.fixed_dictionaries({}, optional={"reps": st.one_of(TEXT, st.integers())}),
        "review": st.sampled_from(["needed", "needed", "done"]),
    },
)
ROUTINE = st.fixed_dictionaries(
    {
        "title": TEXT,
        "purpose": TEXT,
        "exercises": st.lists(st.fixed_dictionaries({"exercise": IDS}), max_size=3),
    }
)


def _write_library(
    folder: Path, exercises: list[dict[str, Any]], routine: dict[str, Any] | None
) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(
        CONTENT, folder, ignore=shutil.ignore_patterns("exercises", "routines", "pages")
    )
    (folder / "exercises").mkdir()
    (folder / "routines").mkdir()
    for name, data in zip(["ex-a", "ex-b"], exercises, strict=False):
        (folder / "exercises" / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    if routine is not None:
        (folder / "routines" / "r.yml").write_text(yaml.safe_dump(routine, allow_unicode=True))


_WORK = Path(tempfile.mkdtemp(prefix="library-fuzz-"))
OUTCOMES = {"poster": 0, "content error": 0}


# derandomize: the run is the same every time, so the outcome counts below cannot flake.
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(EXERCISE, min_size=1, max_size=2), st.one_of(st.none(), ROUTINE))
def fuzz_libraries(exercises: list[dict[str, Any]], routine: dict[str, Any] | None) -> None:
    content = _WORK / "content"
    _write_library(content, exercises, routine)
    try:
        library = load_library(content)
        problems = library_problems(library)
        if problems:
            raise ContentError(problems)
        pages = site_content(library, SHIPPED).pages
        assert any(path.startswith("exercises/") for path in pages)
        report = build_pdfs(
            library,
            cache_dir=_WORK / "cache",
            out_dir=_WORK / "out",
            templates=SHIPPED,
            jobs=1,
            booklet=False,
            routines=False,
            show_progress=False,
        )
        assert any(name.endswith(".pdf") for name in report.files)
        OUTCOMES["poster"] += 1
    except ContentError as exc:
        OUTCOMES["content error"] += 1
        for problem in exc.problems:
            assert problem.path and problem.line >= 1 and problem.field and problem.message


def test_random_libraries_give_content_errors_or_outputs() -> None:
    """Only content errors, never a crash; and the run saw both outcomes, or it proved little."""
    OUTCOMES.update({"poster": 0, "content error": 0})
    fuzz_libraries()
    assert OUTCOMES["poster"] >= 3 and OUTCOMES["content error"] >= 3, OUTCOMES
