"""What goes to a render worker and what comes back: plain, picklable values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Exercise, Guide, KeyPose
from ..template_folders import Templates


@dataclass(frozen=True)
class Setup:
    """What every job of one build shares: the guide, poses, folders and print options."""

    library_key: str  # a hash of root, guide, poses and code: equal setups give equal libraries
    root: str
    templates: Templates
    guide: Guide
    poses: dict[str, KeyPose]
    roots: tuple[str, ...]
    cache_dir: str
    code_digest: str
    paper: str
    layout: str


# A poster, or one of the booklet's own documents (front matter, a section opening, the index).
JobKind = Literal["poster", "booklet-front", "booklet-section", "booklet-index"]


@dataclass(frozen=True)
class RenderJob:
    """One PDF to make: a poster (one exercise) or one of the booklet's own documents."""

    name: str
    setup: Setup
    exercises: tuple[Exercise, ...] = ()
    kind: JobKind = "poster"
    # What a booklet document prints, as planned by pdf/book.py (plain data).
    book: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderResult:
    """A rendered PDF (or why there is none), its object key, fit level and page count."""

    name: str
    key: str = ""
    pdf: bytes | None = None
    pages: int = 0
    fit: int = 0
    from_cache: bool = False
    refused_url: str | None = None
    error: str | None = None
    renders: int = 0
    cpu_seconds: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)
