"""Incremental site builds: the figure and page caches give the same site as building from scratch.

Byte-identity is checked with the real `mkdocs build --strict` command; which pages and figures a
build redid is read from the plugin of an in-process build (the same MkDocs build function).
"""

from __future__ import annotations

import copy
import marshal
import os
import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from exercise_guide.content import load_library
from exercise_guide.figures.cache import FigureCache
from exercise_guide.pages import memo as pages_memo
from exercise_guide.pages import site_content
from exercise_guide.site import ExerciseGuidePlugin
from exercise_guide.site_output import KEPT
from exercise_guide.site_store import SUFFIX, THEME_SUFFIX
from exercise_guide.template_folders import templates_for
from tests.site.support import copy_project, mkdocs_build, own_template

EDITED = "shoulder-rolling"
RETITLED = "elbow-flapping"
DAMAGED = (EDITED, RETITLED)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _assert_same_site(warm: Path, cold: Path) -> None:
    a, b = _tree(warm), _tree(cold)
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []


def _build(project: Path, site: Path) -> None:
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr


def _cold_build(project: Path, site: Path) -> None:
    """Build with no cache at all (and leave none behind to confuse the next warm build)."""
    cache = project / ".cache"
    saved = project.parent / "saved-cache"
    if cache.exists():
        cache.rename(saved)
    try:
        _build(project, site)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if saved.exists():
            saved.rename(cache)


def _in_process(project: Path, site: Path) -> ExerciseGuidePlugin:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    plugin = config.plugins["exercise-guide"]
    assert isinstance(plugin, ExerciseGuidePlugin)
    # MkDocs keeps a plugin with on_startup across the builds of one process (as under serve), and
    # each build opens fresh caches on it: a shallow copy keeps this build's caches and their counts.
    return copy.copy(plugin)


def _edit(project: Path, exercise: str, old: str, new: str) -> None:
    path = project / "content" / "exercises" / f"{exercise}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _pages(project: Path) -> dict[str, str]:
    return site_content(load_library(project / "content"), templates_for(project)).pages


def _body(page: str) -> str:
    return page.split("\n---\n", 1)[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", pdfs=False)


def test_a_warm_build_is_byte_identical_to_a_cold_one(project: Path, tmp_path: Path) -> None:
    _build(project, tmp_path / "first")
    assert (project / ".cache" / "site").is_dir() and (project / ".cache" / "figures").is_dir()
    _build(project, tmp_path / "warm")
    _assert_same_site(tmp_path / "warm", tmp_path / "first")

    _edit(project, RETITLED, "title: Elbow Flapping", "title: Elbow Waving")
    _edit(project, EDITED, "summary: >-\n", "summary: >-\n  Freshly edited.\n")
    _build(project, tmp_path / "edited-warm")
    _cold_build(project, tmp_path / "edited-cold")
    _assert_same_site(tmp_path / "edited-warm", tmp_path / "edited-cold")

    # Every page that showed the old title (in its nav, at least) shows the new one, including
    # pages whose own content did not change.
    showed = [
        p.relative_to(tmp_path / "first")
        for p in (tmp_path / "first").rglob("index.html")
        if "Elbow Flapping" in p.read_text(encoding="utf-8")
    ]
    assert len(showed) > 3
    for page in showed:
        html = (tmp_path / "edited-warm" / page).read_text(encoding="utf-8")
        assert "Elbow Waving" in html and "Elbow Flapping" not in html, page
    shown = (tmp_path / "edited-warm" / "exercises" / EDITED / "index.html").read_text("utf-8")
    assert "Freshly edited." in shown


def test_an_edit_renders_only_the_pages_it_changes(project: Path, tmp_path: Path) -> None:
    first = _in_process(project, tmp_path / "site")
    assert first.page_cache is not None and first.figure_cache is not None
    everything = set(first.page_cache.stats.rendered)
    assert len(everything) == len(_pages(project)) and first.figure_cache.stats.cached == 0

    unchanged = _in_process(project, tmp_path / "site")
    assert unchanged.page_cache is not None and unchanged.figure_cache is not None
    assert unchanged.page_cache.stats.rendered == []
    assert unchanged.page_cache.stats.converted == []
    # The search index takes every unchanged page's entries from the cache, unparsed.
    assert unchanged.page_cache.stats.indexed == []
    assert unchanged.page_cache.stats.indexed_cached == len(everything)
    assert unchanged.figure_cache.stats.drawn == 0
    assert unchanged.figure_cache.stats.cached == first.figure_cache.stats.drawn > 0

    before = _pages(project)
    _edit(project, EDITED, "summary: >-\n", "summary: >-\n  Freshly edited.\n")
    after = _pages(project)
    changed = {p for p in after if after[p] != before[p]}
    body_changed = {p for p in after if _body(after[p]) != _body(before[p])}
    assert f"exercises/{EDITED}.md" in changed and len(changed) < len(after)

    edited = _in_process(project, tmp_path / "site")
    assert edited.page_cache is not None and edited.figure_cache is not None
    assert set(edited.page_cache.stats.rendered) == changed
    assert set(edited.page_cache.stats.converted) == body_changed
    assert edited.page_cache.stats.rendered_cached == len(after) - len(changed)
    # Indexed again: the pages whose text or front matter changed, none other.
    assert body_changed <= set(edited.page_cache.stats.indexed) <= changed
    # Only the edited exercise's figures are drawn again (its whole record is in their key).
    library = load_library(project / "content")
    assert edited.figure_cache.stats.drawn == len(library.exercises[EDITED].steps)

    _edit(project, RETITLED, "title: Elbow Flapping", "title: Elbow Waving")
    retitled = _in_process(project, tmp_path / "site")
    assert retitled.page_cache is not None
    # Every page's nav shows the title, so every page is rendered again; few are converted again.
    assert set(retitled.page_cache.stats.rendered) == everything
    assert len(retitled.page_cache.stats.converted) < len(everything)


def _damage(project: Path) -> list[Path]:
    pages = sorted((project / ".cache" / "site" / "pages").glob(f"*/*{SUFFIX}"))
    library = load_library(project / "content")
    cache = FigureCache(project / ".cache" / "figures")
    figures = [
        cache.folder / "objects" / key[:2] / f"{key}.json"
        for key in (cache.key(library, library.exercises[e], breath=False) for e in DAMAGED)
    ]
    assert len(pages) > 3 and all(f.is_file() for f in figures)
    pages[0].write_bytes(pages[0].read_bytes()[:20])  # truncated
    pages[1].write_bytes(b"not marshal at all")
    # Whole and readable, but the stored conversion is not what a conversion looks like.
    entry = marshal.loads(pages[2].read_bytes())
    entry["render"]["toc"] = "x"
    pages[2].write_bytes(marshal.dumps(entry))
    pages[3].write_bytes(b"")
    figures[0].write_bytes(figures[0].read_bytes()[:10])
    figures[1].write_text('{"alt": "x"}', encoding="utf-8")
    # Else the site content memo stands in for the figure cache (the content has not changed).
    (project / ".cache" / "site" / pages_memo.MEMO_FILE).unlink()
    return pages[:4]


def test_a_damaged_cache_entry_is_a_miss(project: Path, tmp_path: Path) -> None:
    _build(project, tmp_path / "cold")
    _damage(project)
    warm = _in_process(project, tmp_path / "warm")
    assert warm.page_cache is not None and warm.figure_cache is not None
    assert len(warm.page_cache.stats.converted) == 4
    library = load_library(project / "content")
    assert warm.figure_cache.stats.drawn == sum(len(library.exercises[e].steps) for e in DAMAGED)
    _assert_same_site(tmp_path / "warm", tmp_path / "cold")
    # The misses were stored again, whole.
    again = _in_process(project, tmp_path / "again")
    assert again.page_cache is not None and again.figure_cache is not None
    assert again.page_cache.stats.converted == [] and again.page_cache.stats.rendered == []
    assert again.figure_cache.stats.drawn == 0


def _add_article(project: Path, name: str, body: str) -> None:
    text = f"---\ntitle: {name.title()}\nsummary: A test article.\n---\n\n{body}\n"
    (project / "content" / "pages" / f"{name}.md").write_text(text, encoding="utf-8")


def test_strict_still_fails_on_a_broken_anchor_with_a_warm_cache(
    project: Path, tmp_path: Path
) -> None:
    _add_article(project, "target", "Intro.\n\n## Keep this heading\n\nText.")
    _add_article(project, "linker", "See [the heading](target.md#keep-this-heading).")
    _build(project, tmp_path / "site")
    unchanged = _in_process(project, tmp_path / "site")
    assert unchanged.page_cache is not None
    assert unchanged.page_cache.stats.converted == []

    # Only the target changes; the linking page comes from the cache and its link must be checked.
    _add_article(project, "target", "Intro.\n\n## A renamed heading\n\nText.")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "articles/linker.md" in result.stderr and "#keep-this-heading" in result.stderr

    _add_article(project, "target", "Intro.\n\n## Keep this heading\n\nText.")
    _build(project, tmp_path / "site")


def test_strict_fails_on_a_broken_link_on_every_build(project: Path, tmp_path: Path) -> None:
    _add_article(project, "linker", "See [nothing](no-such-page.md).")
    for _ in range(2):
        result = mkdocs_build(project, tmp_path / "site")
        assert result.returncode != 0
        assert "no-such-page.md" in result.stderr


def test_restored_anchors_match_a_fresh_conversion(project: Path, tmp_path: Path) -> None:
    _add_article(project, "linker", "See [why](why-the-upper-back-gets-tight.md#breathing).")
    fresh = _in_process(project, tmp_path / "site")
    cached = _in_process(project, tmp_path / "site")
    assert fresh.files is not None and cached.files is not None
    assert cached.page_cache is not None and cached.page_cache.stats.converted == []

    def seen(plugin: ExerciseGuidePlugin) -> dict[str, object]:
        assert plugin.files is not None
        out: dict[str, object] = {}
        for file in plugin.files.documentation_pages():
            page = file.page
            assert page is not None
            links = {f.src_uri: a for f, a in (page.links_to_anchors or {}).items()}
            toc = [(a.title, a.id, a.level, len(a.children)) for a in page.toc]
            out[file.src_uri] = (page.title, sorted(page.present_anchor_ids or ()), links, toc)
        return out

    assert seen(cached) == seen(fresh)
    linker = seen(fresh)["articles/linker.md"]
    assert linker[2] == {  # type: ignore[index]
        "articles/why-the-upper-back-gets-tight.md": {
            "breathing": "why-the-upper-back-gets-tight.md#breathing"
        }
    }


@pytest.mark.parametrize("shown", ["page.update_date", "build_date_utc"])
def test_a_theme_that_prints_the_build_date_gets_it_fresh(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: str
) -> None:
    override = own_template(project, "overrides/main.html")
    override.write_text(
        '{% extends "base.html" %}\n{% block content %}{{ super() }}'
        f"<p>Built {{{{ {shown} }}}}.</p>{{% endblock %}}\n",
        encoding="utf-8",
    )
    page = tmp_path / "site" / "exercises" / EDITED / "index.html"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    _in_process(project, tmp_path / "site")
    assert "Built 1970-01-01" in page.read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(400 * 86400))
    again = _in_process(project, tmp_path / "site")
    assert "Built 1971-02-05" in page.read_text(encoding="utf-8")
    assert again.page_cache is not None and again.page_cache.stats.converted == []


def test_a_rebuild_writes_over_the_site_and_removes_only_what_it_no_longer_makes(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    _build(project, site)
    page = site / "exercises" / RETITLED / "index.html"
    figure = next((site / "figures").glob("*/*.svg"))
    figure_written = figure.stat().st_mtime_ns
    # Held open, a removed file's inode stays, with no links: MkDocs' clean would remove both.
    held = [os.open(page, os.O_RDONLY), os.open(figure, os.O_RDONLY)]
    # What an earlier build made and this one no longer does (a removed exercise's page).
    (site / "exercises" / "gone" / "deep").mkdir(parents=True)
    (site / "exercises" / "gone" / "deep" / "index.html").write_text("old", encoding="utf-8")
    (site / "stray.txt").write_text("old", encoding="utf-8")
    _edit(project, RETITLED, "title: Elbow Flapping", "title: Elbow Waving")
    try:
        _build(project, site)
        assert [os.fstat(fd).st_nlink for fd in held] == [1, 1]
        assert os.fstat(held[0]).st_ino == page.stat().st_ino
    finally:
        for fd in held:
            os.close(fd)
    assert "Elbow Waving" in page.read_text(encoding="utf-8")
    # An unchanged figure is not even written again.
    assert figure.stat().st_mtime_ns == figure_written
    assert not (site / "exercises" / "gone").exists() and not (site / "stray.txt").exists()
    assert not (site / KEPT).exists()
    _cold_build(project, tmp_path / "cold")
    _assert_same_site(site, tmp_path / "cold")


def test_an_unchanged_page_is_not_run_through_markdown(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _in_process(project, site)
    made: list[int] = []
    original = markdown.Markdown.convert

    def counted(self: markdown.Markdown, source: str) -> str:
        made.append(1)
        return original(self, source)

    # A spy that only counts: MkDocs makes a parser and converts with it for every page.
    monkeypatch.setattr(markdown.Markdown, "convert", counted)
    unchanged = _in_process(project, site)
    assert unchanged.page_cache is not None and unchanged.page_cache.stats.converted == []
    assert made == []
    _edit(project, EDITED, "summary: >-\n", "summary: >-\n  Freshly edited.\n")
    edited = _in_process(project, site)
    assert edited.page_cache is not None
    assert len(made) == len(edited.page_cache.stats.converted) > 0
    _cold_build(project, tmp_path / "cold")
    _assert_same_site(site, tmp_path / "cold")


def test_a_dirty_build_keeps_what_is_in_the_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(project, site)
    (site / "stray.txt").write_text("old", encoding="utf-8")
    # MkDocs' --dirty keeps old files on purpose: nothing is swept either.
    result = mkdocs_build(project, site, "--dirty", "--no-strict")  # it warns that it is dirty
    assert result.returncode == 0, result.stderr
    assert (site / "stray.txt").read_text(encoding="utf-8") == "old"


def test_a_page_site_still_holds_is_left_as_is_unread(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    # The first build into an empty site/ writes every page, then reads each back and records
    # its stamp with the key of the HTML it holds.
    _in_process(project, site)
    themes = sorted((project / ".cache" / "site" / "pages").glob(f"*/*{THEME_SUFFIX}"))
    assert len(themes) > 3
    # Were any stored HTML read now, it would be a miss and the page rendered again.
    for theme in themes:
        theme.write_bytes(b"damaged")
    unread = _in_process(project, site)
    assert unread.page_cache is not None
    # But the home page: each build moves site/'s top-level files aside and back (site_output),
    # which gives them a new change time, so its file is read and compared every time.
    assert unread.page_cache.stats.rendered == ["index.md"]
    assert unread.page_cache.stats.rendered_cached == len(themes) - 1
    _cold_build(project, tmp_path / "cold")
    _assert_same_site(site, tmp_path / "cold")
    # A page edited in site/, its size and modification time as they were, is made again.
    page = site / "exercises" / EDITED / "index.html"
    before = page.stat()
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<title>", "<title>X", 1)[:-1], encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size
    again = _in_process(project, site)
    assert again.page_cache is not None
    assert again.page_cache.stats.rendered == [f"exercises/{EDITED}.md"]
    _assert_same_site(site, tmp_path / "cold")


def test_pages_another_plugin_changes_are_never_left_as_is(project: Path, tmp_path: Path) -> None:
    # A hook that changes every page after the theme: a page's stamp cannot tell its bytes then.
    (project / "hooks").mkdir()
    (project / "hooks" / "mark.py").write_text(
        "from pathlib import Path\n\n\n"
        "def on_post_page(output, page, config):\n"
        "    mark = (Path(config.config_file_path).parent / 'mark.txt').read_text().strip()\n"
        "    return output.replace('</body>', f'<!-- {mark} --></body>')\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/mark.py\n", encoding="utf-8"
    )
    site = tmp_path / "site"
    (project / "mark.txt").write_text("first mark", encoding="utf-8")
    for _ in range(3):
        _in_process(project, site)
    (project / "mark.txt").write_text("second mark", encoding="utf-8")
    _in_process(project, site)
    pages = list(site.rglob("index.html"))
    assert len(pages) > 3
    stale = [p for p in pages if "<!-- second mark -->" not in p.read_text(encoding="utf-8")]
    assert stale == []
