"""Contact sheets: figures in a labelled grid, rasterised with WeasyPrint and pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

from PIL import Image, ImageOps

from ..errors import BuildError
from .draw import Scene, render
from .kinematics import forward
from .poses import PoseBook
from .project import VIEWS

Cell = tuple[str, str]  # (label, svg)


def pose_cells(book: PoseBook, names: Sequence[str] | None = None) -> list[tuple[str, list[Cell]]]:
    """One row per key pose: its description and its figure in every view."""
    rows = []
    for name in names or book.names():
        resolved = book.get(name)
        body = forward(resolved.angles)
        cells = [
            (
                view,
                render(
                    Scene(body=body, view=view, title=f"{name}, {view} view", props=resolved.props)
                ),
            )
            for view in VIEWS
        ]
        rows.append((f"{name}: {book.specs[name].description}", cells))
    return rows


def sheet_html(
    title: str, rows: Sequence[tuple[str, Sequence[Cell]]], columns: int = 4, note: str = ""
) -> str:
    """An HTML page laying out labelled rows of figures."""
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    body = []
    for heading, cells in rows:
        figs = "".join(
            f"<figure>{svg.replace('<svg ', '<svg class=fig ', 1)}<figcaption>{escape(label)}"
            "</figcaption></figure>"
            for label, svg in cells
        )
        body.append(f'<section><h2>{escape(heading)}</h2><div class="row">{figs}</div></section>')
    width = columns * 44
    # One tall page: pdftoppm then gives a single image, with no gaps at page breaks.
    height = 20 + 75 * len(rows)
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: {width + 8}mm {height}mm; margin: 4mm; }}
body {{ font-family: "Atkinson Hyperlegible", Helvetica, Arial, sans-serif; margin: 0; color: #1a1a1a; }}
h1 {{ font-size: 11pt; margin: 0 0 2mm; }}
section {{ break-inside: avoid; border-top: 0.3mm solid #ddd; padding: 1mm 0; }}
h2 {{ font-size: 7.5pt; font-weight: normal; margin: 0 0 0.5mm; }}
.row {{ display: flex; }}
figure {{ margin: 0; width: 44mm; text-align: center; }}
svg.fig {{ width: 40mm; height: auto; }}
figcaption {{ font-size: 6pt; color: #666; }}
.note {{ font-size: 7pt; color: #555; margin: 0 0 2mm; }}
</style></head><body><h1>{escape(title)}</h1>{note_html}{"".join(body)}</body></html>"""


def write_png(html: str, dest: Path, dpi: int = 110) -> Path:
    """Rasterise a sheet: HTML → PDF (WeasyPrint) → one tall PNG (pdftoppm)."""
    from weasyprint import HTML

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise BuildError("pdftoppm is not installed (Debian package poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sheet.pdf"
        HTML(string=html).write_pdf(pdf)
        subprocess.run(
            [pdftoppm, "-png", "-r", str(dpi), str(pdf), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
        )
        pages = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("page*.png"))]
        sheet = Image.new("RGB", (pages[0].width, sum(p.height for p in pages)), "white")
        y = 0
        for page in pages:
            sheet.paste(page, (0, y))
            y += page.height
        sheet = sheet.crop(_content_box(sheet))
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp_dest = dest.with_name(dest.name + ".tmp.png")
        # A palette of 64 tones keeps line art crisp at a fraction of the size of full colour.
        sheet.quantize(colors=64).save(tmp_dest, optimize=True)
        tmp_dest.replace(dest)
    return dest


def _content_box(image: Image.Image) -> tuple[int, int, int, int]:
    """The image without the blank space at the bottom of the last page."""
    box = ImageOps.invert(image).getbbox() or (0, 0, image.width, image.height)
    return (0, 0, image.width, min(image.height, box[3] + 20))
