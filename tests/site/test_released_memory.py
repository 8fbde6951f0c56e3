"""A plain `mkdocs build` lets go of what it has written or converted while the pages render.

At 873 exercises the figures' bytes (about 20 MB) and the pages' Markdown (about 25 MB) were held
while every page rendered beside the PDFs' render workers: the build's peak memory. Observed
from inside a real build by a MkDocs hook (mkdocs.yml's `hooks:`), at the first page rendered
with its theme, after MkDocs has copied the generated files into site/.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.site.support import copy_project, mkdocs_build

# A MkDocs hook: at the first page's template context, record what the build still holds.
HOOK = """
import json
from pathlib import Path

from mkdocs.structure.files import Files

_files: Files | None = None
_seen = False


def on_env(env, config, files):
    global _files
    _files = files
    return env


def on_page_context(context, page, config, nav):
    global _seen
    if _seen:
        return context
    _seen = True
    figures = [f for f in _files if f.src_uri.startswith("figures/") and f.src_uri.endswith(".svg")]
    pages = [f for f in _files.documentation_pages() if f.generated_by]
    record = {
        "figures": len(figures),
        "figure_bytes": sum(len(f.content_bytes) for f in figures),
        "figures_written": sum(Path(f.abs_dest_path).stat().st_size > 0 for f in figures),
        "pages": len(pages),
        "markdown": sum(len(f.page.markdown or "") for f in pages),
        "sources": sum(len(f.content_string) for f in pages),
        "titles": {f.src_uri: f.page.title for f in pages},
    }
    Path(config.config_file_path).with_name("observed.json").write_text(json.dumps(record))
    return context
"""


def _observe(tmp_path: Path, *extra: str) -> dict[str, object]:
    project = copy_project(tmp_path / "project", pdfs=False)
    (project / "observe.py").write_text(HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - observe.py\n")
    result = mkdocs_build(project, tmp_path / "site", *extra)
    assert result.returncode == 0, result.stderr
    observed: dict[str, object] = json.loads((project / "observed.json").read_text())
    return observed


def test_a_plain_build_lets_go_of_written_figures_and_converted_markdown(tmp_path: Path) -> None:
    observed = _observe(tmp_path)
    assert observed["figures"] == observed["figures_written"] != 0
    assert observed["figure_bytes"] == 0, "figures' bytes are held after they were written"
    assert observed["pages"] != 0
    assert observed["markdown"] == 0 and observed["sources"] == 0, "pages' Markdown is held"
    # Titles, which MkDocs reads from a page's Markdown when it is None, are intact.
    titles = observed["titles"]
    assert isinstance(titles, dict)
    assert titles["exercises/shoulder-rolling.md"] == "Shoulder Rolling"
    assert all(titles.values())
    page = tmp_path / "site" / "exercises" / "shoulder-rolling" / "index.html"
    assert "<title>Shoulder Rolling" in page.read_text(encoding="utf-8")
    figure = tmp_path / "site" / "figures" / "shoulder-rolling" / "step-1.svg"
    assert figure.read_bytes().startswith(b"<svg")


# A hook that puts a word of its own into every page's template context.
CONTEXT_HOOK = """
def on_page_context(context, page, config, nav):
    page.meta["description"] = "WORD"
    return context
"""


def test_a_project_with_hooks_builds_and_an_edited_hook_reaches_the_pages(tmp_path: Path) -> None:
    # The page cache keys each page's theme HTML on the config; a hook's code is part of it
    # (it can change any page's context), so the second build must not reuse the first's HTML.
    project = copy_project(tmp_path / "project", pdfs=False)
    hook = project / "words.py"
    hook.write_text(CONTEXT_HOOK.replace("WORD", "first-hook-word"), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - words.py\n")
    page = tmp_path / "site" / "exercises" / "shoulder-rolling" / "index.html"
    for word in ("first-hook-word", "second-hook-word"):
        hook.write_text(CONTEXT_HOOK.replace("WORD", word), encoding="utf-8")
        result = mkdocs_build(project, tmp_path / "site")
        assert result.returncode == 0, result.stderr
        assert f'content="{word}"' in page.read_text(encoding="utf-8")
