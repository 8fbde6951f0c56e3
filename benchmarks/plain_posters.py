"""Plain WeasyPrint on a built project's posters: `python -m benchmarks.plain_posters PROJECT N OUT.json`.

Takes N posters spread evenly over the library of a project that was just built, makes each one's
final HTML (at the fit level its build ended at, styles inline, as a plain WeasyPrint user would
give it) untimed, then times rendering them one after another with WeasyPrint's defaults. Run with
the same code on the path as the build, so the cache finds each poster's level.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    """Time plain sequential WeasyPrint on a sample of the project's posters; write JSON."""
    from weasyprint import HTML

    from exercise_guide.content import load_library
    from exercise_guide.pdf import PrintOptions
    from exercise_guide.pdf.cache import AssetHasher, PdfCache
    from exercise_guide.pdf.documents import PosterMaker
    from exercise_guide.pdf.fingerprint import Fingerprint, code_digest
    from exercise_guide.template_folders import templates_for

    project, wanted, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    library = load_library(project / "content")
    templates = templates_for(project)
    options = PrintOptions(paper=library.guide.paper)
    cache = PdfCache(project / ".cache" / "pdf")
    fingerprint = Fingerprint(library, code_digest(templates), AssetHasher())
    exercises = list(library.exercises.values())
    count = min(wanted, len(exercises))
    chosen = [exercises[i * len(exercises) // count] for i in range(count)]
    pages = []
    for exercise in chosen:
        hit = cache.lookup(fingerprint.poster(exercise, options.as_dict()))
        if hit is None:
            raise SystemExit(f"{exercise.id}: its poster is not in the project's cache")
        maker = PosterMaker(library, exercise, options, templates)
        pages.append(maker.poster(hit.fit, inline_styles=True))
    base_url = library.root.resolve().as_uri() + "/"
    start, cpu = time.perf_counter(), time.process_time()
    for html in pages:
        HTML(string=html, base_url=base_url).render().write_pdf(pdf_variant="pdf/ua-1")
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    result = {
        "sampled": count,
        "posters": len(exercises),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
    }
    out.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
