"""Read a few edited exercise files again into an already loaded Library (serve's fast path)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from types import MappingProxyType

from .content import Library, SourceFile, check_references, load_model
from .errors import ContentError, Problem
from .model import Exercise


def reload_exercises(library: Library, ids: Collection[str]) -> Library:
    """The library with these exercises read again from their files, checked as load_library
    checks them (the files are the same ones: none added, removed or renamed); raises
    ContentError listing the problems found."""
    problems: list[Problem] = []
    sources: dict[str, SourceFile] = dict(library.sources)
    exercises = dict(library.exercises)
    for item_id in ids:
        path = library.source("exercise", item_id).path
        item = load_model(path, Exercise, {"id": item_id}, problems, sources, "exercise", item_id)
        if item is not None:
            exercises[item_id] = item
    if not problems:
        # The other exercises and the routines are unchanged: only the edited ones' references.
        edited = {item_id: exercises[item_id] for item_id in ids}
        check_references(library.root, edited, set(exercises), {}, sources, problems)
    if problems:
        raise ContentError(problems)
    # The order load_library gives: by title, then id.
    ordered = dict(sorted(exercises.items(), key=lambda kv: (kv[1].title.casefold(), kv[0])))
    return replace(library, exercises=MappingProxyType(ordered), sources=MappingProxyType(sources))
