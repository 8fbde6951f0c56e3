"""Posters of the shipped content, read back: one page, every line, fonts, QR code, tags, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from exercise_guide.content import Library
from exercise_guide.figures import render_step
from exercise_guide.pdf import BuildReport
from exercise_guide.pdf.documents import QR_PIXELS
from exercise_guide.strings import strings
from tests.pdf.readers import embedded_fonts, pdf_text, pdfinfo, qr_codes, squash, struct_elements

# Page sizes in PDF points, portrait.
SIZES = {"A4": (595.3, 841.9), "Letter": (612.0, 792.0), "A3": (841.9, 1190.6)}


def test_every_poster_is_one_page_of_the_right_size(
    paper_build: tuple[str, BuildReport], shipped: Library
) -> None:
    paper, report = paper_build
    assert sorted(report.files) == sorted(f"{i}.pdf" for i in shipped.exercises)
    for path in report.files.values():
        reader = PdfReader(path)
        assert len(reader.pages) == 1, path.name
        box = reader.pages[0].mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(
            SIZES[paper], abs=0.2
        )


def test_poster_text_holds_every_step_benefit_tip_and_safety_line(
    paper_build: tuple[str, BuildReport], shipped: Library
) -> None:
    _, report = paper_build
    s = strings("en")
    for exercise in shipped.exercises.values():
        text = squash(pdf_text(report.files[f"{exercise.id}.pdf"]))
        lines = [exercise.title, exercise.summary, shipped.guide.disclaimer]
        lines += [step.text for step in exercise.steps]
        lines += [s["breath"][step.breath] for step in exercise.steps if step.breath]
        lines += [*exercise.benefits, *exercise.tips, *exercise.safety, *exercise.cautions]
        lines += [
            s["safety"],
            shipped.guide.branding.name,
            f"{s['version']} {shipped.guide.version}",
        ]
        missing = [line for line in lines if squash(line) not in text]
        assert not missing, f"{exercise.id}: missing {missing}"


def test_fonts_are_atkinson_hyperlegible_and_embedded(paper_build: tuple[str, BuildReport]) -> None:
    _, report = paper_build
    for path in report.files.values():
        fonts = embedded_fonts(PdfReader(path))
        assert any("Atkinson-Hyperlegible" in name for name in fonts), (path.name, fonts)
        assert all("Atkinson-Hyperlegible" in name for name in fonts), (path.name, fonts)


def test_qr_code_decodes_to_the_exercise_page(
    paper_build: tuple[str, BuildReport], shipped: Library, tmp_path: Path
) -> None:
    _, report = paper_build
    for exercise in shipped.exercises.values():
        codes = qr_codes(report.files[f"{exercise.id}.pdf"], tmp_path)
        assert codes == [f"{shipped.guide.base_url}exercises/{exercise.id}/"]


def test_qr_code_is_an_unsmoothed_image_of_whole_pixel_modules_that_survives_a_photocopy(
    a4_build: tuple[Path, BuildReport], shipped: Library, tmp_path: Path
) -> None:
    # An image copied in, not some 300 SVG path segments drawn for every poster; printed
    # unsmoothed (/Interpolate false), its square modules stay sharp at any print resolution.
    _, report = a4_build
    for exercise in shipped.exercises.values():
        path = report.files[f"{exercise.id}.pdf"]
        resources = PdfReader(path).pages[0]["/Resources"]["/XObject"]
        objects = [resources[name].get_object() for name in resources]
        (qr,) = [o for o in objects if o["/Subtype"] == "/Image"]
        assert qr["/Interpolate"] == BooleanObject(False)
        assert qr["/Width"] == qr["/Height"] and qr["/Width"] % QR_PIXELS == 0
        url = f"{shipped.guide.base_url}exercises/{exercise.id}/"
        assert qr_codes(path, tmp_path, photocopy=True) == [url]


def test_tagged_pdf_ua_with_title_language_author_and_alt_text(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    for exercise in shipped.exercises.values():
        path = report.files[f"{exercise.id}.pdf"]
        info = pdfinfo(path)
        assert info["Tagged"] == "yes"
        assert info["Title"] == exercise.title
        assert info["Author"] == shipped.guide.branding.name
        reader = PdfReader(path)
        assert reader.trailer["/Root"]["/Lang"] == shipped.guide.language
        assert b"pdfuaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        figures = [e for e in struct_elements(reader) if e.get("/S") == "/Figure"]
        # One figure per step, plus the QR code.
        assert len(figures) == len(exercise.steps) + 1
        for figure in figures:
            assert str(figure.get("/Alt", "")).strip(), f"{exercise.id}: a figure has no alt text"
        alts = {str(f["/Alt"]) for f in figures}
        for index in range(len(exercise.steps)):
            assert render_step(shipped, exercise, index).alt in alts


def test_no_dates_in_the_pdf_when_the_guide_sets_none(a4_build: tuple[Path, BuildReport]) -> None:
    _, report = a4_build
    for path in report.files.values():
        metadata = PdfReader(path).metadata or {}
        assert "/CreationDate" not in metadata and "/ModDate" not in metadata, path.name
