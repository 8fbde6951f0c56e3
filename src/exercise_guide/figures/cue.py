"""The breath cue under a figure: a head in profile, air going in or out, and the words."""

from __future__ import annotations

from html import escape

from .arrows import arrowhead
from .style import BREATH_BAND, HAIR, INK, PAD, WIDTH
from .svg import num, pt


def breath_svg(kind: str, words: str, top: float, colour: str) -> str:
    """A head in profile with air going in (or out) at the nose or the mouth, and the words."""
    cx, cy = PAD + 9.0, top + BREATH_BAND / 2 - 1
    inward = kind in ("in-nose", "in")
    mouth = kind == "out-mouth"
    head = (
        f'<circle cx="{num(cx)}" cy="{num(cy)}" r="9" fill="#fff" stroke="{INK}" '
        'stroke-width="1.6"/>'
        f'<path d="M{pt((cx + 8.2, cy - 3))}l3.6 4.2l-3.2 .8" fill="#fff" stroke="{INK}" '
        'stroke-width="1.4"/>'
        f'<path d="M{pt((cx - 3, cy - 9))}a9 9 0 0 0 -5.6 12.4" stroke="{HAIR}" stroke-width="3"/>'
    )
    if mouth:
        head += f'<path d="M{pt((cx + 5.5, cy + 5))}h3.5" stroke="{INK}" stroke-width="1.4"/>'
    y = cy + (5.0 if mouth else 1.5)
    x0, x1 = cx + 15.0, cx + 29.0
    waves = "".join(f"M{pt((x0, y + dy))}q3.5 -3 7 0t7 0" for dy in (-2.5, 2.5))
    parts = [head, f'<path d="{waves}" stroke="{colour}" stroke-width="1.6"/>']
    if kind in ("in-nose", "in", "out-mouth", "out"):
        tip, back = ((x0 - 3.5, y), (x0 + 3.0, y)) if inward else ((x1 + 6.5, y), (x1, y))
        parts.append(f'<path d="{arrowhead(tip, back, 7.5)}" fill="{colour}"/>')
    left = x1 + 12
    size = min(12.5, (WIDTH - left - PAD) / (0.5 * max(len(words), 1)))
    parts.append(
        f'<text x="{num(left)}" y="{num(cy + size * 0.36)}" font-size="{num(size)}" '
        f'fill="{INK}" stroke="none">{escape(words)}</text>'
    )
    return "".join(parts)
