"""What goes to a render worker and what comes back: plain, picklable values."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RenderJob:
    """One PDF to render: its HTML at each fit level (loosest first) and how to render it."""

    name: str
    variants: tuple[str, ...]
    base_url: str
    roots: tuple[str, ...]
    identifier: str
    one_page: bool = True


@dataclass(frozen=True)
class RenderResult:
    """A rendered PDF (or why there is none): the fit level used and the page count."""

    name: str
    pdf: bytes | None
    pages: int
    fit: int
    refused_url: str | None = None
    error: str | None = None
    renders: int = 1
    warnings: tuple[str, ...] = field(default_factory=tuple)
