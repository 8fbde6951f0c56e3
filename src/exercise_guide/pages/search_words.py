"""The words a page is found by: its keywords, then the lay words the strings table maps to them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence


def search_words(keywords: Sequence[str], lay_words: Mapping[str, Sequence[str]]) -> list[str]:
    """`keywords`, then the lay words of every guide word that occurs in one of them as a word."""
    words = {w.lower() for keyword in keywords for w in re.findall(r"\w+", keyword)}
    extra = [lay for word, lays in lay_words.items() if word.lower() in words for lay in lays]
    # Duplicates (a lay word that is a keyword already) would only lengthen the index.
    return list(dict.fromkeys([*keywords, *extra]))
