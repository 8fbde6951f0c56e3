"""The figure's house style: picture size and the few tones it is drawn in (photocopy-safe)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 240.0
FIGURE_HEIGHT = 240.0
BREATH_BAND = 30.0
VIEW_BAND = 22.0  # the line at the top that says where the figure is seen from
INSET = 96.0  # side of the small second view's box
PAD = 10.0
MAX_SCALE = 205.0  # pixels per body height for a standing figure

INK = "#000"
FAR_INK = "#767676"
FAR_FILL = "#ededed"
# The start position: a dashed black outline, so it survives a 1-bit photocopy (grey would not).
GHOST_INK = INK
GHOST_FILL = "#fff"
GHOST_DASH = "6 3"
HAIR = "#4d4d4d"
FAR_HAIR = "#8a8a8a"
PROP_INK = "#a0a0a0"
FLOOR = "#ececec"
FONT = "Atkinson Hyperlegible, Helvetica, Arial, sans-serif"


def photocopy_safe(colour: str, luma: float = 0.2) -> str:
    """A colour darkened, keeping its hue, until a 1-bit copy prints it as (nearly) solid black."""
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    try:
        r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return INK
    current = (0.299 * r + 0.587 * g + 0.114 * b) / 255
    if current <= luma:
        return f"#{r:02x}{g:02x}{b:02x}"
    k = luma / current
    return "#{:02x}{:02x}{:02x}".format(*(round(v * k) for v in (r, g, b)))


@dataclass(frozen=True)
class Style:
    """How one body is drawn: its ink, fill and hair tones, a dash for the start position."""

    ink: str
    fill: str
    hair: str
    dash: str | None = None
    face: bool = True

    def stroke_dash(self) -> str:
        """The dash attributes for an outline (none for a solid one)."""
        # Butt ends: round caps would reach into the gaps and close them.
        return f' stroke-dasharray="{self.dash}" stroke-linecap="butt"' if self.dash else ""


NEAR = Style(INK, "#fff", HAIR)
FAR = Style(FAR_INK, FAR_FILL, FAR_HAIR)
# The far arm in a small inset: a light grey arm there read as a ghost, a previous position (a
# blind reviewer). A plain arm: a black outline at full weight (it survives a 1-bit copy), a
# mid-tone fill.
FAR_PLAIN = Style(INK, "#c4c4c4", FAR_HAIR)
GHOST = Style(GHOST_INK, GHOST_FILL, GHOST_FILL, GHOST_DASH, face=False)
# A start outline drawn over the end position (a bent head): unfilled, the end shows through.
GHOST_OUTLINE = Style(GHOST_INK, "none", "none", GHOST_DASH, face=False)
