"""A figure as a 1-bit black-and-white photocopy at 150 dpi, and how much of a part survives it.

The figure is printed at its print size with WeasyPrint and rasterised with `pdftoppm -mono`
(which dithers, as a copier does). A part (the dashed start position, the arrows) survives when
the black pixels it adds are a good share of those it adds when drawn in solid black.
"""

from __future__ import annotations

import base64
import itertools
import math
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, ImageFilter

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
DPI = 150


def one_bit(svg: str, height_mm: float = 45.0) -> Image.Image:
    """The figure printed `height_mm` tall, as a 1-bit image at 150 dpi."""
    from weasyprint import HTML

    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    html = (
        "<html><head><style>@page { size: 80mm 80mm; margin: 0 }"
        f"body {{ margin: 0 }} img {{ display: block; height: {height_mm}mm }}</style></head>"
        f'<body><img src="data:image/svg+xml;base64,{data}"></body></html>'
    )
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "figure.pdf"
        HTML(string=html).write_pdf(pdf)
        subprocess.run(
            ["pdftoppm", "-mono", "-r", str(DPI), str(pdf), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
        )
        page = next(Path(tmp).glob("page*.pbm"))
        return Image.open(page).convert("1").copy()


def _black(image: Image.Image, erode: bool = False) -> set[tuple[int, int]]:
    if erode:
        # A pixel stays black only if its 3x3 neighbourhood is all black: dots and hairlines go.
        image = image.convert("L").filter(ImageFilter.MaxFilter(3))
    px = image.load()
    assert px is not None
    return {(x, y) for y in range(image.height) for x in range(image.width) if px[x, y] == 0}  # type: ignore[index]


def _group(root: ET.Element, cls: str) -> list[tuple[ET.Element, ET.Element]]:
    """Every (parent, element) with this class."""
    return [
        (parent, child) for parent in root.iter() for child in parent if child.get("class") == cls
    ]


def without(svg: str, cls: str) -> str:
    """The figure with every element of a class taken out."""
    root = ET.fromstring(svg)
    for parent, child in _group(root, cls):
        parent.remove(child)
    return ET.tostring(root, encoding="unicode")


def solid_black(svg: str, cls: str) -> str:
    """The figure with a class's elements drawn in solid black: no dashes, no colour."""
    root = ET.fromstring(svg)
    for _, group in _group(root, cls):
        for el in group.iter():
            el.attrib.pop("stroke-dasharray", None)
            for attr in ("stroke", "fill"):
                if el.get(attr) not in (None, "none", "#fff"):
                    el.set(attr, "#000")
    return ET.tostring(root, encoding="unicode")


def survival(svg: str, cls: str, erode: bool = False, height_mm: float = 45.0) -> float:
    """The share of a part's solid-black pixels that its real drawing keeps in a 1-bit copy.

    With `erode`, only pixels inside solid black areas count: a thick dark line keeps its core,
    a thin or dithered one (a coloured or grey line in a copy) keeps none.
    """
    base = _black(one_bit(without(svg, cls), height_mm), erode)
    real = _black(one_bit(svg, height_mm), erode) - base
    reference = _black(one_bit(solid_black(svg, cls), height_mm), erode) - base
    assert reference, f"no '{cls}' in the figure"
    return len(real & reference) / len(reference)


def _length(d: str) -> float:
    """Length of a polyline path ("Mx yLx y...")."""
    pts = [tuple(float(v) for v in chunk.split()) for chunk in d[1:].split("L")]
    return sum(math.dist(a, b) for a, b in itertools.pairwise(pts))


def dark_width_mm(svg: str, cls: str, height_mm: float = 45.0) -> float:
    """How wide, in mm of paper, the solid black that a class's lines leave in a 1-bit copy is.

    The black pixels the lines add, divided by the length of their centrelines: a thick black
    arrow leaves about its width, a thin or pale one much less.
    """
    root = ET.fromstring(svg)
    # Only the shafts are measured: arrowheads and words are area, not length.
    for _, group in _group(root, cls):
        for parent in list(group.iter()):
            for child in list(parent):
                if "Z" in child.get("d", "") or (
                    child.tag.endswith(("}text", "}g"))
                    and (
                        child.find(f".//{{{SVG_NS}}}text") is not None
                        or child.tag.endswith("}text")
                    )
                ):
                    parent.remove(child)
    svg = ET.tostring(root, encoding="unicode")
    lines = {
        el.get("d", "")
        for _, group in _group(root, cls)
        for el in group.iter(f"{{{SVG_NS}}}path")
        if "Z" not in el.get("d", "") and el.get("d", "").startswith("M")
    }
    view_height = float(root.get("viewBox", "0 0 1 1").split()[3])
    px_per_unit = height_mm / 25.4 * DPI / view_height
    length_px = sum(_length(d) for d in lines) * px_per_unit
    added = _black(one_bit(svg, height_mm)) - _black(one_bit(without(svg, cls), height_mm))
    return len(added) / length_px * 25.4 / DPI
