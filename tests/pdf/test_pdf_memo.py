"""The site build's PDF memo (pdf_memo.py): one key stands for every PDF while nothing changed.

A stale memo is planted under the right key first, to show that the memo is really read (so each
test can fail); then one input changes and the stale memo must no longer be used.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import shutil
from pathlib import Path

import pytest

from exercise_guide import pdf_memo
from exercise_guide.content import Library, load_library
from exercise_guide.model import Media
from exercise_guide.pdf import BOOKLET
from exercise_guide.pdf.cache import CachedPdf, PdfCache
from exercise_guide.printing import build_for_site
from exercise_guide.template_folders import templates_for
from tests.pdf.conftest import only
from tests.support import CONTENT

EXERCISE = "elbow-flapping"
POSTER = f"{EXERCISE}.pdf"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Path]:
    """One site PDF build (a poster and the booklet), its memo stored."""
    project = tmp_path_factory.mktemp("project")
    library = only(load_library(CONTENT), EXERCISE)
    build_for_site(library, project)
    assert (project / ".cache/pdf" / pdf_memo.MEMO_FILE).is_file()
    return library, project


def _plant_stale(project: Path, key: str) -> None:
    """A memo under this key that hands out the poster as the booklet (whole, but not it)."""
    memo = project / ".cache/pdf" / pdf_memo.MEMO_FILE
    _, outputs, objects = marshal.loads(memo.read_bytes())
    outputs = {**outputs, BOOKLET: outputs[POSTER]}
    memo.write_bytes(marshal.dumps((key, outputs, objects)))


def test_a_build_with_nothing_changed_takes_its_pdfs_from_the_memo(
    built: tuple[Library, Path],
) -> None:
    library, project = built
    first = build_for_site(library, project)
    assert first[f"pdf/{BOOKLET}"] != first[f"pdf/{POSTER}"]
    _plant_stale(project, pdf_memo.pdf_key(library, templates_for(project)))
    stale = build_for_site(library, project)
    assert stale[f"pdf/{BOOKLET}"] == first[f"pdf/{POSTER}"]
    _plant_stale(project, "another key")
    assert build_for_site(library, project) == first  # a miss: planned again, from the cache


def _changed(library: Library, project: Path, what: str) -> tuple[Library, Path]:
    exercise = library.exercises[EXERCISE]
    if what == "exercise":
        edited = exercise.model_copy(update={"summary": "Freshly edited."})
        return dataclasses.replace(library, exercises={EXERCISE: edited}), project
    if what == "guide":
        guide = library.guide.model_copy(update={"disclaimer": "Another disclaimer."})
        return dataclasses.replace(library, guide=guide), project
    if what == "routine":
        routines = load_library(CONTENT).routines
        return dataclasses.replace(library, routines=routines), project
    if what == "print template":
        sheet = project / "templates" / "print" / "poster.css"
        sheet.parent.mkdir(parents=True, exist_ok=True)
        sheet.write_text("/* the guide's own poster style */\n", encoding="utf-8")
        return library, project
    raise AssertionError(what)


@pytest.mark.parametrize("what", ["exercise", "guide", "routine", "print template", "code"])
def test_the_pdf_memo_misses_when_any_input_changes(
    what: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = only(load_library(CONTENT), EXERCISE)
    project = tmp_path / "project"
    project.mkdir()
    key = pdf_memo.pdf_key(library, templates_for(project))
    if what == "code":
        # Another release of the package, its fonts or print templates: another code digest.
        monkeypatch.setattr(pdf_memo, "code_digest", lambda templates: "other code")
        assert pdf_memo.pdf_key(library, templates_for(project)) != key
        return
    changed, project = _changed(library, project, what)
    assert pdf_memo.pdf_key(changed, templates_for(project)) != key


def test_the_pdf_memo_misses_when_a_picture_changes(tmp_path: Path) -> None:
    # A step's own picture: the same name, other bytes (its size and time may well be the same).
    library = only(load_library(CONTENT), EXERCISE)
    picture = tmp_path / "media" / "step.svg"
    picture.parent.mkdir()
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4"/>', encoding="utf-8")
    exercise = library.exercises[EXERCISE]
    steps = list(exercise.steps)
    steps[0] = steps[0].model_copy(
        update={
            "illustration": Media(file="step.svg", licence="CC0", attribution="Us", alt="A step.")
        }
    )
    pictured = dataclasses.replace(
        library,
        root=tmp_path,
        exercises={EXERCISE: exercise.model_copy(update={"steps": steps})},
    )
    templates = templates_for(tmp_path)
    key = pdf_memo.pdf_key(pictured, templates)
    assert pdf_memo.pdf_key(pictured, templates) == key
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="5"/>', encoding="utf-8")
    assert pdf_memo.pdf_key(pictured, templates) != key


def test_a_damaged_pdf_is_a_miss_and_made_again(built: tuple[Library, Path]) -> None:
    library, project = built
    made = build_for_site(library, project)
    poster = made[f"pdf/{POSTER}"]
    good = poster.read_bytes()
    # Same size, other bytes (a disk fault): found by the hash recorded with it.
    damaged = bytearray(good)
    damaged[len(damaged) // 2 : len(damaged) // 2 + 200] = bytes(200)
    poster.write_bytes(bytes(damaged))
    again = build_for_site(library, project)
    assert again[f"pdf/{POSTER}"].read_bytes() == good


def test_a_checked_pdf_is_taken_by_its_stamps_until_its_file_changes(
    built: tuple[Library, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, source = built
    project = tmp_path / "project"
    shutil.copytree(source, project)
    build_for_site(library, project)  # the memo under this project's key
    # Every file counts as settled, however recently written (the build just wrote them).
    monkeypatch.setattr(pdf_memo, "_SETTLED_NS", -60 * 10**9)
    key = pdf_memo.pdf_key(library, templates_for(project))
    cache_dir = project / ".cache/pdf"
    first = pdf_memo.read_pdfs(PdfCache(cache_dir), key)
    assert first is not None and (cache_dir / pdf_memo.STAMPS_FILE).is_file()
    reads: list[str] = []
    real_get = PdfCache.get

    def counted(self: PdfCache, object_key: str) -> CachedPdf | None:
        reads.append(object_key)
        return real_get(self, object_key)

    monkeypatch.setattr(PdfCache, "get", counted)
    assert pdf_memo.read_pdfs(PdfCache(cache_dir), key) == first
    assert reads == []  # every entry taken by its stamps, none read
    # A poster damaged in place, its size and modification time as they were: read, and a miss.
    poster = first[POSTER].path
    info = os.stat(poster)
    data = bytearray(poster.read_bytes())
    data[len(data) // 2] ^= 0xFF
    poster.write_bytes(bytes(data))
    os.utime(poster, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert pdf_memo.read_pdfs(PdfCache(cache_dir), key) is None
    assert reads == [first[POSTER].key]
