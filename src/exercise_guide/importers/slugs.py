"""Ids for imported exercises: lowercase-hyphen slugs of their names, unique and deterministic."""

from __future__ import annotations

from collections.abc import Sequence

from ..slugs import fit, slugify

MAX_ID = 80


def assign_ids(named: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Map each (key, name) to a unique id; on a clash the key that sorts first keeps the plain slug."""
    wanted = {key: slugify(name, MAX_ID) for key, name in named}
    taken = set(wanted.values())
    ids: dict[str, str] = {}
    claimed: set[str] = set()
    # Sorting by (slug, key) makes the result independent of the order of the input file.
    for key in sorted(wanted, key=lambda k: (wanted[k], k)):
        slug = wanted[key]
        if slug not in claimed:
            ids[key] = slug
            claimed.add(slug)
            continue
        n = 2
        while True:
            suffix = f"-{n}"
            candidate = fit(slug, MAX_ID - len(suffix)) + suffix
            if candidate not in claimed and candidate not in taken:
                break
            n += 1
        ids[key] = candidate
        claimed.add(candidate)
    return ids
