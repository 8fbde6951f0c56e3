"""The site's pages as a pure function of the Library: Markdown, figures, fonts and CSS."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..content import Library
from ..figures.cache import FigureCache
from ..template_folders import Templates
from .assets import FileData, animations, figures, image_size, static_files
from .generate import edit_path, generate, read_front_matter, tags_of
from .memo import KeptContent, content_key, read_content, write_content
from .paths import navigation
from .programme import programme_files

__all__ = ["SiteContent", "edit_path", "navigation", "site_content", "tags_of"]


@dataclass(frozen=True)
class SiteContent:
    """Everything a site is built from: Markdown pages and the files they link (not PDFs)."""

    pages: dict[str, str]
    files: dict[str, FileData]
    # Each page's front matter: as it stands at its top, and as JSON (generate.read_front_matter).
    front: dict[str, tuple[str, str]] = field(default_factory=dict)


def site_content(
    library: Library,
    templates: Templates,
    pdfs: Collection[str] = (),
    figure_cache: FigureCache | None = None,
    memo_dir: Path | None = None,
) -> SiteContent:
    """Render every page and figure of a library; pages link only the PDFs named in `pdfs`
    (with `memo_dir`, the last build's content is kept while every input is the same: `memo`)."""
    if memo_dir is None:
        return _site_content(library, templates, pdfs, figure_cache)
    key = content_key(library, templates, pdfs)
    kept = read_content(memo_dir, key)
    if kept is not None:
        if figure_cache is not None:
            # The entries it was drawn from stay in the figure cache for the next change.
            figure_cache.used.update(kept.figure_keys)
            figure_cache.stats.cached += kept.figures
        return SiteContent(pages=kept.pages, files=kept.files, front=kept.front)
    used, counted = _figure_use(figure_cache)
    content = _site_content(library, templates, pdfs, figure_cache)
    now_used, now_counted = _figure_use(figure_cache)
    kept = KeptContent(
        content.pages, content.files, content.front, sorted(now_used - used), now_counted - counted
    )
    write_content(memo_dir, key, kept)
    return content


def _figure_use(cache: FigureCache | None) -> tuple[set[str], int]:
    # The figure cache's entries used so far, and the step figures it has given so far.
    if cache is None:
        return set(), 0
    return set(cache.used), cache.stats.drawn + cache.stats.cached


def _site_content(
    library: Library,
    templates: Templates,
    pdfs: Collection[str],
    figure_cache: FigureCache | None,
) -> SiteContent:
    figure_files, alts = figures(library, figure_cache)
    sizes = {path: size for path, data in figure_files.items() if (size := image_size(data))}
    moving = animations(library, figure_cache)
    pages = generate(library, templates, alts, pdfs, moving, sizes=sizes)
    animated = {exercise_id for exercise_id, animation in moving.items() if animation}
    files = {
        **figure_files,
        **static_files(library, templates),
        **programme_files(library, templates, alts, animated),
    }
    front = {path: found for path, text in pages.items() if (found := read_front_matter(text))}
    return SiteContent(pages=pages, files=files, front=front)
