"""Read PDFs back through real readers: pypdf, poppler (pdftotext, pdfinfo, pdftoppm) and zbarimg."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject


def run(*args: str | Path) -> str:
    """Run a command and return its stdout (fails the test on a non-zero exit)."""
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr}"
    return done.stdout


def squash(text: str) -> str:
    """Text without any whitespace, so line breaks and columns do not matter when comparing."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """All text of a PDF, in content order (pdftotext -raw)."""
    return run("pdftotext", "-raw", "-enc", "UTF-8", path, "-")


def pdfinfo(path: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    fields = {}
    for line in run("pdfinfo", path).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def qr_codes(path: Path, tmp: Path, page: int = 1, *, photocopy: bool = False) -> list[str]:
    """What zbarimg decodes from a 200 dpi raster of a PDF page (a photocopy: 150 dpi, 1-bit)."""
    prefix = tmp / f"{path.stem}-p{page}{'-mono' if photocopy else ''}"
    raster = ["-mono", "-r", "150"] if photocopy else ["-png", "-r", "200"]
    run("pdftoppm", *raster, "-f", str(page), "-l", str(page), "-singlefile", path, prefix)
    out = run("zbarimg", "--quiet", "--raw", f"{prefix}.{'pbm' if photocopy else 'png'}")
    return [line for line in out.splitlines() if line]


def resolve(obj: Any) -> Any:
    """The object a PDF reference points at (the object itself when it is no reference)."""
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def struct_elements(reader: PdfReader) -> list[DictionaryObject]:
    """Every element of the PDF structure tree (the tags screen readers use)."""
    root = resolve(reader.trailer["/Root"])
    tree = resolve(root.get("/StructTreeRoot"))
    found: list[DictionaryObject] = []
    stack = [tree] if tree is not None else []
    seen: set[int] = set()
    while stack:
        node = resolve(stack.pop())
        if id(node) in seen or not isinstance(node, DictionaryObject):
            if isinstance(node, list):
                stack.extend(node)
            continue
        seen.add(id(node))
        if node.get("/Type") == "/StructElem" or "/S" in node:
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            kids = resolve(kids)
            stack.extend(kids if isinstance(kids, list) else [kids])
    return found


def embedded_fonts(reader: PdfReader) -> set[str]:
    """Base names of fonts whose program is embedded in the PDF."""
    names = set()
    for page in reader.pages:
        fonts = resolve(resolve(page["/Resources"]).get("/Font", {}))
        for ref in fonts.values():
            font = resolve(ref)
            for descendant in resolve(font.get("/DescendantFonts", [])) or []:
                desc = resolve(resolve(descendant).get("/FontDescriptor"))
                if desc is not None and any(
                    k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    names.add(str(font["/BaseFont"]))
    return names


def page_texts(path: Path, layout: bool = True) -> list[str]:
    """Each page's text, in page order: as laid out (pdftotext -layout), or in drawing order (-raw)."""
    mode = "-layout" if layout else "-raw"
    return run("pdftotext", mode, "-enc", "UTF-8", path, "-").split("\f")[:-1]


def first_line(text: str) -> str:
    """A page's first line of text."""
    return next(line.strip() for line in text.splitlines() if line.strip())


def outline(reader: PdfReader) -> list[Any]:
    """The outline as nested (title, page index, children) tuples."""

    def walk(items: list[Any]) -> list[Any]:
        found: list[Any] = []
        for item in items:
            if isinstance(item, list):
                title, page, _ = found[-1]
                found[-1] = (title, page, walk(item))
            else:
                found.append((str(item.title), reader.get_destination_page_number(item), []))
        return found

    return walk(reader.outline)


def target_pages(reader: PdfReader) -> dict[str, int]:
    """Named link targets → page index."""
    return {
        name: reader.get_destination_page_number(dest)
        for name, dest in reader.named_destinations.items()
    }


def listed_pages(text: str, titles: list[str]) -> dict[str, int]:
    """The page number printed after each title in a list ("Title ..... 12")."""
    found = {}
    for title in titles:
        # A leader of dots after the title (and the area it is printed with, if elsewhere).
        match = re.search(re.escape(title) + r"(?: \([^)\n]*\))?[ .]+(\d+)\b", text)
        assert match, f"{title!r} is not listed with a page in {text[:400]!r}"
        found[title] = int(match.group(1))
    return found


MM_PER_PT = 25.4 / 72


def text_runs(path: Path) -> list[tuple[int, float, str]]:
    """Every text run in a PDF as (page, size in pt as printed, text), from pypdf's visitor."""
    runs: list[tuple[int, float, str]] = []
    for number, page in enumerate(PdfReader(path).pages, start=1):

        def visit(
            text: str, cm: list[float], tm: list[float], font: Any, size: float, page: int = number
        ) -> None:
            if not text.strip():
                return
            # The font size scaled by the text and current transformation matrices' y axis.
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            runs.append((page, size * math.hypot(c, d), text))

        page.extract_text(visitor_text=visit)
    return runs


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _svg_scales(reader: PdfReader, page: Any) -> dict[int, float]:
    """Per marked-content id: the scale (pt per SVG unit) of the first SVG viewBox drawn in it.

    WeasyPrint draws an SVG image by moving to its box, then scaling its viewBox to the box
    (a `cm` that is a pure scale); that scale times the viewBox size is the printed size. A
    figure drawn once per render worker and replayed (pdf/figure_replay.py) is drawn inside a
    Form XObject that the marked content paints with `Do`: its operators are read there, under
    the transformation in force at the `Do`.
    """
    scales: dict[int, float] = {}
    marks: list[int | None] = []

    def walk(content: ContentStream, resources: Any, ctm: list[float]) -> None:
        saved: list[list[float]] = []
        for operands, operator in content.operations:
            if operator == b"q":
                saved.append(ctm)
            elif operator == b"Q":
                ctm = saved.pop()
            elif operator == b"BDC":
                props = resolve(operands[1])
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                marks.append(int(mcid) if mcid is not None else None)
            elif operator == b"BMC":
                marks.append(None)
            elif operator == b"EMC" and marks:
                marks.pop()
            elif operator == b"Do":
                form = resolve(resolve(resources.get("/XObject", {})).get(operands[0]))
                if form is not None and form.get("/Subtype") == "/Form":
                    matrix = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    inner = resolve(form.get("/Resources", {}))
                    walk(ContentStream(form, reader), inner, _multiply(matrix, ctm))
            elif operator == b"cm":
                matrix = [float(v) for v in operands]
                ctm = _multiply(matrix, ctm)
                pure_scale = (
                    matrix[1] == matrix[2] == matrix[4] == matrix[5] == 0
                    and matrix[0] == matrix[3] != 1
                )
                if pure_scale:
                    for mcid in marks:
                        if mcid is not None:
                            scales.setdefault(mcid, abs(ctm[3]))

    identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    walk(ContentStream(page.get_contents(), reader), resolve(page["/Resources"]), identity)
    return scales


def figure_scales(path: Path) -> list[tuple[int, str, float]]:
    """Every /Figure of a tagged PDF as (page, alt text, pt per SVG unit it is drawn at)."""
    reader = PdfReader(path)
    page_numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    scales: dict[int, dict[int, float]] = {}
    found = []
    for element in struct_elements(reader):
        if element.get("/S") != "/Figure":
            continue
        page_ref = element.get("/Pg")
        kids = resolve(element.get("/K"))
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = resolve(kid)
            if isinstance(kid, DictionaryObject):
                page_ref = kid.get("/Pg", page_ref)
                kid = kid.get("/MCID")
            if kid is None or page_ref is None:
                continue
            number = page_numbers[page_ref.idnum]
            if number not in scales:
                scales[number] = _svg_scales(reader, reader.pages[number - 1])
            if int(kid) in scales[number]:
                found.append((number, str(element.get("/Alt", "")), scales[number][int(kid)]))
                break
    return found
