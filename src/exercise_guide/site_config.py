"""The site's MkDocs config from the guide: name, URL, nav, CSS, JS, logo, search words and theme overrides."""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig

from .content import Library
from .pages import navigation
from .pages.assets import logo_path
from .pages.paths import BRAND_CSS, CSS, JS, PROGRAMME_CSS, PROGRAMME_JS
from .pages.search_notice import uncovered_parts
from .strings import strings
from .template_folders import Templates


def configure_site(config: MkDocsConfig, library: Library, templates: Templates) -> None:
    """Set the site's name, nav, CSS, logo and search words from the library."""
    guide = library.guide
    config.site_name = guide.title
    config.site_description = guide.description
    config.site_url = guide.base_url
    # The footer prints config.copyright as HTML.
    names = (guide.branding.name, guide.branding.contact)
    config.copyright = html.escape(" · ".join(p for p in names if p), quote=True)
    config.nav = navigation(library, strings(guide.language))
    # The search dialog offers the body areas when a query finds nothing (overrides/search.html).
    config.extra["eg_search_areas"] = [
        {"title": library.body_area_title(a), "url": f"areas/{a}/"} for a in library.body_areas()
    ]
    s = strings(guide.language)
    config.extra["eg_search_areas_label"] = s["search_areas"]
    # A query naming a body part the guide has no area for says so above its results
    # (overrides/search.html, assets/search.js).
    config.extra["eg_search_parts"] = uncovered_parts(library, s["body_parts"])
    config.extra["eg_search_not_covered"] = s["search_not_covered"]
    config.extra["eg_search_not_covered_results"] = s["search_not_covered_results"]
    for css in (CSS, BRAND_CSS, PROGRAMME_CSS):
        if css not in config.extra_css:
            config.extra_css.append(css)
    # The animation's play/pause buttons, then the programme builder (add buttons and the
    # header count on every page), which reuses them for the animations it shows.
    for script in (JS, PROGRAMME_JS):
        if script not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(script)
    if guide.branding.logo:
        config.theme["logo"] = logo_path(guide.branding.logo)
    config.theme["language"] = guide.language.split("-")[0]
    if not guide.site.edit_link:
        # Off unless guide.yml's `site.edit_link` asks: patients have nothing to edit.
        features = config.theme.get("features") or []
        config.theme["features"] = [f for f in features if f != "content.action.edit"]
    _add_theme_overrides(config, templates)


def _add_theme_overrides(config: MkDocsConfig, templates: Templates) -> None:
    """Put the theme overrides (the guide's own, then the packaged ones) before the theme's own files."""
    dirs = config.theme.dirs
    # After a custom_dir named in mkdocs.yml, which MkDocs puts first: the guide's author wins.
    at = 1 if config.theme.custom_dir else 0
    for folder in reversed(templates.sub("overrides").existing()):
        if str(folder) not in dirs:
            dirs.insert(at, str(folder))
