"""Posters start at their predicted fit level: mostly laid out once, never tighter than needed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from weasyprint import HTML

from exercise_guide.content import Library, load_library
from exercise_guide.importers.runner import import_free_exercise_db
from exercise_guide.pdf import PrintOptions
from exercise_guide.pdf.documents import PosterMaker
from tests.pdf.conftest import TEMPLATES, build
from tests.support import CONTENT, FREE_EXERCISE_DB

# Every 4th entry of the 100 that pdf/fit.py is calibrated on (spread evenly over the file).
SAMPLE = 25
# WeasyPrint renders per poster on this sample: 1.26 with the prediction, 2.30 searching from 0.
RENDER_BUDGET = 1.3


def _seed_and_sample(where: Path) -> Library:
    content = where / "content"
    shutil.copytree(CONTENT, content)
    entries = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))
    sample = [entries[4 * i * len(entries) // 100] for i in range(SAMPLE)]
    dataset = where / "sample.json"
    dataset.write_text(json.dumps(sample), encoding="utf-8")
    import_free_exercise_db(dataset, content / "exercises")
    return load_library(content)


def _pages_at(library: Library, exercise_id: str, fit: int) -> int:
    maker = PosterMaker(
        library, library.exercises[exercise_id], PrintOptions(paper=library.guide.paper), TEMPLATES
    )
    html = maker.poster(fit, inline_styles=True)
    return len(HTML(string=html, base_url=library.root.resolve().as_uri() + "/").render().pages)


def test_seed_and_imported_posters_start_at_a_predicted_level_never_tighter_than_needed(
    tmp_path: Path,
) -> None:
    library = _seed_and_sample(tmp_path)
    report = build(library, tmp_path, booklet=False)

    assert report.rendered == len(library.exercises) > SAMPLE
    # Few predictions were too loose and overflowed into a second render.
    assert report.renders <= RENDER_BUDGET * report.rendered, report.fits
    # And none was too tight: one level looser runs over the page.
    tight = {name: fit for name, fit in report.fits.items() if fit > 0}
    assert tight, "the sample should hold posters that need a tighter level"
    for name, fit in tight.items():
        assert _pages_at(library, name.removesuffix(".pdf"), fit - 1) > 1, (name, fit)
