"""Which body parts a search may name that the guide has no exercises for (the search notice)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..content import Library


def words_of(text: str) -> str:
    """Text as the search notice compares it: lowercase words (letters and digits), one space apart."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def uncovered_parts(library: Library, body_parts: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The strings table's body parts that none of the guide's body areas covers, each with the
    name the notice gives it and its words; a part is covered when an area has its id, or when one
    of its words is a word of an area's name ("Arms and shoulders" covers the arms)."""
    areas = library.body_areas()
    titles = [f" {words_of(library.body_area_title(a))} " for a in areas]
    uncovered = []
    for part_id, part in body_parts.items():
        words = [words_of(w) for w in part["words"]]
        if part_id in areas or any(f" {w} " in title for w in words for title in titles):
            continue
        uncovered.append({"name": part["name"], "words": words})
    return uncovered
