"""The figure's house style: picture size and the few tones it is drawn in (photocopy-safe)."""

from __future__ import annotations

WIDTH = 240.0
FIGURE_HEIGHT = 240.0
BREATH_BAND = 30.0
PAD = 10.0
MAX_SCALE = 205.0  # pixels per body height for a standing figure

INK = "#1a1a1a"
FAR_INK = "#767676"
FAR_FILL = "#ededed"
GHOST_INK = "#d4d4d4"
GHOST_FILL = "#fafafa"
HAIR = "#9a9a9a"
PROP_INK = "#a0a0a0"
FLOOR = "#ececec"
FONT = "Atkinson Hyperlegible, Helvetica, Arial, sans-serif"
