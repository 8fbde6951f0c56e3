"""Generated pages' front matter, parsed once with the site content and handed to MkDocs.

MkDocs parses every page's YAML front matter at every build (Page.read_source): 886 YAML loads,
a twentieth of a build with nothing changed at 873 exercises. The site content memo keeps each
generated page's front matter parsed (`SiteContent.front`, as JSON); the plugin hands MkDocs the
page under an empty front matter, and sets the page's meta from the parsed one before any other
plugin's `on_page_markdown` reads it. A page whose text does not start with the front matter
parsed for it (serve's one-page rebuild made it anew) is parsed by MkDocs, as before.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

# What MkDocs reads as front matter holding nothing (no front matter at all would have it try
# MultiMarkdown-style meta on the page's first lines).
EMPTY = "---\n{}\n---\n"


class FrontMatters:
    """The parsed front matter of one build's generated pages, by source path."""

    def __init__(self, front: Mapping[str, tuple[str, str]]) -> None:
        self._front = front
        self._handed: dict[str, str] = {}

    def source(self, page: Any) -> str | None:
        """A MkDocs page's text for MkDocs to read, its front matter emptied; None when it has
        no front matter parsed already (MkDocs reads the text itself)."""
        known = self._front.get(page.file.src_uri)
        text: str | None = None if known is None else page.file.content_string
        if known is None or text is None or not text.startswith(known[0]):
            return None
        self._handed[page.file.src_uri] = known[1]
        return EMPTY + text[len(known[0]) :]

    def restore(self, page: Any) -> None:
        """Give a page handed over by `source` a new copy of its meta (plugins may change it)."""
        handed = self._handed.pop(page.file.src_uri, None)
        if handed is not None:
            page.meta = dict(json.loads(handed))
