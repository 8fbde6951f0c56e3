"""Placeholders left in content: example addresses and scaffold text, reported as warnings."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .content import Library
from .errors import Problem

# What `exercise-guide new` writes until the author replaces it.
SUMMARY = "One sentence saying what {title} does."
STEP = "Describe this step: where to start, what moves, and how far."
# What `exercise-guide init` writes as the guide's get_help: never advice, only what to write.
GET_HELP = (
    "Replace this line with your clinic's own words: which symptoms mean stopping the exercises"
    " and calling the clinic or a doctor."
)

# Addresses this project's seed guide once carried: no repository is there, so a guide copied
# from an older clone that kept them would link "edit this page" (and Zensical's header) to nowhere.
_SEED_ADDRESSES = frozenset({"https://github.com/exercise-guide/exercise-guide"})
# Hosts reserved for examples (RFC 2606, RFC 6761): a site there is reachable by nobody.
_EXAMPLE_HOST = re.compile(
    r"(^|\.)(example\.(com|org|net)|[^.]+\.(example|invalid|test|localhost)|localhost)$"
)


def placeholder_warnings(library: Library) -> list[Problem]:
    """Every placeholder still in the content, each at its file, line and field."""
    found: list[Problem] = []
    guide = library.guide
    source = library.sources.get("guide:guide")
    for name, url in (("base_url", guide.base_url), ("repo_url", guide.repo_url)):
        if url and is_placeholder_url(url) and source is not None:
            found.append(source.problem(name, f"{url} is a placeholder address: give the real one"))
    for i, line in enumerate(guide.get_help):
        if line == GET_HELP and source is not None:
            found.append(
                source.problem(f"get_help[{i}]", "is the scaffold's placeholder: write your own")
            )
    for exercise in library.exercises.values():
        where = library.sources.get(f"exercise:{exercise.id}")
        if where is None:
            continue
        if exercise.summary == SUMMARY.format(title=exercise.title):
            found.append(where.problem("summary", "is the scaffold's placeholder: write it"))
        for i, step in enumerate(exercise.steps):
            if step.text.strip() == STEP:
                found.append(where.problem(f"steps[{i}].text", "is the scaffold's placeholder"))
    return found


def is_placeholder_url(url: str) -> bool:
    """Whether a URL is a placeholder: on a host reserved for examples, or the seed's old address."""
    return is_example_url(url) or url.rstrip("/").lower() in _SEED_ADDRESSES


def is_example_url(url: str) -> bool:
    """Whether a URL points at a host reserved for examples (example.org, *.invalid, ...)."""
    host = (urlsplit(url).hostname or "").lower()
    return bool(_EXAMPLE_HOST.search(host))
