"""What a build with nothing changed reuses (issue 16), and that a change to any input is built anew.

A no-change `mkdocs build` takes the content files from the content memo (`.cache/content`), the
site content (Markdown pages, figures, files) from the site content memo
(`.cache/site/content.bin`) and compiled theme templates from `.cache/jinja`. Each test changes one kind of input after a build with the real
`mkdocs build --strict` and checks that the site shows the change. The unit tests below plant a
stale entry under the right key first, to show that the memo is really read (so each test can
fail), then change one input and check the stale entry is no longer used.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from exercise_guide import content_memo
from exercise_guide.content import _LOADED, load_library
from exercise_guide.figures.cache import FigureCache
from exercise_guide.pages import SiteContent, site_content
from exercise_guide.pages import memo as pages_memo
from exercise_guide.pages.paths import exercise_page
from exercise_guide.printing import site_pdf_names
from exercise_guide.site import ExerciseGuidePlugin
from exercise_guide.site_meta import EMPTY, FrontMatters
from exercise_guide.template_folders import templates_for
from tests.site.support import copy_project, mkdocs_build, own_template

EXERCISE = "shoulder-rolling"
PAGE = f"exercises/{EXERCISE}/index.html"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit_exercise(project: Path) -> tuple[str, str]:
    _replace(
        project / "content/exercises" / f"{EXERCISE}.yml",
        "summary: >-\n",
        "summary: >-\n  Freshly edited.\n",
    )
    return PAGE, "Freshly edited."


def _edit_guide(project: Path) -> tuple[str, str]:
    _replace(
        project / "content/guide.yml", "This guide does not replace", "This guide never replaces"
    )
    return PAGE, "This guide never replaces"


def _edit_mkdocs_yml(project: Path) -> tuple[str, str]:
    # Material's footer credit shows once the generator is no longer turned off.
    _replace(project / "mkdocs.yml", "  generator: false\n", "  generator: true\n")
    return PAGE, "Material for MkDocs"


def _edit_page_template(project: Path) -> tuple[str, str]:
    template = own_template(project, "site/exercise.md.j2")
    template.write_text(
        template.read_text(encoding="utf-8") + "\nA line the guide added to its template.\n",
        encoding="utf-8",
    )
    return PAGE, "A line the guide added to its template."


def _edit_theme_template(project: Path) -> tuple[str, str]:
    template = own_template(project, "overrides/main.html")
    template.write_text(
        template.read_text(encoding="utf-8") + "\n{# The guide's own override. #}\n"
        "{% block footer %}{{ super() }}<p>Our own footer line.</p>{% endblock %}\n",
        encoding="utf-8",
    )
    return PAGE, "Our own footer line."


def _add_to_nav(project: Path) -> tuple[str, str]:
    # A new exercise: a new page, and a new entry in the navigation of the pages beside it.
    folder = project / "content/exercises"
    text = (folder / "elbow-flapping.yml").read_text(encoding="utf-8")
    new = text.replace("title: Elbow Flapping", "title: Wing Beats", 1)
    assert new != text
    (folder / "wing-beats.yml").write_text(new, encoding="utf-8")
    # The menu is pruned to the page's own section: a page of the same body area lists it.
    return "exercises/elbow-flapping/index.html", "Wing Beats"


CHANGES = {
    "an exercise": _edit_exercise,
    "guide.yml": _edit_guide,
    "mkdocs.yml": _edit_mkdocs_yml,
    "a page template": _edit_page_template,
    "a theme template": _edit_theme_template,
    "the navigation": _add_to_nav,
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_a_changed_input_is_built_anew_after_a_no_change_build(kind: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    site = tmp_path / "site"
    for _ in range(2):  # the second build is the no-change one, served from the memos
        result = mkdocs_build(project, site)
        assert result.returncode == 0, result.stderr
    memo = project / ".cache/site" / pages_memo.MEMO_FILE
    assert (project / ".cache/content/loaded.pickle").is_file() and memo.is_file()
    assert any((project / ".cache/jinja").rglob("*.cache"))
    page, shown = CHANGES[kind](project)
    assert shown not in (site / page).read_text(encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert shown in (site / page).read_text(encoding="utf-8")


def test_a_no_change_build_leaves_the_memos_alone(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    saved = [
        project / ".cache/site" / pages_memo.MEMO_FILE,
        project / ".cache/content/loaded.pickle",
    ]
    before = [p.stat().st_mtime_ns for p in saved]
    assert mkdocs_build(project, site).returncode == 0
    assert [p.stat().st_mtime_ns for p in saved] == before


def test_a_no_change_build_leaves_every_page_in_site_alone(tmp_path: Path) -> None:
    # Writing over 886 unchanged pages in place was a third of a no-change build at 873 on a
    # busy disk: a page whose file already holds its bytes is not written (nor said skipped).
    project = copy_project(tmp_path / "project", pdfs=False)
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    pages = sorted(site.rglob("index.html"))
    written = {page: page.stat().st_mtime_ns for page in pages}
    made = {page: page.read_bytes() for page in pages}
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "Page skipped" not in result.stderr
    assert {page: page.stat().st_mtime_ns for page in pages} == written
    page, shown = _edit_exercise(project)
    assert mkdocs_build(project, site).returncode == 0
    assert shown in (site / page).read_text(encoding="utf-8")
    rewritten = {p for p in pages if p.stat().st_mtime_ns != written[p]}
    assert site / page in rewritten and len(rewritten) < len(pages)
    # The pages left alone are what the build made of them: the same as a build from nothing.
    cold = tmp_path / "cold"
    shutil.rmtree(project / ".cache")
    assert mkdocs_build(project, cold).returncode == 0
    for page in pages:
        assert page.read_bytes() == (cold / page.relative_to(site)).read_bytes(), page
    assert made[site / PAGE] != (site / PAGE).read_bytes()


# -- the site content memo ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", pdfs=False)


STALE = pages_memo.KeptContent({"index.md": "stale"}, {"figures/stale.svg": b"<svg/>"}, {}, [], 0)


def _inputs(project: Path) -> dict[str, Any]:
    return {
        "library": load_library(project / "content"),
        "templates": templates_for(project),
        "pdfs": ("pdf/guide.pdf",),
    }


def _plant_stale(folder: Path, inputs: dict[str, Any]) -> None:
    pages_memo.write_content(folder, pages_memo.content_key(**inputs), STALE)


def _made(folder: Path, inputs: dict[str, Any], cache: FigureCache | None = None) -> SiteContent:
    return site_content(inputs["library"], inputs["templates"], inputs["pdfs"], cache, folder)


def test_the_site_content_memo_is_used_while_every_input_is_the_same(
    project: Path, tmp_path: Path
) -> None:
    inputs = _inputs(project)
    content = site_content(inputs["library"], inputs["templates"], inputs["pdfs"])
    folder = tmp_path / "memo"
    assert _made(folder, inputs) == content  # a miss: made and stored
    assert (folder / pages_memo.MEMO_FILE).is_file()
    assert _made(folder, inputs) == content  # a hit: the same, paths and bytes alike
    _plant_stale(folder, inputs)
    assert _made(folder, inputs) == SiteContent(STALE.pages, STALE.files)


def test_a_hit_keeps_the_figures_it_was_drawn_from(project: Path, tmp_path: Path) -> None:
    # Else the figure cache would prune them after a no-change build, and the next edit
    # would draw every figure again.
    inputs = _inputs(project)
    folder = tmp_path / "memo"
    first = FigureCache(project / ".cache" / "figures")
    _made(folder, inputs, first)
    assert first.used and first.stats.drawn > 0
    again = FigureCache(project / ".cache" / "figures")
    _made(folder, inputs, again)
    assert again.used == first.used
    assert (again.stats.drawn, again.stats.cached) == (0, first.stats.drawn)


def _change(inputs: dict[str, Any], project: Path, what: str) -> dict[str, Any]:
    changed = dict(inputs)
    library = inputs["library"]
    if what == "exercise":
        _edit_exercise(project)
        changed["library"] = load_library(project / "content")
    elif what == "guide":
        guide = library.guide.model_copy(update={"disclaimer": "Another disclaimer."})
        changed["library"] = dataclasses.replace(library, guide=guide)
    elif what == "template":
        # The guide's own copy, made before the first build: only its words change.
        (project / "templates/site/area.md.j2").write_text("An area.\n", encoding="utf-8")
    elif what == "pdfs":
        changed["pdfs"] = ()
    elif what == "media":
        # An image the pages could show (and print the size of).
        (project / "content/media/new.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>', encoding="utf-8"
        )
    return changed


@pytest.mark.parametrize("what", ["exercise", "guide", "template", "pdfs", "media", "code"])
def test_the_site_content_memo_misses_when_any_input_changes(
    what: str, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own_template(project, "site/area.md.j2")
    inputs = _inputs(project)
    folder = tmp_path / "memo"
    _plant_stale(folder, inputs)
    assert _made(folder, inputs).pages == STALE.pages
    if what == "code":
        # Another release of the package (its own files hashed) or of Jinja: another key.
        monkeypatch.setattr(pages_memo, "_code", lambda: "other code")
    changed = _change(inputs, project, what)
    content = _made(folder, changed)
    assert content.pages != STALE.pages
    assert content == site_content(changed["library"], changed["templates"], changed["pdfs"])


# -- the content memo -------------------------------------------------------------------------


def _plant_stale_exercise(project: Path) -> None:
    """Put a stale title into the saved memo entry of an exercise, under the right bytes and code."""
    folder = project / ".cache/content"
    entries = content_memo.read_memo(folder, {})
    [memo_key] = [k for k in entries if k[0].endswith(f"{EXERCISE}.yml")]
    raw, model, source = entries[memo_key]
    entries[memo_key] = (raw, model.model_copy(update={"title": "Stale Title"}), source)
    content_memo.write_memo(folder, entries)
    _LOADED.clear()  # as in a new process: only the memo on disk is there


def test_the_content_memo_is_used_for_unchanged_files(project: Path) -> None:
    folder = project / ".cache/content"
    load_library(project / "content", folder)
    assert (folder / content_memo.MEMO_FILE).is_file()
    _plant_stale_exercise(project)
    library = load_library(project / "content", folder)
    assert library.exercises[EXERCISE].title == "Stale Title"
    _LOADED.clear()


@pytest.mark.parametrize("what", ["bytes", "code", "damaged"])
def test_the_content_memo_misses_when_the_file_or_the_code_changes(
    what: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = project / ".cache/content"
    load_library(project / "content", folder)
    _plant_stale_exercise(project)
    path = project / "content/exercises" / f"{EXERCISE}.yml"
    if what == "bytes":
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif what == "code":
        monkeypatch.setattr(content_memo, "memo_code", lambda: "other code")
    else:
        (folder / content_memo.MEMO_FILE).write_bytes(b"not a pickle")
    try:
        library = load_library(project / "content", folder)
        assert library.exercises[EXERCISE].title == "Shoulder Rolling"
    finally:
        _LOADED.clear()


def test_a_memo_folder_that_cannot_be_written_only_costs_time(
    project: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    library = load_library(project / "content", blocker / "content")
    assert EXERCISE in library.exercises
    _LOADED.clear()


# -- the generated pages' front matter --------------------------------------------------------


def test_generated_pages_reach_mkdocs_with_their_front_matter_parsed(
    project: Path, tmp_path: Path
) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    build(config)
    plugin = config.plugins["exercise-guide"]
    assert isinstance(plugin, ExerciseGuidePlugin) and plugin.files is not None
    pages = [f.page for f in plugin.files.documentation_pages() if f.page is not None]
    assert len(pages) > 10
    inputs = _inputs(project)
    made = site_content(inputs["library"], inputs["templates"], site_pdf_names(inputs["library"]))
    for page in pages:
        # A plain build lets go of each page's text once converted (site_files.release_markdown):
        # the text the build made is given back to it here.
        assert page.file.content_string == "", page.file.src_uri
        page.file.content_string = made.pages[page.file.src_uri]
        # What MkDocs itself makes of the page: the same Markdown and the same meta.
        markdown, meta = get_data(page.file.content_string)
        handed = plugin.front.source(page)
        assert handed is not None and handed.startswith(EMPTY), page.file.src_uri
        assert get_data(handed) == (markdown, {})
        page.meta = {}
        plugin.front.restore(page)
        assert page.meta == meta and meta.get("title"), page.file.src_uri


def test_a_page_made_anew_is_left_to_mkdocs(project: Path) -> None:
    # Serve's one-page rebuild gives an exercise page new text: its old front matter must not
    # stand in for the new one.
    inputs = _inputs(project)
    content = site_content(inputs["library"], inputs["templates"], inputs["pdfs"])
    path = exercise_page(EXERCISE)
    config = load_config(str(project / "mkdocs.yml"))
    front = FrontMatters(content.front)

    def page(text: str) -> Page:
        file = File(path, src_dir=None, dest_dir=str(project / "site"), use_directory_urls=True)
        file.content_string = text
        return Page(None, file, config)

    assert front.source(page(content.pages[path])) is not None
    new = content.pages[path].replace("title: ", "title: Renamed ", 1)
    assert front.source(page(new)) is None
