"""The template search order: a guide's own folder first, file by file, then the packaged one."""

from __future__ import annotations

from pathlib import Path

from exercise_guide.template_folders import PACKAGED, templates_for
from tests.support import REPO


def test_the_repository_templates_folder_is_the_packaged_one() -> None:
    # A designer edits templates/ at the top; it must be the very files the wheel ships, not a copy.
    assert (REPO / "templates").resolve() == PACKAGED
    assert templates_for(REPO).folders == (PACKAGED,)


def test_a_guide_s_own_file_comes_before_the_packaged_one(tmp_path: Path) -> None:
    own = tmp_path / "templates" / "print"
    own.mkdir(parents=True)
    (own / "poster.html").write_text("<p>mine</p>", encoding="utf-8")
    search = templates_for(tmp_path).sub("print")
    assert search.find("poster.html") == own.resolve() / "poster.html"
    assert search.find("booklet.css").parent == PACKAGED / "print"
