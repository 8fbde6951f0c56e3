"""Read a built booklet back with the tests' checker: `python -m benchmarks.booklet_readback
GUIDE_PDF CONTENT_DIR SIZE` prints `booklet_pages_SIZE: N` and `booklet_readback_SIZE: ok`
(or `booklet_readback_SIZE: FAILED` and each failure, and exits 1).

The scale benchmark runs it on the whole library's guide.pdf (too slow a build for `make test`):
a section page per body area in order, every exercise printed exactly once, every listed and
indexed page number landing on a page showing that exercise's title, the article and the routine
inside, bookmarks mirroring the structure (tests/pdf/booklet_readback.py holds the checks).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import report


def readback(pdf: Path, content: Path, size: str) -> tuple[int, bool]:
    """Check the booklet against its library; print whether it reads back right (each failure
    if not); return its page count and that."""
    from exercise_guide.content import load_library
    from tests.pdf.booklet_readback import booklet_failures
    from tests.pdf.readers import pdfinfo

    pages = int(pdfinfo(pdf)["Pages"])
    name = f"booklet_readback_{size}"
    failures = booklet_failures(pdf, load_library(content))
    if not failures:
        print(f"{name}: ok", flush=True)
        return pages, True
    print(f"{name}: FAILED", flush=True)
    for failure in failures:
        print(f"  {failure}", flush=True)
    return pages, False


def main() -> None:
    """Read back the booklet named on the command line; exit 1 when anything is wrong."""
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    pdf, content, size = sys.argv[1:]
    pages, right = readback(Path(pdf), Path(content), size)
    # The scale benchmark prints the page count with its other figures.
    report(f"booklet_pages_{size}", pages, 0)
    if not right:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
