"""The one slug function: a title or name as a lowercase-hyphen id, accents folded ("Café" → "cafe")."""

from __future__ import annotations

import unicodedata

# Letters that do not decompose into a base letter and accents.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i"}
)


def slugify(text: str, limit: int | None = None) -> str:
    """Lowercase ASCII words of a text joined by hyphens, cut at a word boundary to fit `limit`."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    slug = "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())
    return slug if limit is None else fit(slug, limit)


def fit(slug: str, limit: int) -> str:
    """A slug cut to at most `limit` characters, at a hyphen when it can be."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit].rstrip("-")
    return cut.rsplit("-", 1)[0] if "-" in cut and slug[limit] != "-" else cut
