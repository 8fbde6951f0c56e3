"""The one Jinja environment: undefined names are errors, HTML is escaped, words come from strings."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from .strings import strings


@cache
def environment(templates_dir: Path, *, autoescape: bool) -> jinja2.Environment:
    """A Jinja environment over a templates folder; autoescape for HTML, off for Markdown."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["strings_for"] = strings
    return env


def render(templates_dir: Path, name: str, *, autoescape: bool, **context: Any) -> str:
    """Render one template with the given context."""
    return environment(templates_dir, autoescape=autoescape).get_template(name).render(**context)
