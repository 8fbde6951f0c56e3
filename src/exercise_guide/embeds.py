"""What an article's Markdown would load into a reader's browser: its images and HTML embeds.

An image from another host is a request every reader's browser makes to that host (a tracking
pixel, at worst), so articles show images only from content/media/, written as
`![alt](media/name.png)`. Code blocks and code spans are text and load nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MEDIA_PREFIX = "media/"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]*)")
_REFERENCE_IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[((?:[^\]\\]|\\.)*)\])?(?!\()")
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:\s*(<[^>]*>|\S+)")
# HTML elements that load what their attributes name.
_EMBED_TAG = re.compile(
    r"<(img|image|iframe|frame|video|audio|source|track|embed|object|picture|script|link|input)\b"
    r"([^>]*)",
    re.IGNORECASE,
)
_URL_ATTRIBUTE = re.compile(
    r"\b(?:src|href|data|poster|srcset|background)\s*=\s*[\"']?\s*([^\s\"'>]+)", re.IGNORECASE
)
_REMOTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)")


@dataclass(frozen=True)
class Embed:
    """A resource an article asks the browser to load."""

    line: int  # 1-based, within the body
    kind: str  # "image", or the HTML element's name ("<iframe>")
    url: str

    @property
    def media_name(self) -> str | None:
        """The file name under content/media/ for `media/...` images, else None."""
        if self.kind == "image" and self.url.startswith(MEDIA_PREFIX):
            return self.url[len(MEDIA_PREFIX) :]
        return None


def is_remote(url: str) -> bool:
    """True for a URL that names another host or scheme (http:, data:, //host, \\\\share)."""
    return _REMOTE.match(url.strip()) is not None


def embeds(body: str) -> list[Embed]:
    """Every image and HTML embed of an article body outside code, in reading order."""
    lines = _text_lines(body)
    definitions: dict[str, str] = {}
    for _, line in lines:
        match = _DEFINITION.match(line)
        if match:
            definitions.setdefault(_label(match.group(1)), _unbracket(match.group(2)))
    found: list[Embed] = []
    for number, line in lines:
        for match in _INLINE_IMAGE.finditer(line):
            found.append(Embed(number, "image", _unbracket(match.group(1))))
        for match in _REFERENCE_IMAGE.finditer(line):
            label = _label(match.group(2) or match.group(1))
            if label in definitions:
                found.append(Embed(number, "image", definitions[label]))
        for tag in _EMBED_TAG.finditer(line):
            for url in _URL_ATTRIBUTE.findall(tag.group(2)):
                found.append(Embed(number, f"<{tag.group(1).lower()}>", url))
    return found


def problem(embed: Embed) -> str | None:
    """Why an article may not load this, or None when it is an image from content/media/."""
    if embed.kind != "image":
        if is_remote(embed.url):
            return (
                f"HTML {embed.kind} loading '{embed.url}' is not allowed: articles load nothing"
                " from other hosts; for an image put the file in content/media/ and write"
                " ![what it shows](media/name.png)"
            )
        return None  # raw HTML shows as text on the site; it loads nothing
    if embed.media_name is None or is_remote(embed.url):
        where = "from another host" if is_remote(embed.url) else "outside content/media/"
        return (
            f"image '{embed.url}' is {where}: put the file in content/media/ and write"
            " ![what it shows](media/name.png)"
        )
    return None


def _text_lines(body: str) -> list[tuple[int, str]]:
    """The body's lines that are not code, with code spans blanked, numbered from 1."""
    kept: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(body.split("\n"), start=1):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        kept.append((number, _CODE_SPAN.sub("", line)))
    return kept


def _label(text: str) -> str:
    # Markdown matches reference labels case-insensitively, with runs of white space as one.
    return " ".join(text.split()).casefold()


def _unbracket(url: str) -> str:
    return url[1:-1].strip() if url.startswith("<") and url.endswith(">") else url
