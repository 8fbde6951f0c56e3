"""A render worker draws each distinct figure once and replays it into later documents.

The replayed poster must be the poster WeasyPrint draws on its own: the same pixels, text and
figure sizes, and still PDF/UA-1 (pdf/figure_replay.py).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PIL import Image, ImageChops
from pypdf import PdfReader

from exercise_guide.content import Library
from exercise_guide.pdf import PdfBuild, PrintOptions, RenderJob
from exercise_guide.pdf.documents import PosterMaker, print_figure
from exercise_guide.pdf.figure_replay import COUNTS, ImageCache
from exercise_guide.pdf.render import render
from tests.checkers import verapdf_failures
from tests.pdf.readers import figure_scales, page_texts, run
from tests.support import SHIPPED

EXERCISE = "elbow-flapping"


def _pixels(pdf: Path, dpi: int = 100) -> Image.Image:
    """The PDF's first page rasterised by poppler."""
    run("pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", pdf, pdf)
    return Image.open(pdf.with_name(pdf.name + ".png")).convert("RGB")


def _same_page(one: Path, other: Path) -> None:
    """Two PDFs read back the same: text, figure sizes and pixels (at 100 dpi and 150 dpi mono)."""
    assert page_texts(one) == page_texts(other)
    assert figure_scales(one) == figure_scales(other)
    assert ImageChops.difference(_pixels(one), _pixels(other)).getbbox() is None
    run("pdftoppm", "-mono", "-r", "150", "-singlefile", one, one.with_suffix(".mono"))
    run("pdftoppm", "-mono", "-r", "150", "-singlefile", other, other.with_suffix(".mono"))
    mono = [Image.open(p.with_suffix(".mono.pbm")).convert("L") for p in (one, other)]
    assert ImageChops.difference(*mono).getbbox() is None


def _plain_poster(library: Library, fit: int, where: Path) -> Path:
    """The same poster, as WeasyPrint alone draws it: its final HTML, styles inline, no cache."""
    from weasyprint import HTML

    maker = PosterMaker(library, library.exercises[EXERCISE], PrintOptions(), SHIPPED)
    html = maker.poster(fit, inline_styles=True)
    base_url = library.root.resolve().as_uri() + "/"
    where.write_bytes(
        HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    )
    return where


def test_a_second_poster_in_a_worker_replays_the_first_ones_figures_and_prints_the_same(
    shipped: Library, tmp_path: Path
) -> None:
    exercise = shipped.exercises[EXERCISE]
    figures = sum(
        print_figure(shipped, exercise, i).svg is not None for i in range(len(exercise.steps))
    )
    assert figures >= 2
    build = PdfBuild(shipped, templates=SHIPPED, cache_dir=tmp_path / "cache", show_progress=False)
    job = RenderJob("elbow-flapping.pdf", build.setup(), (exercise,))
    # In this process, as in a render worker: the first render draws, the second replays.
    before = dataclasses.replace(COUNTS)
    first = render(job)
    between = dataclasses.replace(COUNTS)
    second = render(job)
    assert first.pdf is not None and second.pdf is not None and first.error is None
    # Replayed or drawn, the same bytes: a PDF does not depend on what the worker drew before.
    assert first.pdf == second.pdf
    assert COUNTS.drawn == between.drawn, "the second poster drew a figure again"
    # Each step figure, the QR code and the logo: replayed, never drawn twice.
    assert COUNTS.replayed - between.replayed >= figures
    assert between.drawn - before.drawn <= figures + 2
    pdfs = {name: tmp_path / f"{name}.pdf" for name in ("first", "second")}
    pdfs["first"].write_bytes(first.pdf)
    pdfs["second"].write_bytes(second.pdf)
    # The figures are Form XObjects, the second poster's with the first one's operators.
    forms = []
    for path in pdfs.values():
        page = PdfReader(path).pages[0]
        objects = page["/Resources"]["/XObject"]
        forms.append(sorted(objects[name].get_object().get_data() for name in objects))
    assert len(forms[1]) >= figures and forms[0] == forms[1]
    plain = _plain_poster(shipped, second.fit, tmp_path / "plain.pdf")
    _same_page(pdfs["second"], plain)
    assert len(figure_scales(pdfs["second"])) >= figures
    failures = verapdf_failures([pdfs["first"], pdfs["second"]])
    assert failures == {pdfs["first"]: [], pdfs["second"]: []}


# Figures this module does not replay: text drawn with a font, a gradient, a translucent group.
_TEXT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" width="100" height="40">'
    '<text x="5" y="25" font-size="16">Seen from the side</text></svg>'
)
_GRADIENT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" width="100" height="40">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/>'
    '<stop offset="1" stop-color="#fff"/></linearGradient></defs>'
    '<rect width="100" height="40" fill="url(#g)"/></svg>'
)
_TRANSLUCENT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" width="100" height="40">'
    '<circle cx="50" cy="20" r="15" fill="#000" opacity="0.5"/></svg>'
)
# Like the step figures: paths and circles, strokes reaching past the box, dashes, hidden text.
_PLAIN = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" width="100" height="40">'
    "<style>text { display: none; }</style>"
    '<text x="5" y="25" font-size="16">Seen from the side</text>'
    '<path d="M-5 20Q50 -10 105 20" stroke="#000" stroke-width="12" fill="none"/>'
    '<g stroke="#000" stroke-dasharray="4 2"><circle cx="50" cy="30" r="8" fill="#ececec"/></g>'
    "</svg>"
)


def _page(*svgs: str, twice: bool = True) -> str:
    from exercise_guide.pdf.documents import svg_data_url

    images = "".join(
        f'<img src="{svg_data_url(svg)}" alt="A figure" style="width: 80mm">' for svg in svgs
    )
    images = images * 2 if twice else images
    return f'<html lang="en"><title>Figure</title><body><p>Figure</p>{images}</body></html>'


def _draw(html: str, cache: ImageCache | None, where: Path) -> Path:
    from weasyprint import HTML

    document = HTML(string=html).render(cache=cache)
    where.write_bytes(document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True))
    return where


def test_only_plain_figures_are_replayed_and_the_others_are_drawn_as_usual(
    tmp_path: Path,
) -> None:
    cache = ImageCache()
    cases = {"text": _TEXT, "gradient": _GRADIENT, "translucent": _TRANSLUCENT, "plain": _PLAIN}
    for name, svg in cases.items():
        replayed = name == "plain"
        html = _page(svg)
        plain = _draw(html, None, tmp_path / f"{name}-plain.pdf")
        before = dataclasses.replace(COUNTS)
        first = _draw(html, cache, tmp_path / f"{name}-first.pdf")
        cache.new_job()
        again = _draw(html, cache, tmp_path / f"{name}-again.pdf")
        # The page draws the figure twice: a replayable one is replayed from the first draw on.
        assert (COUNTS.replayed - before.replayed == 3) is replayed, name
        for drawn in (first, again):
            assert ImageChops.difference(_pixels(plain), _pixels(drawn)).getbbox() is None, name
        assert verapdf_failures([first, again]) == {first: [], again: []}, name
        if replayed:
            # Drawn twice on one page, it is one form painted twice.
            [form] = PdfReader(again).pages[0]["/Resources"]["/XObject"].values()
            assert form.get_object()["/Subtype"] == "/Form"


def test_a_worker_keeps_the_figures_posters_share_and_lets_one_off_ones_go() -> None:
    from exercise_guide.pdf.documents import svg_data_url

    cache = ImageCache(keep=8, keep_unused=2)
    shared = _PLAIN
    # One figure per job that no other job draws, as each poster's QR code.
    one_offs = [_PLAIN.replace('cx="50"', f'cx="{40 + job}"') for job in range(4)]
    for one_off in one_offs:
        cache.new_job()
        _draw(_page(shared, one_off, twice=False), cache, Path(os.devnull))
    cache.new_job()
    # The shared figure, replayed in every job after the first, is kept; of the one-off ones,
    # drawn once each, only the newest two.
    assert set(cache) == {svg_data_url(svg) for svg in (shared, *one_offs[-2:])}
    before = dataclasses.replace(COUNTS)
    _draw(_page(shared, one_offs[0], twice=False), cache, Path(os.devnull))
    assert (COUNTS.replayed - before.replayed, COUNTS.drawn - before.drawn) == (1, 1)
