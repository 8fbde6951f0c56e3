"""A new guide from the starter shipped in the package: content/, mkdocs.yml and a short README."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .errors import BuildError, display_path
from .placeholders import GET_HELP

STARTER = Path(__file__).resolve().parent / "starter"
# Files whose {title}, {base_url}, {repo_lines} and {get_help} are filled in; the others are copied as they are.
_FILLED = ("README.md", "mkdocs.yml", "content/guide.yml")
_GITIGNORE = "site/\ndist/\n.cache/\n"


def create_guide(target: Path, title: str, base_url: str, repo_url: str | None) -> list[Path]:
    """Write a new guide into `target` (which must not exist or be empty); the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BuildError(f"{display_path(target)}: already exists and is not empty")
    if not base_url.startswith("https://"):
        raise BuildError(f"--base-url {base_url!r}: give the https:// address the site will have")
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    # JSON strings are YAML strings: a title with quotes or colons stays one value.
    repo_lines = (
        f"repo_url: {json.dumps(repo_url)}\nedit_uri: edit/main/content/\n"
        "site:\n  edit_link: true\n"
        if repo_url
        else ""
    )
    values = {
        "{title}": title,
        "{base_url}": json.dumps(base_url),
        "{repo_lines}": repo_lines,
        "{get_help}": json.dumps(GET_HELP),
    }
    written: list[Path] = []
    for source in sorted(STARTER.rglob("*")):
        if not source.is_file():
            continue
        name = source.relative_to(STARTER).as_posix()
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if name in _FILLED:
            text = source.read_text(encoding="utf-8")
            for key, value in values.items():
                quoted = json.dumps(value) if key == "{title}" and name != "README.md" else value
                text = text.replace(key, quoted)
            dest.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, dest)
        written.append(dest)
    # MkDocs needs its docs folder to exist; the plugin generates every page, so it stays empty.
    (target / "docs_src").mkdir(exist_ok=True)
    (target / "docs_src" / ".gitkeep").touch()
    (target / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
    return [*written, target / ".gitignore"]
