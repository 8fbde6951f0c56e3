"""Compiled Jinja templates kept across builds: in memory under `mkdocs serve`, on disk between builds."""

from __future__ import annotations

import contextlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """MkDocs makes a new theme environment at every build, which compiles every theme template
    again; with this cache a rebuild loads them compiled. Jinja checks each template's source
    checksum, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket with the template's compiled code, if this process compiled it."""
        data = self._compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template's compiled code for the next build."""
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class _DiskBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's folder cache, where a template that cannot be saved is only compiled again next time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Save a compiled template, unless the disk refuses (full, read-only)."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def disk_bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    """Compiled templates in a folder, for the next process (None when the folder cannot be
    made): compiling the theme's templates was a tenth of a `mkdocs build` with nothing changed.
    Jinja checks each template's source checksum and its own bytecode version; the folder is
    also per Jinja release."""
    place = folder / jinja2.__version__
    try:
        place.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _DiskBytecodeCache(str(place))
