"""What goes to a render worker and what comes back: plain, picklable values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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


# A poster, the booklet's front matter (cover and contents), or a run of its exercise pages.
JobKind = Literal["poster", "booklet-front", "booklet-part"]


@dataclass(frozen=True)
class RenderJob:
    """One PDF to make: a poster (one exercise) or a part of the booklet (its exercises' pages)."""

    name: str
    setup: Setup
    exercises: tuple[Exercise, ...]
    booklet_pages: tuple[str, ...] = ()
    kind: JobKind = "poster"
    first_page: int = 1  # the page number a booklet part starts at


@dataclass(frozen=True)
class RenderResult:
    """A rendered PDF (or why there is none), its object key, fit level, and booklet page."""

    name: str
    key: str = ""
    pdf: bytes | None = None
    pages: int = 0
    fit: int = 0
    booklet_page: str | None = None
    from_cache: bool = False
    refused_url: str | None = None
    error: str | None = None
    overflowing: str | None = None  # the exercise whose booklet page ran over one page
    renders: int = 0
    cpu_seconds: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)
