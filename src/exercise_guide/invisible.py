"""Invisible format characters in content: bidi controls and the like make text read differently
from how it shows (a reviewer sees one thing, the page or the PDF says another), so none may hide
in content."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Format characters (Unicode category Cf) that writing needs and that show as what they are:
# the zero-width joiner and non-joiner shape Arabic, Indic and Persian words and join emoji
# (👨‍👩‍👧), and the prepended concatenation marks are visible signs.
_NEEDED = {"\u200c", "\u200d"} | set("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u08e2")
_NEEDED |= {"\U000110bd", "\U000110cd"}
# Line and paragraph separators are invisible line breaks that Markdown and YAML do not treat as
# line breaks.
_SEPARATORS = {"Zl", "Zp"}


@dataclass(frozen=True)
class Invisible:
    """An invisible character found in a text: where, and which."""

    line: int  # 1-based, within the text searched
    column: int  # 1-based
    char: str

    def describe(self) -> str:
        """The character as a reader can look it up: its code point and Unicode name."""
        name = unicodedata.name(self.char, "unnamed format character")
        return f"U+{ord(self.char):04X} {name}"


def is_invisible(char: str) -> bool:
    """True for a character content may not hold: a bidi control or other invisible format mark."""
    category = unicodedata.category(char)
    return (category == "Cf" and char not in _NEEDED) or category in _SEPARATORS


def find_invisible(text: str) -> Invisible | None:
    """The first invisible character in a text, with its line and column, or None."""
    # No ASCII character is a format character or a separator, and nearly all content is
    # ASCII: checking every character one by one was a fifth of a no-change site build.
    if text.isascii():
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.isascii():
            continue
        for column, char in enumerate(line, start=1):
            if not char.isascii() and is_invisible(char):
                return Invisible(number, column, char)
    return None


def message(found: Invisible) -> str:
    """What `check` says about an invisible character."""
    return (
        f"holds the invisible character {found.describe()} (column {found.column}): remove it;"
        " invisible marks make text read differently from how it shows"
    )
