"""An outline entry of a joined PDF, apart from the join itself (assemble.py).

Planning the booklet needs its outline; the join needs pikepdf, whose import was a tenth of a
`mkdocs build` with nothing changed, which joins nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Bookmark:
    """An outline entry: its title, the page it opens (index in the joined document), its children."""

    title: str
    page: int
    children: list[Bookmark] = field(default_factory=list)
    is_open: bool = True
    left: Any = None  # where on the page; None opens the whole page
    top: Any = None
