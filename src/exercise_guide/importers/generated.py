"""Files an importer writes: marked with a content hash, so a re-import can tell an edited file."""

from __future__ import annotations

import hashlib
import re
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from ..content import SCHEMA_LINE
from ..writing import write_atomic

_HASH_RE = re.compile(r"content-sha256 ([0-9a-f]{16})\b")


class Outcome(Enum):
    """What writing one generated file did."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept"
    OVERWRITTEN = "overwritten"


# libyaml's emitter is several times faster; the output is the same YAML either way.
_Base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[valid-type,misc]
    # Anchors and aliases are refused by the content loader, so never emit them.
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def render(data: dict[str, Any], source_name: str) -> str:
    """The text of a generated exercise file: schema line, import mark with hash, then YAML."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return (
        f"{SCHEMA_LINE}../schema/exercise.schema.json\n"
        f"# Imported from {source_name} by `exercise-guide import` "
        f"(content-sha256 {_body_hash(body)}).\n"
        "# Edit freely: a re-import never overwrites an edited file unless run with --force.\n"
        f"{body}"
    )


def _split_header(text: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    count = 0
    while count < len(lines) and lines[count].startswith("#"):
        count += 1
    return "".join(lines[:count]), "".join(lines[count:])


def is_untouched(text: str) -> bool:
    """True when text is a generated file nobody has edited since (its hash still matches)."""
    header, body = _split_header(text)
    match = _HASH_RE.search(header)
    return match is not None and match.group(1) == _body_hash(body)


def write_generated(target: Path, text: str, *, force: bool) -> Outcome:
    """Write a generated file unless an edited or hand-written file is in the way (then --force)."""
    try:
        existing: str | None = target.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        existing = None
    if existing == text:
        return Outcome.UNCHANGED
    if existing is not None and not is_untouched(existing) and not force:
        return Outcome.KEPT
    write_atomic(target, text.encode("utf-8"))
    if existing is None:
        return Outcome.NEW
    return Outcome.UPDATED if is_untouched(existing) else Outcome.OVERWRITTEN
