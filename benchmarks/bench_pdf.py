"""PDF engine: all posters of a 100-exercise library, our pipeline against plain sequential WeasyPrint.

Prints `poster_speedup_vs_weasyprint` (plain sequential WeasyPrint time on the same final HTML over
our pipeline's full build time, HTML and figures included), `nochange_rebuild_fraction` (a rebuild
with nothing changed over the full build), and the raw times, from one run in one process.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import REPO, make_library, report, stopwatch

EXERCISES = int(os.environ.get("BENCH_PDF_EXERCISES", "100"))


def _final_html(library_root: Path, cache_dir: Path) -> list[str]:
    """The HTML each poster was finally rendered from (its fit level), built outside any timing."""
    from exercise_guide.content import load_library
    from exercise_guide.pdf import PrintOptions
    from exercise_guide.pdf.cache import AssetHasher, PdfCache
    from exercise_guide.pdf.documents import PosterMaker
    from exercise_guide.pdf.fingerprint import Fingerprint, code_digest

    library = load_library(library_root)
    options = PrintOptions(paper=library.guide.paper)
    templates = REPO / "templates"
    cache = PdfCache(cache_dir)
    fingerprint = Fingerprint(library, code_digest(templates), AssetHasher())
    pages = []
    for exercise in library.exercises.values():
        hit = cache.lookup(fingerprint.poster(exercise, options.as_dict()))
        assert hit is not None, exercise.id
        pages.append(PosterMaker(library, exercise, options, templates).poster(hit.fit))
    return pages


def _plain_weasyprint(pages: list[str], base_url: str) -> None:
    """The baseline: the same HTML, rendered one after another with WeasyPrint's defaults."""
    from weasyprint import HTML

    for html in pages:
        HTML(string=html, base_url=base_url).render().write_pdf(pdf_variant="pdf/ua-1")


def main() -> None:
    """Run the PDF benchmark and print its figures."""
    from exercise_guide.content import load_library
    from exercise_guide.pdf import build_pdfs

    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        root = make_library(EXERCISES, work / "content")
        cache = work / "cache"
        with stopwatch() as load:
            library = load_library(root)
        quiet = dict(show_progress=False, templates_dir=REPO / "templates", routines=False)
        with stopwatch() as full:
            first = build_pdfs(
                library, cache_dir=cache, out_dir=work / "out", booklet=False, **quiet
            )
        with stopwatch() as again:
            second = build_pdfs(
                library, cache_dir=cache, out_dir=work / "out", booklet=False, **quiet
            )
        assert second.rendered == 0, "a no-change rebuild rendered something"
        pages = _final_html(root, cache)
        with stopwatch() as plain:
            _plain_weasyprint(pages, root.resolve().as_uri() + "/")
        with stopwatch() as booklet:
            made = build_pdfs(
                library, cache_dir=cache, out_dir=work / "out", posters=False, **quiet
            )
        report("pdf_exercises", len(library.exercises), 0)
        report("pdf_cores", len(os.sched_getaffinity(0)), 0)
        report("pdf_library_load_seconds", load())
        report("pdf_posters_full_build_seconds", full())
        report("pdf_posters_rendered", first.rendered, 0)
        report("pdf_weasyprint_renders", first.renders, 0)
        report("pdf_plain_weasyprint_seconds", plain())
        report("poster_speedup_vs_weasyprint", plain() / full())
        report("pdf_nochange_rebuild_seconds", again())
        report("nochange_rebuild_fraction", again() / full(), 4)
        report("pdf_booklet_seconds", booklet())
        report("pdf_booklet_pages_rendered", made.rendered, 0)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report("pdf_worker_peak_rss_mb", peak, 1)
        report(
            "pdf_parent_peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
