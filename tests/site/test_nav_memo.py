"""The navigation memo (site_nav.py): a page's nav is byte for byte what rendering every entry gives.

Real `mkdocs build --strict` runs of a small Material project with the packaged theme overrides,
whose nav is made to trip a memo keyed too loosely: pages at the same depth in different
folders, a section whose links run into the folder of the page being rendered, a page filed
in a folder below another page's, the same file's folder at other depths, an external link,
and directory and file URLs. A MkDocs hook (mkdocs.yml's `hooks:`) puts the memo into the
theme environment as the plugin does; the same project built without it is the reference.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.site.support import mkdocs_build
from tests.support import TEMPLATES

PAGES = (
    "index.md",
    "a/index.md",
    "a/one.md",
    "a/two.md",
    "a/deep/three.md",
    "a/deep/more/five.md",
    "b/index.md",
    "b/four.md",
    "b/one.md",
    "c.md",
    "d/six.md",
    "d/seven.md",
)

NAV = """nav:
  - Home: index.md
  - Section A:
      - a/index.md
      - a/one.md
      - Sub A:
          - a/deep/three.md
          - b/four.md
          - Deeper:
              - a/deep/more/five.md
  - Section B:
      - b/index.md
      - Inner B:
          - a/two.md
          - c.md
      - b/one.md
  - Section D:
      - Only:
          - d/six.md
          - d/seven.md
  - Elsewhere: https://example.com/
"""

HOOK = """import json
from pathlib import Path

from exercise_guide import site_nav

memo = site_nav.NavMemo()


def on_env(env, config, files):
    env.globals[site_nav.GLOBAL] = memo
    return env


def on_post_build(config):
    counts = {"stored": memo.stored, "printed": memo.printed}
    Path(config.config_file_path).with_name("memo.json").write_text(json.dumps(counts))
"""


def _project(root: Path, *, directory_urls: bool, memo: bool) -> Path:
    """A Material project with the packaged overrides, its nav as above."""
    docs = root / "docs"
    for page in PAGES:
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        title = page.removesuffix(".md").replace("/", " ")
        target.write_text(f"# {title}\n\nText of {title}.\n", encoding="utf-8")
    config = f"""site_name: Memo test
site_url: https://example.org/guide/
use_directory_urls: {str(directory_urls).lower()}
theme:
  name: material
  custom_dir: {TEMPLATES / "overrides"}
  features:
    - navigation.sections
    - navigation.prune
    - navigation.indexes
{NAV}"""
    if memo:
        (root / "memo_hook.py").write_text(HOOK, encoding="utf-8")
        config += "hooks:\n  - memo_hook.py\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def _html(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_memo_gives_the_same_pages(tmp_path: Path, directory_urls: bool) -> None:
    """Every page is byte-identical with and without the memo, and the memo was used."""
    plain = _project(tmp_path / "plain", directory_urls=directory_urls, memo=False)
    memo = _project(tmp_path / "memo", directory_urls=directory_urls, memo=True)
    for project in (plain, memo):
        done = mkdocs_build(project, project / "site")
        assert done.returncode == 0, done.stderr
    before, after = _html(plain / "site"), _html(memo / "site")
    assert len(before) == len(PAGES) + 1  # and 404.html
    assert before.keys() == after.keys()
    for name, data in before.items():
        assert after[name] == data, name
    counts = json.loads((memo / "memo.json").read_text(encoding="utf-8"))
    # Entries were printed from the memo (this small nav has few repeats; at 873 exercises
    # about 43,000 of 46,000).
    assert counts["printed"] > 0
    assert counts["stored"] > 0
