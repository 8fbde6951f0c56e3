"""Under serve, an edited exercise's page rebuilt alone is the page the full build then writes.

In process, as `mkdocs serve` runs the plugin: a build, an edit, the plugin's one-page rebuild
(what the server's builder does first), then the full build that follows it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from exercise_guide.site import ExerciseGuidePlugin
from tests.site.support import copy_project

EDITED = "shoulder-rolling"
PAGE = f"exercises/{EDITED}/index.html"


def _full_build(project: Path, site: Path) -> ExerciseGuidePlugin:
    # As serve's builder: a new config each build; MkDocs keeps the plugin (it has on_startup).
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    plugin = config.plugins["exercise-guide"]
    assert isinstance(plugin, ExerciseGuidePlugin)
    return plugin


def _edit(project: Path, old: str, new: str) -> None:
    path = project / "content" / "exercises" / f"{EDITED}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_page_rebuilt_alone_is_the_page_the_full_build_writes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    site = tmp_path / "site"
    plugin = _full_build(project, site)
    before = (site / PAGE).read_text(encoding="utf-8")
    home = (site / "index.html").read_bytes()

    edits = (
        ("- text: Stand with", "- text: Steptext4711 Stand with", "Steptext4711"),
        ("summary: >-\n", "summary: >-\n  Summary4711\n", "Summary4711"),
        # Moves the page within its area's navigation, too (titles are in alphabetical order).
        ("title: Shoulder Rolling", "title: Aaa Title4711 Rolling", "Aaa Title4711 Rolling"),
    )
    for old, new, shows in edits:
        # An editor's swap file beside the file it edits changes at every keystroke.
        swap = project / "content" / "exercises" / f".{EDITED}.yml.swp"
        swap.write_text(shows, encoding="utf-8")
        _edit(project, old, new)
        assert plugin._edit_fast()
        fast = (site / PAGE).read_text(encoding="utf-8")
        assert shows in fast and shows not in before
        # The other pages wait for the full build.
        assert (site / "index.html").read_bytes() == home
        _full_build(project, site)
        assert (site / PAGE).read_text(encoding="utf-8") == fast
        home = (site / "index.html").read_bytes()
    assert "Aaa Title4711 Rolling" in home.decode("utf-8")


def test_an_edit_beyond_one_page_is_left_to_the_full_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    site = tmp_path / "site"
    plugin = _full_build(project, site)
    assert not plugin._edit_fast()  # nothing edited
    _edit(project, "body_areas: [shoulders, upper-back]", "body_areas: [shoulders]")
    assert not plugin._edit_fast()  # the areas' pages and tags change
    _full_build(project, site)
    _edit(project, "position: standing", "position: flying")
    assert not plugin._edit_fast()  # a problem: the full build reports it
    _edit(project, "position: flying", "position: standing")
    guide = project / "content" / "guide.yml"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not plugin._edit_fast()
