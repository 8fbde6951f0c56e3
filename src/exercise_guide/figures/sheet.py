"""Contact sheets: figures in a labelled grid, as HTML (pdf/preview.py rasterises it)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

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
    title: str,
    rows: Sequence[tuple[str, Sequence[Cell]]],
    columns: int = 4,
    note: str = "",
    figure_mm: float | None = None,
) -> str:
    """An HTML page laying out labelled rows of figures.

    `figure_mm` prints every figure that tall (its print size, for review); otherwise figures
    are small thumbnails.
    """
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    body = []
    for heading, cells in rows:
        figs = "".join(
            f"<figure>{svg.replace('<svg ', '<svg class=fig ', 1)}<figcaption>{escape(label)}"
            "</figcaption></figure>"
            for label, svg in cells
        )
        body.append(f'<section><h2>{escape(heading)}</h2><div class="row">{figs}</div></section>')
    cell = 44.0 if figure_mm is None else figure_mm * 1.25
    width = columns * cell
    # One tall page: pdftoppm then gives a single image, with no gaps at page breaks.
    row_height = 75.0 if figure_mm is None else figure_mm + 40
    height = 20 + row_height * len(rows)
    fig = (
        "width: 40mm; height: auto" if figure_mm is None else f"height: {figure_mm}mm; width: auto"
    )
    caption = "6pt" if figure_mm is None else "8pt"
    heading = "7.5pt" if figure_mm is None else "11pt"
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: {width + 8}mm {height}mm; margin: 4mm; }}
body {{ font-family: "Atkinson Hyperlegible", Helvetica, Arial, sans-serif; margin: 0; color: #1a1a1a; }}
h1 {{ font-size: 11pt; margin: 0 0 2mm; }}
section {{ break-inside: avoid; border-top: 0.3mm solid #ddd; padding: 1mm 0; }}
h2 {{ font-size: {heading}; font-weight: normal; margin: 0 0 0.5mm; }}
.row {{ display: flex; }}
figure {{ margin: 0 1mm; width: {cell - 2}mm; text-align: center; }}
svg.fig {{ {fig}; }}
figcaption {{ font-size: {caption}; color: #444; text-align: left; }}
.note {{ font-size: 7pt; color: #555; margin: 0 0 2mm; }}
</style></head><body><h1>{escape(title)}</h1>{note_html}{"".join(body)}</body></html>"""
