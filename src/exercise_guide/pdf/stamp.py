"""Page numbers stamped onto a joined booklet, as pagination artifacts in an embedded font.

The booklet's pages come from documents rendered on their own (posters, front matter, sections,
index), so none of them knows its page number when it is laid out. The join writes the numbers
instead: a few text operators per page, marked `/Artifact <</Type /Pagination>>` so a screen
reader skips them and the structure tree stays as it was (PDF/UA-1 7.8), in a subset of
Atkinson Hyperlegible that holds the digits only, embedded once for the whole booklet.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache

import pikepdf
from pikepdf import Array, Dictionary, Name

from .confine import font_dir

_DIGITS = "0123456789"
_FIRST = ord("0")
_FONT_SIZE = 9.0
_FROM_BOTTOM = 4.5 * 72 / 25.4  # the baseline, inside the sheets' 10 mm bottom margin
_GREY = 0.27
_RESOURCE = "/EGPageNumber"


@cache
def _digit_font() -> tuple[bytes, tuple[int, ...], dict[str, float]]:
    """The digits-only TrueType subset, each digit's width (1/1000 em) and the font's metrics."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # recalcTimestamp off: the subset's bytes must not depend on when it was made.
    font = TTFont(font_dir() / "AtkinsonHyperlegible-Regular.ttf", recalcTimestamp=False)
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=_DIGITS)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = tuple(round(font["hmtx"][cmap[ord(d)]][0] * scale) for d in _DIGITS)
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    metrics = {
        "ascent": hhea.ascent * scale,
        "descent": hhea.descent * scale,
        "cap_height": getattr(os2, "sCapHeight", hhea.ascent) * scale,
        "x_min": head.xMin * scale,
        "y_min": head.yMin * scale,
        "x_max": head.xMax * scale,
        "y_max": head.yMax * scale,
    }
    return out.getvalue(), widths, metrics


def _to_unicode() -> bytes:
    """A ToUnicode map for the digits (they are also WinAnsi; PDF/UA readers like both)."""
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfrange <30> <39> <0030> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )


def _font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    program, widths, m = _digit_font()
    tag = "".join(chr(ord("A") + b % 26) for b in hashlib.sha256(program).digest()[:6])
    name = Name(f"/{tag}+AtkinsonHyperlegible-Regular")
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=name,
        Flags=32,  # nonsymbolic: codes are WinAnsi, looked up in the font's Unicode cmap
        FontBBox=Array(
            [round(m["x_min"]), round(m["y_min"]), round(m["x_max"]), round(m["y_max"])]
        ),
        ItalicAngle=0,
        Ascent=round(m["ascent"]),
        Descent=round(m["descent"]),
        CapHeight=round(m["cap_height"]),
        StemV=80,
        FontFile2=pdf.make_stream(program),
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=name,
            FirstChar=_FIRST,
            LastChar=_FIRST + 9,
            Widths=Array(list(widths)),
            Encoding=Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
            ToUnicode=pdf.make_stream(_to_unicode()),
        )
    )


def number_pages(pdf: pikepdf.Pdf, first: int) -> None:
    """Print each page's number (1 for the first page) at its bottom centre, from page index
    `first` on; earlier pages (the cover) stay unnumbered."""
    _, widths, _ = _digit_font()
    font = _font(pdf)
    for index in range(first, len(pdf.pages)):
        page = pdf.pages[index]
        text = str(index + 1)
        width = sum(widths[ord(c) - _FIRST] for c in text) * _FONT_SIZE / 1000
        left, bottom, right, _top = (float(v) for v in page.mediabox)
        x = (left + right - width) / 2
        y = bottom + _FROM_BOTTOM
        resources = page.obj.get("/Resources")
        if resources is None:
            resources = page.obj.Resources = Dictionary()
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = resources.Font = Dictionary()
        fonts[_RESOURCE] = font
        # The page's own drawing is closed in q/Q first, so its graphics state cannot move ours.
        page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        stamp = (
            "Q\nq /Artifact <</Type /Pagination /Subtype /Footer>> BDC "
            f"BT {_GREY} g {_RESOURCE} {_FONT_SIZE:g} Tf {x:.2f} {y:.2f} Td ({text}) Tj ET EMC Q\n"
        )
        page.contents_add(pdf.make_stream(stamp.encode("ascii")))


__all__ = ["number_pages"]
