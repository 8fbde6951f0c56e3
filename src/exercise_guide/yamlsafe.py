"""Read YAML safely and with limits, keeping the line of every field for error messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, display_path
from .invisible import find_invisible, message

# Content files are hand-written; anything bigger is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_EVENTS = 200_000

try:  # the C parser is several times faster on large libraries
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# The only tags each kind of node may carry: the plain ones YAML gives untagged content.
_ALLOWED_TAGS: dict[type[yaml.Node], set[str]] = {
    yaml.MappingNode: {"tag:yaml.org,2002:map"},
    yaml.SequenceNode: {"tag:yaml.org,2002:seq"},
    yaml.ScalarNode: _SCALAR_TAGS,
}
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Document:
    """A parsed YAML document and the line each field path starts on."""

    data: Any
    lines: dict[str, int]

    def field_at(self, line: int) -> str:
        """The innermost field that starts on or before a line (the one a text there belongs to)."""
        starts = [
            (start, len(field), field) for field, start in self.lines.items() if start <= line
        ]
        return max(starts, default=(0, 0, ""))[2]

    def line_of(self, field: str) -> int:
        """The line of a field, or of its nearest enclosing field that exists."""
        while field:
            if field in self.lines:
                return self.lines[field]
            field = _parent(field)
        return self.lines.get("", 1)


def _parent(field: str) -> str:
    cut = max(field.rfind("."), field.rfind("["))
    return field[:cut] if cut > 0 else ""


def load_package_yaml(text: str) -> Any:
    """The package's own YAML (strings tables, poses), read with the C parser where PyYAML has
    it: the pure-Python loader was a tenth of a build with nothing changed at 873 exercises."""
    return yaml.load(text, Loader=_Loader)


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A content file's text, refusing files that are too large or not UTF-8."""
    where = display_path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ContentError.at(where, 1, "(file)", f"cannot be read: {exc.strerror}") from None
    if size > max_bytes:
        raise ContentError.at(
            where, 1, "(file)", f"is {size:,} bytes; content files may be at most {max_bytes:,}"
        )
    raw = path.read_bytes()[: max_bytes + 1]
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError.at(
            where,
            line,
            "(file)",
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {column}); save it as UTF-8",
        ) from None


def parse_yaml(text: str, where: str, *, line_offset: int = 0) -> Document:
    """Parse one YAML document, refusing anchors, aliases, deep nesting and unknown tags."""
    _scan(text, where, line_offset)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, where, line_offset) from None
    lines: dict[str, int] = {"": 1 + line_offset}
    data = None if node is None else _build(node, "", lines, where, line_offset)
    document = Document(data, lines)
    found = find_invisible(text)
    if found is not None:
        line = found.line + line_offset
        field = document.field_at(line) or "(file)"
        raise ContentError.at(where, line, field, message(found))
    return document


def read_yaml(path: Path) -> Document:
    """Read and parse a YAML content file."""
    return parse_yaml(read_text(path), display_path(path))


def _scan(text: str, where: str, line_offset: int) -> None:
    # Walk the event stream first: it is flat, so hostile nesting or aliases are caught before
    # the recursive composer could exhaust the stack or expand an alias bomb.
    depth = 0
    count = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            count += 1
            line = (event.start_mark.line if event.start_mark else 0) + 1 + line_offset
            if count > MAX_EVENTS:
                raise ContentError.at(where, line, "(file)", "has too many YAML items")
            if isinstance(event, yaml.AliasEvent):
                raise ContentError.at(
                    where, line, "(file)", "YAML aliases (*name) are not allowed in content"
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise ContentError.at(
                    where, line, "(file)", "YAML anchors (&name) are not allowed in content"
                )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ContentError.at(
                        where, line, "(file)", "holds more than one YAML document"
                    )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ContentError.at(
                        where, line, "(file)", f"is nested deeper than {MAX_DEPTH} levels"
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, where, line_offset) from None


def _syntax_error(exc: yaml.YAMLError, where: str, line_offset: int) -> ContentError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = (mark.line + 1 if mark is not None else 1) + line_offset
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return ContentError.at(where, line, "(yaml)", message)


def _build(node: yaml.Node, field: str, lines: dict[str, int], where: str, offset: int) -> Any:
    line = node.start_mark.line + 1 + offset
    # A tag on a mapping or list (`!!python/object/apply:os.system [...]`) would otherwise be
    # dropped silently and its contents read as plain data; only the plain tags are allowed.
    if node.tag not in _ALLOWED_TAGS.get(type(node), set()):
        raise ContentError.at(
            where, line, field or "(root)", f"YAML tag {node.tag!r} is not allowed"
        )
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError.at(where, key_line, field or "(root)", "keys must be plain text")
            key = str(key_node.value)
            child = f"{field}.{key}" if field else key
            if key in result:
                raise ContentError.at(where, key_line, child, "duplicate key")
            lines[child] = key_line
            result[key] = _build(value_node, child, lines, where, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = f"{field}[{index}]"
            lines[child] = item.start_mark.line + 1 + offset
            items.append(_build(item, child, lines, where, offset))
        return items
    tag = node.tag
    if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        # Dates stay text: content shows them as written.
        return str(node.value)
    return _constructor.construct_object(node)
