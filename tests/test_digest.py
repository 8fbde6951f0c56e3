"""The code digest every cache keys its entries with: it must change with anything that makes them."""

from __future__ import annotations

from pathlib import Path

from exercise_guide.digest import code_digest, package_digest


def _new_process() -> None:
    # Both are once per process: a new process hashes the package again.
    code_digest.cache_clear()
    package_digest.cache_clear()


def _package(root: Path, source: str) -> Path:
    package = root / "pkg"
    package.mkdir(exist_ok=True)
    (package / "module.py").write_text(source, encoding="utf-8")
    return package


def test_the_code_digest_changes_with_the_code_the_format_and_the_releases(tmp_path: Path) -> None:
    package = _package(tmp_path, "x = 1\n")
    first = code_digest("format-1", package, ("pyyaml",))
    _new_process()
    assert code_digest("format-1", package, ("pyyaml",)) == first
    assert code_digest("format-2", package, ("pyyaml",)) != first
    # A distribution named or not, installed or not, is part of the key.
    assert code_digest("format-1", package, ("pyyaml", "jinja2")) != first
    assert code_digest("format-1", package, ("no-such-distribution-4711",)) != first
    _new_process()
    _package(tmp_path, "x = 2\n")
    assert code_digest("format-1", package, ("pyyaml",)) != first
    # Bytecode is not code: a __pycache__ file leaves the key as it was.
    _package(tmp_path, "x = 1\n")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "module.cpython-311.py").write_text("junk", encoding="utf-8")
    _new_process()
    assert code_digest("format-1", package, ("pyyaml",)) == first
