"""PDF engine: all posters of a 100-exercise library, our pipeline against plain sequential WeasyPrint.

Prints `renders_per_document` (WeasyPrint renders over posters rendered: 1.0 when every poster's
predicted fit level was right), `poster_speedup_vs_weasyprint` (plain sequential WeasyPrint time
on each poster's final HTML over our pipeline's full build time, HTML, figures and fit level
included), `poster_speedup_vs_weasyprint_same_renders` (the baseline also lays out every looser
fit level, as a search from the loosest level would), `nochange_rebuild_fraction` (a rebuild
with nothing changed over the full build), and the raw times, from one run in one process.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import make_library, report, stopwatch

EXERCISES = int(os.environ.get("BENCH_PDF_EXERCISES", "100"))


def _poster_html(library_root: Path, cache_dir: Path) -> list[list[str]]:
    """Each poster's HTML at every fit level up to the one it was rendered at (built untimed)."""
    from exercise_guide.content import load_library
    from exercise_guide.pdf import PrintOptions
    from exercise_guide.pdf.cache import AssetHasher, PdfCache
    from exercise_guide.pdf.documents import PosterMaker
    from exercise_guide.pdf.fingerprint import Fingerprint, code_digest
    from exercise_guide.template_folders import PACKAGED, Templates

    library = load_library(library_root)
    options = PrintOptions(paper=library.guide.paper)
    templates = Templates((PACKAGED,))
    cache = PdfCache(cache_dir)
    fingerprint = Fingerprint(library, code_digest(templates), AssetHasher())
    pages = []
    for exercise in library.exercises.values():
        hit = cache.lookup(fingerprint.poster(exercise, options.as_dict()))
        assert hit is not None, exercise.id
        maker = PosterMaker(library, exercise, options, templates)
        pages.append([maker.poster(fit, inline_styles=True) for fit in range(hit.fit + 1)])
    return pages


def _plain_weasyprint(pages: list[list[str]], base_url: str, search: bool) -> None:
    """The baseline: the same HTML, rendered one after another with WeasyPrint's defaults.

    Without search, only each poster's final HTML; with it, also the looser fit levels that
    overflowed (laid out, not written), which is the work our pipeline does.
    """
    from weasyprint import HTML

    for levels in pages:
        for html in levels[:-1] if search else []:
            HTML(string=html, base_url=base_url).render()
        HTML(string=levels[-1], base_url=base_url).render().write_pdf(pdf_variant="pdf/ua-1")


def main() -> None:
    """Run the PDF benchmark and print its figures."""
    from exercise_guide.content import load_library
    from exercise_guide.printing import build_pdfs
    from exercise_guide.template_folders import PACKAGED, Templates

    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        root = make_library(EXERCISES, work / "content")
        cache = work / "cache"
        with stopwatch() as load:
            library = load_library(root)
        quiet = dict(show_progress=False, templates=Templates((PACKAGED,)), routines=False)
        parent_cpu = time.process_time()
        with stopwatch() as full:
            first = build_pdfs(
                library, cache_dir=cache, out_dir=work / "out", booklet=False, **quiet
            )
        full_parent_cpu = time.process_time() - parent_cpu
        with stopwatch() as again:
            second = build_pdfs(
                library, cache_dir=cache, out_dir=work / "out", booklet=False, **quiet
            )
        assert second.rendered == 0, "a no-change rebuild rendered something"
        pages = _poster_html(root, cache)
        base_url = root.resolve().as_uri() + "/"
        cpu = time.process_time()
        with stopwatch() as plain:
            _plain_weasyprint(pages, base_url, search=False)
        plain_cpu = time.process_time() - cpu
        cpu = time.process_time()
        with stopwatch() as plain_search:
            _plain_weasyprint(pages, base_url, search=True)
        plain_search_cpu = time.process_time() - cpu
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
        # Posters start at their predicted fit level: above 1.0 only where a prediction overflowed.
        report("renders_per_document", first.renders / first.rendered)
        report("pdf_plain_weasyprint_seconds", plain())
        report("poster_speedup_vs_weasyprint", plain() / full())
        report("pdf_plain_weasyprint_with_fit_search_seconds", plain_search())
        report("poster_speedup_vs_weasyprint_same_renders", plain_search() / full())
        # CPU seconds do not depend on what else runs on the machine; wall seconds do.
        pipeline_cpu = first.worker_cpu_seconds + full_parent_cpu
        report("pdf_pipeline_cpu_seconds", pipeline_cpu)
        report("pdf_plain_weasyprint_cpu_seconds", plain_cpu)
        report("pdf_plain_weasyprint_with_fit_search_cpu_seconds", plain_search_cpu)
        report("poster_cpu_ratio_plain_over_pipeline", plain_cpu / pipeline_cpu)
        report("pdf_load_average_1min", os.getloadavg()[0], 2)
        report("pdf_nochange_rebuild_seconds", again())
        report("nochange_rebuild_fraction", again() / full(), 4)
        report("pdf_booklet_seconds", booklet())
        report("pdf_booklet_documents_rendered", made.rendered, 0)  # front matter and parts
        report(
            "pdf_parent_peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
