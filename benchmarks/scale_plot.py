"""A small PNG chart of the scale benchmark, drawn with Pillow (already a WeasyPrint dependency)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 420
PANEL_W, PANEL_H = 300, 290
INK = (34, 34, 34)
GRID = (215, 215, 215)
COLOURS = ((31, 78, 121), (192, 57, 43), (39, 122, 74))


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        from fontpkg_atkinson_hyperlegible import ROOT

        name = "AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf"
        return ImageFont.truetype(str(ROOT / "files" / name), size)
    except (ImportError, OSError):
        return ImageFont.load_default(size)


def _nice_max(value: float) -> float:
    for scale in (10.0**k for k in range(-3, 7)):
        for step in (1, 2, 2.5, 5):
            if step * scale >= value:
                return float(step * scale)
    return value


def _panel(
    draw: ImageDraw.ImageDraw,
    origin: tuple[int, int],
    title: str,
    xs: Sequence[float],
    series: Mapping[str, Sequence[float | None]],
) -> None:
    left, top = origin
    bottom = top + PANEL_H
    right = left + PANEL_W
    small, label = _font(15), _font(17, bold=True)
    draw.text((left, top - 34), title, fill=INK, font=label)
    x_max = _nice_max(max(xs))
    values = [y for ys in series.values() for y in ys if y is not None]
    # Headroom above the highest point keeps the legend clear of the lines.
    y_max = _nice_max(max(values, default=1.0) * 1.4) or 1.0
    for i in range(5):
        y = bottom - PANEL_H * i / 4
        draw.line([(left, y), (right, y)], fill=GRID, width=1)
        draw.text((left - 8, y), f"{y_max * i / 4:g}", fill=INK, font=small, anchor="rm")
    for x in xs:
        px = left + PANEL_W * x / x_max
        draw.text((px, bottom + 8), f"{x:g}", fill=INK, font=small, anchor="mt")
    draw.line([(left, top), (left, bottom), (right, bottom)], fill=INK, width=2)
    draw.text(((left + right) / 2, bottom + 30), "exercises", fill=INK, font=small, anchor="mt")
    for index, (name, ys) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        # A size whose run stopped early has no value for some figures: leave that point out.
        points = [
            (left + PANEL_W * x / x_max, bottom - PANEL_H * y / y_max)
            for x, y in zip(xs, ys, strict=True)
            if y is not None
        ]
        draw.line(points, fill=colour, width=3)
        for px, py in points:
            draw.ellipse([px - 5, py - 5, px + 5, py + 5], fill=colour)
        draw.text((left + 12, top + 8 + 22 * index), name, fill=colour, font=small)


def plot_scale(results: Mapping[int, Mapping[str, float]], target: Path) -> Path:
    """Draw build seconds and per-exercise cost against library size; write the PNG to target."""
    sizes = sorted(results)
    xs = [results[n]["exercises"] for n in sizes]

    def figure(name: str, scale: float = 1.0) -> list[float | None]:
        return [results[n][name] * scale if name in results[n] else None for n in sizes]

    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    _panel(
        draw,
        (70, 60),
        "Build time (seconds)",
        xs,
        {
            "full build": figure("full_build_seconds"),
            "one exercise edited": figure("one_change_rebuild_seconds"),
            "nothing changed": figure("nochange_rebuild_seconds"),
        },
    )
    _panel(
        draw,
        (490, 60),
        "Website: seconds per page",
        xs,
        {"build time per page": figure("site_seconds_per_page")},
    )
    _panel(
        draw,
        (880, 60),
        "Posters: seconds per poster",
        xs,
        {"render time per poster": figure("pdf_seconds_per_poster")},
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)
    return target
