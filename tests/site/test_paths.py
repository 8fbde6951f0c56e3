"""pages.paths.relative: the links between docs paths, as posixpath.relpath would make them."""

from __future__ import annotations

import itertools
import posixpath

from exercise_guide.pages.paths import relative

PATHS = [
    "index.md",
    "tags.md",
    "exercises/a.md",
    "exercises/b.md",
    "areas/x/index.md",
    "areas/x/y.md",
    "figures/a/step-1.svg",
    "pdf/a.pdf",
    "exercises",
    "a",
    "a/b/c.md",
    # Not plain docs paths: these take posixpath.relpath itself.
    "areas/x/",
    "/abs/x",
    "./a",
    "../up",
    "a//b",
    ".",
]


def test_relative_is_posixpaths_relpath_between_docs_paths() -> None:
    for page, target in itertools.product(PATHS, repeat=2):
        want = posixpath.relpath(target, posixpath.dirname(page) or ".")
        assert relative(page, target) == want, (page, target)
