"""Where a poster's CPU time goes, and whether laying several posters out as one WeasyPrint
document pays (issue 16's "batch posters" lever).

Takes POSTER_COST_N posters (24) of the seed plus 100 imported entries, each at its predicted fit
level, and renders them in this process the way a render worker does (pre-parsed CSS, one font
configuration). Times are CPU seconds, the least of POSTER_COST_ROUNDS rounds (3), single and
batched rounds interleaved, so other work on a shared machine disturbs them less. Prints:

- `poster_cpu_seconds`, `poster_layout_cpu_seconds`, `poster_draw_cpu_seconds`: one poster laid
  out and written as a PDF, and its two halves;
- `poster_figures_cpu_share`: the part of a poster's time its SVG pictures (step figures; the QR
  code is a PNG) take, measured against the same posters with each picture replaced by an empty one;
- `batched_vs_single_cpu`: CPU per poster when the posters are laid out as one document (page i
  is poster i) and each page is written as its own PDF, over one document per poster;
- `batched_pages_identical`: how many of those page-by-page PDFs, given their own poster's
  metadata, are byte-identical to the poster rendered alone (all of them means batching would
  keep every poster's bytes, tags and bookmarks).
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import make_imported_library, report

POSTERS = int(os.environ.get("POSTER_COST_N", "24"))
ROUNDS = int(os.environ.get("POSTER_COST_ROUNDS", "3"))
# A picture of a step figure's size with nothing in it: what is left when drawing costs nothing.
_EMPTY = base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 262" width="240" height="262"/>'
).decode()
_PICTURE = re.compile(r'src="data:image/svg\+xml;base64,[^"]*"')
# Each poster after the first starts a page, as its own document would.
_BATCH_CSS = "\nbody > * + * { break-before: page; }\n"


def _cpu(work: Callable[[], Any]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    """Print where a poster's CPU goes and what batching posters gives, as `name: value` lines."""
    from weasyprint import HTML
    from weasyprint.document import DocumentMetadata
    from weasyprint.html import get_html_metadata

    from exercise_guide.content import load_library
    from exercise_guide.pdf import PdfBuild, PrintOptions
    from exercise_guide.pdf.documents import PosterMaker
    from exercise_guide.pdf.fetcher import ConfinedFetcher
    from exercise_guide.pdf.fit import poster_words, predicted_fit
    from exercise_guide.pdf.render import PDF_OPTIONS, _layout
    from exercise_guide.template_folders import PACKAGED, Templates

    with tempfile.TemporaryDirectory(prefix="bench-poster-cost-") as tmp:
        library = load_library(make_imported_library(100, Path(tmp) / "content"))
        templates = Templates((PACKAGED,))
        options = PrintOptions(paper=library.guide.paper)
        setup = PdfBuild(library, templates=templates, cache_dir=Path(tmp) / "cache").setup()
        fetcher = ConfinedFetcher(setup.roots)
        pages: list[str] = []
        css = ""
        for exercise in list(library.exercises.values())[:POSTERS]:
            maker = PosterMaker(library, exercise, options, templates)
            fit = predicted_fit(exercise, options, poster_words(exercise, library.guide))
            pages.append(maker.poster(fit))
            css = maker.styles()

        def lay_out(html: str, extra: str = "") -> Any:
            return _layout(html, css + extra, setup, fetcher)

        def write(document: Any) -> bytes:
            data: bytes = document.write_pdf(pdf_identifier=b"0" * 32, **PDF_OPTIONS)
            return data

        blank = [_PICTURE.sub(f'src="data:image/svg+xml;base64,{_EMPTY}"', p) for p in pages]
        bodies = [re.search(r"<body>(.*)</body>", p, re.S).group(1) for p in pages]  # type: ignore[union-attr]
        head = pages[0][: pages[0].index("<body>")]
        joined = f"{head}<body>{''.join(bodies)}</body></html>"
        write(lay_out(pages[0]))  # fonts and styles loaded, as in a worker that has started

        def batched() -> list[bytes]:
            document = lay_out(joined, _BATCH_CSS)
            out = []
            for page, html in zip(document.pages, pages, strict=True):
                alone = document.copy([page])
                alone.metadata = DocumentMetadata(**get_html_metadata(HTML(string=html)))
                out.append(write(alone))
            return out

        times: dict[str, list[float]] = {"layout": [], "draw": [], "blank": [], "batch": []}
        laid: list[Any] = []
        for _ in range(ROUNDS):
            laid.clear()
            times["layout"].append(_cpu(lambda: laid.extend(lay_out(p) for p in pages)))
            times["draw"].append(_cpu(lambda: [write(d) for d in laid]))
            times["blank"].append(_cpu(lambda: [write(lay_out(p)) for p in blank]))
            times["batch"].append(_cpu(batched))
        layout, draw = min(times["layout"]) / POSTERS, min(times["draw"]) / POSTERS
        report("poster_cpu_seconds", layout + draw)
        report("poster_layout_cpu_seconds", layout)
        report("poster_draw_cpu_seconds", draw)
        without = min(times["blank"]) / POSTERS
        report("poster_figures_cpu_share", 1 - without / (layout + draw))
        report("batched_vs_single_cpu", min(times["batch"]) / POSTERS / (layout + draw))
        alone = [write(lay_out(p)) for p in pages]
        same = sum(a == b for a, b in zip(alone, batched(), strict=True))
        report("batched_pages_identical", same, 0)
        report("batched_pages", POSTERS, 0)


if __name__ == "__main__":
    main()
