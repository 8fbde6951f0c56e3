"""The zensical.toml that builds the generated pages on Zensical, which runs no MkDocs plugins."""

from __future__ import annotations

from typing import Any

import tomli_w

from ..content import Library
from ..strings import strings
from .assets import logo_path
from .paths import BRAND_CSS, CSS, JS, PROGRAMME_CSS, PROGRAMME_JS, navigation

# mkdocs.yml's features but the edit button (see edit_uri below); font and colours come from CSS.
FEATURES = [
    "navigation.sections",
    "navigation.prune",
    "navigation.indexes",
    "navigation.top",
    "search.highlight",
]


def zensical_config(library: Library, docs_dir: str, site_dir: str) -> str:
    """zensical.toml text: what the MkDocs plugin sets at build time (name, nav, CSS, scripts,
    logo, language), written out as settings; folders are relative to the config file."""
    guide = library.guide
    project: dict[str, Any] = {
        "site_name": guide.title,
        "site_description": guide.description,
        "docs_dir": docs_dir,
        "site_dir": site_dir,
        "use_directory_urls": True,
        "copyright": " · ".join(p for p in (guide.branding.name, guide.branding.contact) if p),
    }
    if guide.base_url:
        project["site_url"] = guide.base_url
    if guide.repo_url:
        project["repo_url"] = guide.repo_url
        # No edit_uri: Zensical would link the generated .md, which is in no repository; the
        # MkDocs plugin points each page at its content file, which Zensical cannot do.
    project["extra_css"] = [CSS, BRAND_CSS, PROGRAMME_CSS]
    project["extra_javascript"] = [JS, PROGRAMME_JS]
    project["nav"] = navigation(library, strings(guide.language))
    theme: dict[str, Any] = {
        # The classic look is Material for MkDocs', which the guide's CSS is written for.
        "variant": "classic",
        "language": guide.language.split("-")[0],
        # No Google Fonts: the site serves Atkinson Hyperlegible itself (see extra CSS).
        "font": False,
        "palette": {"primary": "custom", "accent": "custom"},
        "features": FEATURES,
    }
    if guide.branding.logo:
        theme["logo"] = logo_path(guide.branding.logo)
    project["theme"] = theme
    project["markdown_extensions"] = {
        "admonition": {},
        "attr_list": {},
        "md_in_html": {},
        "toc": {"permalink": False},
    }
    project["extra"] = {"generator": False}
    header = "# Written by `exercise-guide pages`: edit content/ and run it again.\n"
    return header + tomli_w.dumps({"project": project})
