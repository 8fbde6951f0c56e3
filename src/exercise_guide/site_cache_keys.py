"""What a cached page depends on: hashes of the config, the theme's files, the files and the navigation."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from .digest import code_digest, tree_digest
from .site_store import SITE_CACHE_FORMAT, key

_PACKAGE = Path(__file__).resolve().parent
_DISTS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe")
# Config values that name where things are, not what the pages say; nav is hashed separately.
_CONFIG_SKIP = {"config_file_path", "docs_dir", "site_dir", "dev_addr", "watch", "nav", "plugins"}


def _code_digest() -> str:
    return code_digest(SITE_CACHE_FORMAT, _PACKAGE, _DISTS)


def _plain(value: Any) -> Any:
    """A JSON-able stand-in for a config value (objects by class name, never by address)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    text = str(value)
    if " at 0x" in text:
        return f"<{type(value).__name__}>"  # the default str names a memory address
    return f"<{type(value).__name__}:{text}>"


def _plugin_state(plugin: Any) -> Any:
    """What a plugin's part in the pages depends on: its config, or a hook's source."""
    if isinstance(plugin, ModuleType):
        # A hook (mkdocs.yml's `hooks:`): a module whose code can change any page or context.
        # What it imports from beside it is not followed.
        source = getattr(plugin, "__file__", None)
        code = hashlib.sha256(Path(source).read_bytes()).hexdigest() if source else None
        return {"hook": code or plugin.__name__}
    return _plain(dict(plugin.config))


def config_digest(config: Any, project_dir: Path) -> str:
    """A hash of the config the Markdown and the theme read, of the project's theme files and
    of its hooks' code."""
    data = {k: _plain(v) for k, v in config.items() if k not in _CONFIG_SKIP}
    data["plugins"] = {name: _plugin_state(p) for name, p in config.plugins.items()}
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(json.dumps(data, sort_keys=True, default=repr).encode())
    for folder in config.theme.dirs:
        path = Path(folder).resolve()
        # Installed themes are covered by their versions; the project's overrides are read each build.
        if path.is_relative_to(project_dir):
            digest.update(f"\0{path.relative_to(project_dir)}\0{tree_digest(path)}".encode())
        else:
            digest.update(f"\0{path}".encode())
    return digest.hexdigest()


@cache
def _installed_date_names(folder: Path) -> frozenset[str]:
    return _date_names(folder)


def _date_names(folder: Path) -> frozenset[str]:
    found: set[str] = set()
    for path in folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8", errors="replace")
        found.update(name for name in ("update_date", "build_date_utc") if name in text)
    return frozenset(found)


def theme_date_names(dirs: list[str], project_dir: Path) -> frozenset[str]:
    """Which build dates the theme's templates print (Material prints none, MkDocs' own theme does)."""
    found: set[str] = set()
    for folder in dirs:
        path = Path(folder).resolve()
        # Installed themes do not change while the process runs; the project's overrides might.
        local = path.is_relative_to(project_dir)
        found |= _date_names(path) if local else _installed_date_names(path)
    return frozenset(found)


def files_digest(files: Any) -> str:
    """A hash of every file's source path and URL: the targets that links in pages resolve to."""
    return key(sorted((f.src_uri, f.url) for f in files))


def nav_digest(nav: Any) -> str:
    """A hash of the navigation as the theme prints it: every item's kind, title and URL, in order."""

    def walk(items: Any) -> Any:
        return [
            [type(item).__name__, item.title, getattr(item, "url", None), walk(item.children or [])]
            for item in items
        ]

    return key(walk(nav.items), nav.homepage.url if nav.homepage is not None else None)
