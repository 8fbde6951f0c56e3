"""The one Jinja environment: undefined names are errors, HTML is escaped, words come from strings."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from .strings import strings
from .template_folders import Templates


@cache
def environment(templates: Templates, *, autoescape: bool) -> jinja2.Environment:
    """A Jinja environment over template folders; autoescape for HTML, off for Markdown."""
    env = jinja2.Environment(
        # The guide's own folder first: its files replace the packaged ones of the same name.
        loader=jinja2.FileSystemLoader([str(folder) for folder in templates.folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["strings_for"] = strings
    return env


def render(templates: Templates, name: str, *, autoescape: bool, **context: Any) -> str:
    """Render one template with the given context."""
    return environment(templates, autoescape=autoescape).get_template(name).render(**context)
