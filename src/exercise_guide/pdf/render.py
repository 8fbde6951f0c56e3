"""Worker side: build a job's HTML and render it with WeasyPrint (imported here, never in the parent).

`render` runs any registered kind of document; `lay_out` is how makers of other packages' kinds
(routine sheets, handouts) lay out their HTML without touching WeasyPrint themselves.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import time
import traceback
from pathlib import Path
from types import MappingProxyType
from typing import Any

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ..content import Library
from ..model import Paper
from .assemble import prepare_part
from .book_html import BookKind, book_html
from .cache import AssetHasher, PdfCache
from .documents import (
    BOOKLET_STYLES,
    FIT_LEVELS,
    Layout,
    PosterMaker,
    PrintOptions,
    stylesheet,
)
from .fetcher import ConfinedFetcher, RefusedURL
from .figure_replay import ImageCache
from .fit import heights, poster_words, predicted_fit, settle_fit
from .jobs import RenderJob, RenderResult, Setup
from .user_agent import html_class

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "uncompressed_pdf": False}
# A booklet part is written uncompressed and compressed by `prepare_part`, which rewrites it anyway:
# pydyf compresses every stream at zlib level 9, qpdf at the default level, for the same size.
PART_OPTIONS = {**PDF_OPTIONS, "uncompressed_pdf": True}


class _Collect(logging.Handler):
    """Keeps WeasyPrint's errors (e.g. an image with no alt text) so the build can report them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def worker_failure(exc: BaseException) -> str:
    """What went wrong making a document, in one line: the error and the innermost line of our code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "exercise_guide" in f.filename]
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def render(job: RenderJob) -> RenderResult:
    """Make a job's PDF: from the cache when its HTML was rendered before, else with WeasyPrint."""
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    started = time.process_time()
    _IMAGES.new_job()
    try:
        result = job.kind.make(job)
    except RefusedURL as exc:
        result = RenderResult(job.name, refused_url=exc.url, error=exc.reason)
    except Exception as exc:
        # One document's failure is reported with its name; the other documents still render.
        result = RenderResult(job.name, error=worker_failure(exc))
    finally:
        logger.removeHandler(collect)
    # CPU time, not wall time: what benchmarks compare when other processes share the machine.
    return dataclasses.replace(result, cpu_seconds=time.process_time() - started)


_LIBRARIES: dict[str, Library] = {}
# Kept for the worker's life: fonts are loaded once, not per document (about 15% of a poster's
# time), and the print CSS is parsed once (another 15%). Plain WeasyPrint redoes both every time.
_FONTS: list[FontConfiguration] = []
_STYLES: dict[str, CSS] = {}
# WeasyPrint's image cache, its figures kept for the worker's life (`figure_replay`): figures
# are data: URLs, so equal figures share a key, and one that another document in this worker
# already drew is replayed, not drawn again. Keyed by content, it cannot serve a stale file;
# handouts (`lay_out`) never use it, so nothing of a patient's outlives their handout.
_IMAGES = ImageCache()


def _font_config() -> FontConfiguration:
    if not _FONTS:
        _FONTS.append(FontConfiguration())
    return _FONTS[0]


def _stylesheet(css: str, setup: Setup, fetcher: ConfinedFetcher) -> CSS:
    key = hashlib.sha256("\0".join((*setup.roots, setup.root, css)).encode()).hexdigest()
    parsed = _STYLES.get(key)
    if parsed is None:
        if len(_STYLES) >= 8:
            _STYLES.clear()
        base_url = Path(setup.root).as_uri() + "/"
        parsed = CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=_font_config())
        _STYLES[key] = parsed
    return parsed


def _layout(html: str, css: str, setup: Setup, fetcher: ConfinedFetcher) -> Any:
    """Lay out a document whose styles come pre-parsed."""
    maker = html_class(html, css)
    document = maker(string=html, base_url=Path(setup.root).as_uri() + "/", url_fetcher=fetcher)
    styles = [_stylesheet(css, setup, fetcher)]
    return document.render(font_config=_font_config(), stylesheets=styles, cache=_IMAGES)


class LaidOut:
    """A laid-out document: its pages' anchors, and its tagged PDF on request."""

    def __init__(self, document: Any) -> None:
        self._document = document

    @property
    def pages(self) -> int:
        """How many pages the document took."""
        return len(self._document.pages)

    def anchors(self) -> list[dict[str, tuple[float, float]]]:
        """Each page's anchors (element ids) and where they sit on the page."""
        return [dict(page.anchors) for page in self._document.pages]

    def pdf(self, identifier: str) -> bytes:
        """The PDF/UA-1 bytes; the identifier comes from the input, so equal input gives equal bytes."""
        data: bytes = self._document.write_pdf(pdf_identifier=identifier.encode(), **PDF_OPTIONS)
        return data


def lay_out(html: str, setup: Setup) -> LaidOut:
    """Lay out a document (its CSS linked from the HTML), loading only the setup's confined files."""
    fetcher = ConfinedFetcher(setup.roots)
    document = HTML(string=html, base_url=Path(setup.root).as_uri() + "/", url_fetcher=fetcher)
    return LaidOut(document.render(font_config=_font_config()))


def worker_library(setup: Setup) -> Library:
    """The library as render workers see it: guide, poses and media folder, kept for the worker's life."""
    # Only what figures and templates read: the guide, poses and media folder. Kept for the
    # worker's life, so figures' per-library set-up (the pose book) is done once, not per poster.
    library = _LIBRARIES.get(setup.library_key)
    if library is None:
        _LIBRARIES.clear()
        library = Library(
            root=Path(setup.root),
            guide=setup.guide,
            exercises=MappingProxyType({}),
            routines=MappingProxyType({}),
            articles=MappingProxyType({}),
            poses=MappingProxyType(setup.poses),
        )
        _LIBRARIES[setup.library_key] = library
    return library


def _options(setup: Setup) -> PrintOptions:
    paper: Paper = setup.paper  # type: ignore[assignment]
    layout: Layout = "desk" if setup.layout == "desk" else "poster"
    return PrintOptions(paper=paper, layout=layout)


def object_key(setup: Setup, html: str, css: str, assets: AssetHasher) -> str:
    """The cache key of a document: its HTML and CSS, the files they link, the code and options."""
    options = {"paper": setup.paper, "layout": setup.layout, "code": setup.code_digest}
    return assets.html_key((html, css), options)


def poster(job: RenderJob) -> RenderResult:
    """A poster at the loosest fit level that keeps it to one page, laid out first at the predicted one."""
    setup = job.setup
    options = _options(setup)
    library = worker_library(setup)
    exercise = job.exercises[0]
    maker = PosterMaker(library, exercise, options, setup.templates)
    words = poster_words(exercise, library.guide)
    # Start at the predicted level, not the loosest: a poster is laid out once unless the
    # prediction was wrong, and then the layouts themselves settle the level (`settle_fit`).
    height = heights(words, exercise)
    start = predicted_fit(exercise, options, words, height)
    # The key hashes the HTML laid out first: it holds every word and figure of the poster, as
    # any level's HTML does, and the poster's level follows from them and the code.
    first = maker.poster(start)
    css = maker.styles()
    key = object_key(setup, first, css, AssetHasher())
    hit = PdfCache(Path(setup.cache_dir)).get(key)
    if hit is not None:
        return RenderResult(job.name, key, None, hit.pages, hit.fit, from_cache=True)
    fetcher = ConfinedFetcher(setup.roots)
    # Only layouts that fit one page are kept (one is written); overflowing ones count pages.
    fitting: dict[int, Any] = {}
    pages: list[int] = []

    def fits(fit: int) -> tuple[bool, float]:
        document = _layout(first if fit == start else maker.poster(fit), css, setup, fetcher)
        pages.append(len(document.pages))
        if pages[-1] != 1:
            return False, 0.0
        fitting[fit] = document
        return True, content_height_mm(document)

    fit = settle_fit(start, fits, height)
    renders = len(pages)
    if fit is None:
        return RenderResult(
            job.name, key, None, pages[-1], FIT_LEVELS - 1, error="too long", renders=renders
        )
    document = fitting[fit]
    # The identifier comes from the key, so equal input gives byte-identical files.
    pdf = document.write_pdf(pdf_identifier=key[:32].encode(), **PART_OPTIONS)
    # Prepared here, once: the booklet joins the poster itself as the exercise's page.
    return RenderResult(job.name, key, prepare_part(pdf), 1, fit, renders=renders)


def content_height_mm(document: Any) -> float:
    """How tall a laid-out document's content is on its first page, in mm (WeasyPrint's root box)."""
    # `_page_box` is WeasyPrint's own (pinned) page box; its first child is the root element's box.
    return float(document.pages[0]._page_box.children[0].margin_height()) * 25.4 / 96


def _booklet_css(setup: Setup) -> str:
    return stylesheet(
        worker_library(setup), _options(setup), setup.templates.sub("print"), BOOKLET_STYLES
    )


_BOOK_KINDS: dict[str, BookKind] = {
    "booklet-front": "front",
    "booklet-section": "section",
    "booklet-index": "index",
}


def booklet_document(job: RenderJob) -> RenderResult:
    """One of the booklet's own documents (front matter, a section opening, the index)."""
    setup = job.setup
    kind = _BOOK_KINDS[job.kind.name]
    html = book_html(worker_library(setup), kind, job.payload, _options(setup), setup.templates)
    css = _booklet_css(setup)
    key = object_key(setup, html, css, AssetHasher())
    hit = PdfCache(Path(setup.cache_dir)).get(key)
    if hit is not None:
        return RenderResult(job.name, key, None, hit.pages, 0, from_cache=True)
    document = _layout(html, css, setup, ConfinedFetcher(setup.roots))
    # What laying it out left behind goes before writing, not under the writing's memory: a
    # render worker collects young objects less often (pool.py), and the 61-page index of 870
    # exercises peaked 17 MB higher for it (159 MB with this, 161 MB with Python's defaults).
    gc.collect()
    pdf = document.write_pdf(pdf_identifier=key[:32].encode(), **PART_OPTIONS)
    return RenderResult(job.name, key, prepare_part(pdf), len(document.pages), 0, renders=1)
