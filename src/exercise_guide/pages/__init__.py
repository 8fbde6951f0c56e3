"""The site's pages as a pure function of the Library: Markdown, figures, fonts and CSS."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..content import Library
from ..figures.cache import FigureCache
from ..template_folders import Templates
from .assets import FileData, animations, figures, image_size, static_files
from .generate import edit_path, generate, tags_of
from .paths import navigation
from .programme import programme_files

__all__ = ["SiteContent", "edit_path", "navigation", "site_content", "tags_of"]


@dataclass(frozen=True)
class SiteContent:
    """Everything a site is built from: Markdown pages and the files they link (not PDFs)."""

    pages: dict[str, str]
    files: dict[str, FileData]


def site_content(
    library: Library,
    templates: Templates,
    pdfs: Collection[str] = (),
    figure_cache: FigureCache | None = None,
    memo_dir: Path | None = None,
) -> SiteContent:
    """Render every page and figure of a library; pages link only the PDFs named in `pdfs`
    (with `memo_dir`, the last build's Markdown pages are kept while every input is the same)."""
    figure_files, alts = figures(library, figure_cache)
    sizes = {path: size for path, data in figure_files.items() if (size := image_size(data))}
    moving = animations(library, figure_cache)
    pages = generate(library, templates, alts, pdfs, moving, sizes=sizes, memo_dir=memo_dir)
    animated = {exercise_id for exercise_id, animation in moving.items() if animation}
    files = {
        **figure_files,
        **static_files(library, templates),
        **programme_files(library, templates, alts, animated),
    }
    return SiteContent(pages=pages, files=files)
