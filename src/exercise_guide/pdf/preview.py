"""Review images: an HTML page rendered with WeasyPrint and rasterised to one tall PNG (pdftocairo)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from ..errors import BuildError


def write_png(html: str, dest: Path, dpi: int = 110) -> Path:
    """Rasterise a page of figures: HTML → PDF (WeasyPrint) → one tall PNG (pdftocairo)."""
    from weasyprint import HTML

    from .fetcher import ConfinedFetcher

    # pdftocairo, not pdftoppm: pdftoppm drops the strokes of a drawing that repeats one
    # already on the page (the legs of the second of two animation stills came out blank).
    pdftocairo = shutil.which("pdftocairo")
    if pdftocairo is None:
        raise BuildError("pdftocairo is not installed (Debian package poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sheet.pdf"
        # Review sheets hold inline SVG only: the fetcher may load nothing but data: URLs.
        HTML(string=html, url_fetcher=ConfinedFetcher(())).write_pdf(pdf)
        subprocess.run(
            [pdftocairo, "-png", "-r", str(dpi), str(pdf), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
        )
        files = sorted(Path(tmp).glob("page*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        pages = [Image.open(p).convert("RGB") for p in files]
        sheet = Image.new("RGB", (pages[0].width, sum(p.height for p in pages)), "white")
        y = 0
        for page in pages:
            sheet.paste(page, (0, y))
            y += page.height
        sheet = sheet.crop(_content_box(sheet))
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp_dest = dest.with_name(dest.name + ".tmp.png")
        # A palette of 64 tones keeps line art crisp at a fraction of the size of full colour;
        # an octree palette keeps the few arrow colours that median cut gives to the greys.
        sheet.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(tmp_dest, optimize=True)
        tmp_dest.replace(dest)
    return dest


def _content_box(image: Image.Image) -> tuple[int, int, int, int]:
    """The image without the blank space at the bottom of the last page."""
    box = ImageOps.invert(image).getbbox() or (0, 0, image.width, image.height)
    return (0, 0, image.width, min(image.height, box[3] + 20))
