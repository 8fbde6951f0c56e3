"""The module graph: no import cycle anywhere, and WeasyPrint imported only by the print engine (pdf/)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import REPO

PACKAGE = REPO / "src" / "exercise_guide"
ROOT = "exercise_guide"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of ours that a module imports, at the top or inside a function (lazy imports
    are dependencies too), resolved to the module itself, not the package around it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from . import pdf` names a module; `from .pdf import BOOKLET` names a value.
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {module for module in found if module in known and module != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def _packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph between the package's top-level parts (pdf, handouts, figures, site.py …)."""
    top: dict[str, set[str]] = {}
    for module, targets in graph.items():
        part = ".".join(module.split(".")[:2])
        top.setdefault(part, set())
        top[part] |= {".".join(t.split(".")[:2]) for t in targets} - {part}
    return top


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = _graph()
    assert len(graph) > 50  # the walk found the package
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_no_cycle_between_the_packages_parts() -> None:
    # pdf/ is the engine: handouts/ registers its kinds with it, never the other way round.
    parts = _packages(_graph())
    assert f"{ROOT}.pdf" in parts[f"{ROOT}.handouts"]
    assert _cycle(parts) is None, " -> ".join(_cycle(parts) or [])


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_weasyprint_is_imported_only_in_the_print_engine() -> None:
    importers = set()
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            if any(n == "weasyprint" or n.startswith("weasyprint.") for n in names):
                importers.add(name)
    assert importers, "the walk should find the engine's own WeasyPrint imports"
    assert all(name.startswith(f"{ROOT}.pdf.") for name in importers), sorted(importers)


def _outside_imports(path: Path) -> set[str]:
    """The top-level names of the packages a module imports (not its own relative imports)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_page_cache_adapter_knows_mkdocs_internals() -> None:
    # The store (keys, what to reuse, disk) is plain Python; site_cache alone touches MkDocs'
    # and Material's internals, so an upgrade is checked in one module.
    assert not _outside_imports(PACKAGE / "site_store.py") & {
        "mkdocs",
        "material",
        "jinja2",
        "markupsafe",
    }
    internals = (
        "_title_from_render",
        "present_anchor_ids",
        "links_to_anchors",
        "search_index",
        "add_entry_from_context",
        "ChoiceLoader",
    )
    users = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(name in path.read_text(encoding="utf-8") for name in internals)
    }
    assert users == {"site_cache.py"}


def test_only_the_serve_fast_path_knows_mkdocs_build_and_server_internals() -> None:
    # Rebuilding one page under serve uses how MkDocs builds a page and how its server holds
    # requests back: one module, run only on the releases the page cache knows.
    internals = ("_populate_page", "_build_page", "_epoch_cond", "_visible_epoch", "_wanted_epoch")
    users = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(name in path.read_text(encoding="utf-8") for name in internals)
    }
    assert users == {"serve_fast.py"}
