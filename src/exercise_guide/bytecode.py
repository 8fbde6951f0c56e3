"""Compiled Jinja templates kept in memory across the builds of one process (`mkdocs serve`)."""

from __future__ import annotations

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
