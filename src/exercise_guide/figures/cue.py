"""The breath cue under a figure: a head in profile, air going in or out, and the words."""

from __future__ import annotations

from html import escape

from .style import BREATH_BAND, HAIR, INK, PAD, WIDTH
from .svg import num, pt


def breath_svg(kind: str, words: str, top: float, colour: str) -> str:
    """A head in profile with air going in (or out) at the nose or the mouth, and the words."""
    cx, cy = PAD + 9.0, top + BREATH_BAND / 2 - 1
    mouth = kind == "out-mouth"
    head = (
        f'<circle cx="{num(cx)}" cy="{num(cy)}" r="9" fill="#fff" stroke="{INK}" '
        'stroke-width="1.6"/>'
        f'<path d="M{pt((cx + 8.2, cy - 3))}l3.6 4.2l-3.2 .8" fill="#fff" stroke="{INK}" '
        'stroke-width="1.4"/>'
        f'<path d="M{pt((cx - 3, cy - 9))}a9 9 0 0 0 -5.6 12.4" stroke="{HAIR}" stroke-width="3"/>'
    )
    if mouth:
        # An open mouth on the face's edge, well below the nose, and the air leaving from it:
        # a line for a mouth and air at nose height read as breathing out through the nose
        # (a blind reviewer).
        head += f'<circle class="mouth" cx="{num(cx + 7.6)}" cy="{num(cy + 5.2)}" r="2.1" fill="{INK}"/>'
    y = cy + (5.6 if mouth else 1.5)
    gap = 2.0 if mouth else 2.5
    x0 = cx + (12.5 if mouth else 15.0)
    x1 = x0 + 14.0
    waves = "".join(f"M{pt((x0, y + dy))}q3.5 -3 7 0t7 0" for dy in (-gap, gap))
    parts = [head, f'<path class="air" d="{waves}" stroke="{colour}" stroke-width="1.6"/>']
    # Open chevrons, clear of the nose: a small filled head printed as a blob (a reviewer).
    tips = []
    if kind in ("in-nose", "in", "nose"):
        tips.append((x0 - 0.5, -1.0))
    if kind in ("out-mouth", "out", "nose"):
        tips.append((x1 + 4.0, 1.0))
    for tx, way in tips:
        parts.append(
            f'<path class="air-head" d="M{pt((tx - 4.5 * way, y - 4.5))}L{pt((tx, y))}'
            f'L{pt((tx - 4.5 * way, y + 4.5))}" fill="none" stroke="{colour}" '
            'stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>'
        )
    left = cx + 41.0
    size = min(12.5, (WIDTH - left - PAD) / (0.5 * max(len(words), 1)))
    parts.append(
        f'<text x="{num(left)}" y="{num(cy + size * 0.36)}" font-size="{num(size)}" '
        f'fill="{INK}" stroke="none">{escape(words)}</text>'
    )
    return "".join(parts)
