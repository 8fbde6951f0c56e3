"""An exercise page's animation SVG is kept out of Markdown's and the search index's HTML parsing,
and put back whole into the written page (site_inline.py): the site is the same, byte for byte.

Observed from inside real `mkdocs build --strict` runs by MkDocs hooks (mkdocs.yml's `hooks:`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.structure.pages import _HTMLHandler

from exercise_guide.content import Library, load_library
from exercise_guide.figures.animate import render_animation
from exercise_guide.pages import site_content
from exercise_guide.site_inline import LostPlaceholder, anchor_ids, cut_animations, svgs_back
from tests.site.support import copy_project, mkdocs_build, own_template
from tests.support import CONTENT, SHIPPED

# What each exercise page looks like to Markdown, to the search index and to the theme.
OBSERVE = """
import json
from pathlib import Path

from mkdocs.plugins import event_priority

_seen = {}


def _note(page, name, text):
    if page.file.src_uri.startswith("exercises/"):
        _seen.setdefault(page.file.src_uri, {})[name] = "<svg" in text


# Last: what Markdown converts, after every plugin has had the page.
@event_priority(-1000)
def on_page_markdown(markdown, page, config, files):
    _note(page, "markdown", markdown)
    return markdown


@event_priority(-1000)
def on_page_content(html, page, config, files):
    _note(page, "converted", html)
    return html


# Before Material's search (0): the HTML its index parses.
@event_priority(1)
def on_page_context(context, page, config, nav):
    _note(page, "searched", page.content)
    _seen.setdefault(page.file.src_uri, {})["anchors"] = sorted(page.present_anchor_ids or ())
    return context


def on_post_build(config):
    Path(config.config_file_path).with_name("observed.json").write_text(json.dumps(_seen))
"""

# Undoes the cut: each page's SVG goes back into its Markdown before the page cache's key and
# Markdown see it, as before site_inline.py (the plugin then has nothing to put back).
INLINE_AGAIN = """
from mkdocs.plugins import event_priority


@event_priority(80)
def on_page_markdown(markdown, page, config, files):
    plugin = config.plugins["exercise-guide"]
    for placeholder, svg in plugin.cut.pop(page.file.src_uri, {}).items():
        markdown = markdown.replace(placeholder, svg)
    return markdown
"""

EDITED = "shoulder-rolling"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT)


def _with_hooks(project: Path, hooks: dict[str, str]) -> Path:
    for name, code in hooks.items():
        (project / name).write_text(code, encoding="utf-8")
    config = project / "mkdocs.yml"
    listed = "".join(f"  - {name}\n" for name in hooks)
    config.write_text(config.read_text(encoding="utf-8") + f"\nhooks:\n{listed}", "utf-8")
    return project


def _build(project: Path, site: Path) -> dict[str, dict[str, object]]:
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    observed = project / "observed.json"
    return json.loads(observed.read_text()) if observed.is_file() else {}


def _exercises(seen: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    return {src_uri: page for src_uri, page in seen.items() if src_uri.startswith("exercises/")}


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_markdown_and_search_never_parse_the_animation_the_written_page_carries_it(
    library: Library, tmp_path: Path
) -> None:
    project = _with_hooks(copy_project(tmp_path / "project", pdfs=False), {"see.py": OBSERVE})
    seen = _build(project, tmp_path / "site")
    exercises = _exercises(seen)
    assert sorted(exercises) == sorted(f"exercises/{e}.md" for e in library.exercises)
    for src_uri, page in exercises.items():
        assert page["markdown"] is False, f"{src_uri}: Markdown converted the animation"
        assert page["converted"] is False, src_uri
        assert page["searched"] is False, f"{src_uri}: the search index parsed the animation"
    for exercise in library.exercises.values():
        animation = render_animation(library, exercise)
        assert animation is not None
        html = (tmp_path / "site" / "exercises" / exercise.id / "index.html").read_text("utf-8")
        assert html.count(animation.svg) == 1
        # Its ids still count as the page's anchors (MkDocs checks links to them).
        anchors = seen[f"exercises/{exercise.id}.md"]["anchors"]
        assert isinstance(anchors, list) and animation.id in anchors


def test_the_site_is_byte_identical_to_converting_the_animation_inline(tmp_path: Path) -> None:
    cut = _with_hooks(copy_project(tmp_path / "cut", pdfs=False), {"see.py": OBSERVE})
    inline = _with_hooks(
        copy_project(tmp_path / "inline", pdfs=False),
        {"inline_again.py": INLINE_AGAIN, "see.py": OBSERVE},
    )
    seen_cut = _build(cut, tmp_path / "site-cut")
    seen_inline = _build(inline, tmp_path / "site-inline")
    # The hooks work: Markdown got the SVG in one build, not in the other.
    assert all(page["markdown"] for page in _exercises(seen_inline).values())
    assert not any(page["markdown"] for page in _exercises(seen_cut).values())
    a, b = _tree(tmp_path / "site-cut"), _tree(tmp_path / "site-inline")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert "search/search_index.json" in a
    # The same anchors, for MkDocs' check of links to them.
    assert {k: v["anchors"] for k, v in seen_cut.items()} == {
        k: v["anchors"] for k, v in seen_inline.items()
    }


def test_an_edit_that_changes_only_the_animation_reaches_a_warm_build(tmp_path: Path) -> None:
    # Each page cache key covers the drawing through the placeholder's hash: a changed pose
    # changes the SVG and nothing else of the page's Markdown.
    project = copy_project(tmp_path / "project", pdfs=False)
    _build(project, tmp_path / "first")
    path = project / "content" / "exercises" / f"{EDITED}.yml"
    text = path.read_text(encoding="utf-8")
    old, new = (
        "    pose: shoulders-rolled-forward\n",
        ("    pose: {base: shoulders-rolled-forward, joints: {elbow.flexion: 40}}\n"),
    )
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    edited = load_library(project / "content")
    animation = render_animation(edited, edited.exercises[EDITED])
    shipped = load_library(CONTENT)
    before = render_animation(shipped, shipped.exercises[EDITED])
    assert animation is not None and before is not None and animation.svg != before.svg
    _build(project, tmp_path / "warm")
    page = (tmp_path / "warm" / "exercises" / EDITED / "index.html").read_text("utf-8")
    assert animation.svg in page and before.svg not in page
    shutil.rmtree(project / ".cache")
    _build(project, tmp_path / "cold")
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "cold")


def test_an_animation_printed_elsewhere_by_a_guides_template_stays_inline(
    library: Library, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    template = own_template(project, "site/exercise.md.j2")
    text = template.read_text(encoding="utf-8")
    assert text.count(" data-search-exclude>{{ animation.svg }}") == 1
    template.write_text(text.replace(" data-search-exclude>{{", ">{{"), encoding="utf-8")
    _with_hooks(project, {"see.py": OBSERVE})
    seen = _build(project, tmp_path / "site")
    assert all(page["markdown"] for page in _exercises(seen).values())
    for exercise in library.exercises.values():
        animation = render_animation(library, exercise)
        assert animation is not None
        html = (tmp_path / "site" / "exercises" / exercise.id / "index.html").read_text("utf-8")
        assert animation.svg in html


def test_cutting_and_putting_back_gives_every_page_again(library: Library) -> None:
    pages = site_content(library, SHIPPED).pages
    for path, page in pages.items():
        markdown, svgs = cut_animations(page)
        if not path.startswith("exercises/"):
            assert svgs == {} and markdown is page
            continue
        animation = render_animation(library, library.exercises[path[10:-3]])
        assert animation is not None
        assert list(svgs.values()) == [animation.svg]
        assert "<svg" not in markdown and len(markdown) < len(page) - len(animation.svg) + 100
        assert svgs_back(markdown, svgs) == page


def test_the_ids_are_those_mkdocs_finds_in_the_svg(library: Library) -> None:
    for exercise in library.exercises.values():
        animation = render_animation(library, exercise)
        assert animation is not None
        parser = _HTMLHandler()
        parser.feed(animation.svg)
        parser.close()
        assert anchor_ids({"p": animation.svg}) == parser.present_anchor_ids != set()


FIGURE = '<figure class="x" data-search-exclude>'
SVG = '<svg class="eg-animation a" id="a"><svg id="inner"><g/></svg><title>A</title></svg>'


def test_the_placeholder_names_the_drawing() -> None:
    _, one = cut_animations(f"{FIGURE}{SVG}</figure>\n")
    _, same = cut_animations(f"para\n\n{FIGURE}{SVG}</figure>\n")
    _, other = cut_animations(f"{FIGURE}{SVG.replace('A', 'B')}</figure>\n")
    assert list(one) == list(same) != list(other)
    assert list(one.values()) == [SVG]  # the nested <svg> and all


@pytest.mark.parametrize(
    "markdown",
    [
        f"    {FIGURE}{SVG}</figure>\n",  # indented: not a raw HTML block of its own
        f"<figure class='x'>{SVG}</figure>\n",  # not skipped by the search index
        f"{FIGURE}<p>{SVG}</p></figure>\n",  # not first in the figure
        f"A paragraph {SVG}\n",
        f"{FIGURE}<svg class='other'></svg></figure>\n",  # not an animation
        f"{FIGURE}{SVG[:-6]}</figure>\n",  # never closed
    ],
)
def test_an_svg_anywhere_else_stays_inline(markdown: str) -> None:
    assert cut_animations(markdown) == (markdown, {})


def test_a_lost_placeholder_is_an_error_not_a_missing_drawing() -> None:
    markdown, svgs = cut_animations(f"{FIGURE}{SVG}</figure>\n")
    with pytest.raises(LostPlaceholder):
        svgs_back(markdown.replace("<!--", "&lt;!--"), svgs)
