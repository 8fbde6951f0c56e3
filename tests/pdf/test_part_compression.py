"""Posters and the booklet are written uncompressed by WeasyPrint and compressed when prepared:
nothing may reach the reader uncompressed but the XMP metadata, which PDF/A keeps plain."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from exercise_guide.pdf import BuildReport


def _uncompressed_streams(path: Path) -> tuple[list[str], int]:
    """The types of the file's unfiltered streams (but metadata), and how many object streams it has."""
    plain: list[str] = []
    packed = 0
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            kind = str(obj.get("/Type", "(stream)"))
            packed += kind == "/ObjStm"
            if "/Filter" not in obj and kind != "/Metadata":
                plain.append(kind)
    return plain, packed


def test_every_pdf_is_compressed_with_object_streams(
    a4_build: tuple[Path, BuildReport],
) -> None:
    _, report = a4_build
    assert len(report.files) > 3
    for name, path in report.files.items():
        plain, packed = _uncompressed_streams(path)
        assert not plain, f"{name}: uncompressed streams {plain}"
        # Small objects (the structure tree's hundreds of elements) travel in object streams.
        assert packed >= 1, f"{name}: no object streams"


def test_a_part_straight_from_weasyprint_is_compressed_by_preparing_it(tmp_path: Path) -> None:
    from weasyprint import HTML

    from exercise_guide.pdf.assemble import prepare_part
    from exercise_guide.pdf.render import PART_OPTIONS

    html = (
        '<html lang="en"><head><title>Step</title></head>'
        "<body><h1>Step</h1><p>Breathe in.</p></body></html>"
    )
    raw = HTML(string=html).render().write_pdf(**PART_OPTIONS)
    (tmp_path / "raw.pdf").write_bytes(raw)
    (tmp_path / "part.pdf").write_bytes(prepare_part(raw))
    assert _uncompressed_streams(tmp_path / "raw.pdf")[0], "the part was written compressed already"
    plain, packed = _uncompressed_streams(tmp_path / "part.pdf")
    assert not plain and packed >= 1
    assert len(prepare_part(raw)) < len(raw)
