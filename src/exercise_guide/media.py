"""Authored images: only plain PNG, JPEG and script-free, self-contained SVG files are accepted."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

MAX_MEDIA_BYTES = 5_000_000
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run code or pull in other documents; a figure needs none of them.
_FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "image", "a"}
_URL_IN_STYLE = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_IMPORT_IN_STYLE = re.compile(r"@import", re.IGNORECASE)


def media_problem(path: Path) -> str | None:
    """Why an authored image cannot be used, or None when it is safe to publish and print."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if size > MAX_MEDIA_BYTES:
        return f"is {size:,} bytes; images may be at most {MAX_MEDIA_BYTES:,}"
    suffix = path.suffix.lower()
    head = path.read_bytes()[:16]
    if suffix == ".png":
        return None if head.startswith(b"\x89PNG\r\n\x1a\n") else "is not a PNG file"
    if suffix in (".jpg", ".jpeg"):
        return None if head.startswith(b"\xff\xd8\xff") else "is not a JPEG file"
    if suffix == ".svg":
        return _svg_problem(path.read_bytes())
    return "must be a .png, .jpg or .svg file"


def _svg_problem(data: bytes) -> str | None:
    # A DOCTYPE is how entity bombs and external entities get in; real figures never need one.
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        return "SVG with a DOCTYPE or entities is not allowed"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"is not well-formed SVG ({exc})"
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        return "is not an SVG document"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in _FORBIDDEN_ELEMENTS:
            return f"SVG element <{name}> is not allowed (scripts and external content)"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                return f"SVG event attribute {local!r} is not allowed"
            if (local == "href" or attribute == _XLINK_HREF) and not value.startswith("#"):
                return f"SVG link to {value!r} is not allowed"
            if local == "style" and _URL_IN_STYLE.search(value):
                return "SVG styles may not load other files"
        text = element.text or ""
        if name == "style" and (_URL_IN_STYLE.search(text) or _IMPORT_IN_STYLE.search(text)):
            return "SVG styles may not load other files"
    return None
