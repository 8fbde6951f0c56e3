"""What goes to a render worker and what comes back: plain, picklable values, and the kinds of document."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True)
class Kind:
    """A registered kind of print document and the function that makes one from a RenderJob.

    The maker is named as "module:function" and imported only where documents are rendered
    (a render worker, or the CLI process for a private handout), because it uses WeasyPrint.
    """

    name: str
    maker: str
    private: bool = False  # rendered in-process, never cached: it names a patient

    def make(self, job: RenderJob) -> RenderResult:
        """Make a job's PDF with this kind's maker."""
        module, _, function = self.maker.partition(":")
        maker: Callable[[RenderJob], RenderResult] = getattr(
            importlib.import_module(module), function
        )
        return maker(job)


KINDS: dict[str, Kind] = {}


def register(name: str, maker: str, *, private: bool = False) -> Kind:
    """Register a kind of document with the print engine (again with the same maker is a no-op)."""
    kind = Kind(name, maker, private)
    if KINDS.setdefault(name, kind) != kind:
        raise ValueError(
            f"print document kind {name!r} is already registered to {KINDS[name].maker}"
        )
    return kind


_RENDER = "exercise_guide.pdf.render"
POSTER = register("poster", f"{_RENDER}:poster")
DESK_POSTER = register("desk-poster", f"{_RENDER}:poster")
# The booklet's own documents: front matter, a body area's opening pages, the index. Its
# exercise pages are the posters themselves.
BOOKLET_FRONT = register("booklet-front", f"{_RENDER}:booklet_document")
BOOKLET_SECTION = register("booklet-section", f"{_RENDER}:booklet_document")
BOOKLET_INDEX = register("booklet-index", f"{_RENDER}:booklet_document")


@dataclass(frozen=True)
class RenderJob:
    """One PDF to make: its name, kind, the build's setup, and what that kind reads.

    Posters read `exercises`; other kinds carry their own picklable `payload` (a routine sheet:
    its library and handout; a booklet document: what it prints, planned by pdf/book.py).
    """

    name: str
    setup: Setup
    exercises: tuple[Exercise, ...] = ()
    kind: Kind = POSTER
    payload: Any = None


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
