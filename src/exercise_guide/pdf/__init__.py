"""The print engine: every PDF is a job of a registered kind, rendered by WeasyPrint through one pool and cache.

Kinds: poster, desk poster, booklet front and part (registered in pdf/jobs.py), routine sheet and
handout (registered by handouts/kinds.py). `PdfBuild.run` takes planned jobs of any cached kind and
renders the missing ones on the forkserver pool with progress; `render_private` renders a private
kind (a handout) in this process, uncached. The parent never imports WeasyPrint: only pdf/render.py
and pdf/fetcher.py do, and they run in the workers (or in the CLI for a private handout).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..content import Library
from ..errors import BuildError
from ..model import Paper
from ..template_folders import Templates

if TYPE_CHECKING:
    from .build import PdfBuild, poster_name
    from .documents import PrintOptions
    from .jobs import KINDS, Kind, RenderJob, RenderResult, Setup, register
    from .names import BOOKLET
    from .run import BuildReport, Plan

# Each name's module, imported at its first use (PEP 562): a module of the engine (its cache, its
# fingerprints, the PDF names) is imported without the rest, which a build with nothing changed
# never runs.
_LAZY = {
    "BOOKLET": "names",
    "BuildReport": "run",
    "PdfBuild": "build",
    "Plan": "run",
    "poster_name": "build",
    "PrintOptions": "documents",
    "KINDS": "jobs",
    "Kind": "jobs",
    "RenderJob": "jobs",
    "RenderResult": "jobs",
    "Setup": "jobs",
    "register": "jobs",
}

__all__ = [
    "BOOKLET",
    "KINDS",
    "BuildReport",
    "Kind",
    "PdfBuild",
    "Plan",
    "PrintOptions",
    "RenderJob",
    "RenderResult",
    "Setup",
    "poster_name",
    "private_setup",
    "register",
    "render_private",
]


def __getattr__(name: str) -> Any:
    """A name of the engine, from its module (imported now, once)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def private_setup(library: Library, templates: Templates, paper: Paper | None = None) -> Setup:
    """The setup of a private document: the library's folders and fonts, and no cache at all."""
    from .confine import allowed_roots
    from .jobs import Setup

    return Setup(
        library_key="",
        root=str(library.root.resolve()),
        templates=templates,
        guide=library.guide,
        poses=dict(library.poses),
        roots=allowed_roots(library.root, templates),
        cache_dir="",
        code_digest="",
        paper=paper or library.guide.paper,
        layout="poster",
    )


def render_private(job: RenderJob) -> tuple[bytes, int]:
    """A private document's PDF bytes and page count, made in this process and never cached."""
    if not job.kind.private:
        raise ValueError(f"{job.kind.name}: not a private kind; build it with PdfBuild.run")
    # WeasyPrint is imported only now, in the process that asked for this one document.
    from .render import render

    result = render(job)
    if result.pdf is None:
        raise BuildError(f"{job.name}: {result.error or 'could not be rendered'}")
    return result.pdf, result.pages
