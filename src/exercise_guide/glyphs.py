"""Which characters the PDF fonts can show: Atkinson Hyperlegible first, Noto for other scripts."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from .content import Library
from .errors import Problem

PRIMARY_FAMILY = "Atkinson Hyperlegible"
# Debian's Noto packages cover accents, Arabic, Hebrew and CJK; Symbola covers emoji and symbols
# in black outlines, which photocopy well and subset to the same bytes every time (HarfBuzz's
# subset of the colour-bitmap Noto Color Emoji differed from run to run). `make` installs them.
FALLBACK_FAMILIES = (
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans CJK SC",
    "Symbola",
)


def atkinson_dir() -> Path:
    """The folder holding the Atkinson Hyperlegible TTF files of the font package."""
    import fontpkg_atkinson_hyperlegible as package

    return Path(package.__file__).resolve().parent / "files"


def font_family_css() -> str:
    """The CSS font-family list every PDF uses."""
    names = [PRIMARY_FAMILY, *FALLBACK_FAMILIES]
    return ", ".join(f'"{name}"' for name in names) + ", sans-serif"


def _fallback_files() -> Iterator[Path]:
    for family in FALLBACK_FAMILIES:
        try:
            found = subprocess.run(
                ["fc-match", "--format=%{family}\n%{file}", family],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.splitlines()
        except (OSError, subprocess.TimeoutExpired):
            return
        # fc-match always answers with something; only the family asked for counts.
        if len(found) == 2 and family in found[0]:
            yield Path(found[1])


def _cmap(paths: list[Path]) -> frozenset[int]:
    covered: set[int] = set()
    for path in paths:
        fonts = TTCollection(str(path)).fonts if path.suffix == ".ttc" else [TTFont(str(path))]
        for font in fonts:
            covered.update(font.getBestCmap() or {})
    return frozenset(covered)


@cache
def primary_codepoints() -> frozenset[int]:
    """Every code point Atkinson Hyperlegible has a glyph for."""
    return _cmap(sorted(atkinson_dir().glob("*.ttf")))


@cache
def _beyond_primary() -> re.Pattern[str]:
    """A pattern that finds a character Atkinson Hyperlegible has no glyph for."""
    # Ranges of consecutive code points keep the class short; the search runs in C, where
    # looking up every character in Python was a twentieth of a build with nothing changed.
    ranges: list[list[int]] = []
    for point in sorted(primary_codepoints()):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    drawn = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[^{drawn}]" if drawn else "[\\s\\S]")


@cache
def fallback_codepoints() -> frozenset[int]:
    """Every code point one of the fallback fonts has a glyph for (read only when needed)."""
    return _cmap(list(_fallback_files()))


def _needs_glyph(char: str) -> bool:
    # Spaces, controls, bidi marks, joiners and variation selectors shape text but draw nothing;
    # private-use and unassigned code points do need a glyph, and no font of ours has one.
    category = unicodedata.category(char)
    if category in ("Zs", "Zl", "Zp", "Cc", "Cf"):
        return False
    return not (category == "Mn" and (0xFE00 <= ord(char) <= 0xFE0F or ord(char) >= 0xE0100))


def missing_glyphs(text: str) -> list[str]:
    """The characters of a text that no PDF font can draw, in order of first appearance."""
    if _beyond_primary().search(text) is None:
        return []  # the usual case: Atkinson draws every character
    primary = primary_codepoints()
    # Most text is Latin: the big CJK and emoji fonts are opened only for what Atkinson lacks.
    # Each character once (dict.fromkeys keeps the order of first appearance).
    others = [c for c in dict.fromkeys(text) if ord(c) not in primary and _needs_glyph(c)]
    if not others:
        return []
    fallback = fallback_codepoints()
    return list(dict.fromkeys(c for c in others if ord(c) not in fallback))


def _texts(library: Library) -> Iterator[tuple[str, str, str, str]]:
    for ex in library.exercises.values():
        yield "exercise", ex.id, "title", ex.title
        yield "exercise", ex.id, "summary", ex.summary
        for i, step in enumerate(ex.steps):
            yield "exercise", ex.id, f"steps[{i}].text", step.text
        for name in ("benefits", "tips", "safety", "cautions", "keywords"):
            for i, line in enumerate(getattr(ex, name)):
                yield "exercise", ex.id, f"{name}[{i}]", line
    for routine in library.routines.values():
        yield "routine", routine.id, "title", routine.title
        yield "routine", routine.id, "purpose", routine.purpose
    guide = library.guide
    yield "guide", "guide", "title", guide.title
    yield "guide", "guide", "disclaimer", guide.disclaimer


def glyph_problems(library: Library) -> list[Problem]:
    """A problem for every content text holding characters the PDF fonts cannot show."""
    problems = []
    for kind, item_id, field, text in _texts(library):
        missing = missing_glyphs(text)
        if missing:
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
            problems.append(
                library.source(kind, item_id).problem(
                    field, f"no PDF font can show {shown}; remove or replace these characters"
                )
            )
    return problems
