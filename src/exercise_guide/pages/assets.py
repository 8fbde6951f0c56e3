"""The non-page files a generated site needs: figures, authored media, fonts, CSS, logo."""

from __future__ import annotations

from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson

from ..content import Library
from ..figures import render_step
from ..figures.cache import FigureCache
from ..template_folders import Templates
from ..templating import render
from . import paths

FileData = bytes | Path


def figures(
    library: Library, cache: FigureCache | None = None
) -> tuple[dict[str, FileData], dict[str, list[str]]]:
    """Every step figure (generated SVG or authored media file) and each exercise's alt texts."""
    files: dict[str, FileData] = {}
    alts: dict[str, list[str]] = {}
    for exercise in library.exercises.values():
        alts[exercise.id] = []
        if cache is None:
            drawn = [render_step(library, exercise, i) for i in range(len(exercise.steps))]
        else:
            drawn = cache.render_steps(library, exercise)
        for index, (step, figure) in enumerate(zip(exercise.steps, drawn, strict=True)):
            alts[exercise.id].append(figure.alt)
            if figure.media is not None and step.illustration is not None:
                files[paths.media_file(step.illustration.file)] = figure.media
            elif figure.svg is not None:
                files[paths.figure_file(exercise.id, index)] = figure.svg.encode("utf-8")
    return files, alts


def figure_path(library: Library, exercise_id: str, index: int) -> str:
    """The site path a step's figure is written to (authored media or generated SVG)."""
    step = library.exercises[exercise_id].steps[index]
    if step.illustration is not None:
        return paths.media_file(step.illustration.file)
    return paths.figure_file(exercise_id, index)


def fonts() -> dict[str, FileData]:
    """The Atkinson Hyperlegible font files, served from the site itself."""
    folder = Path(atkinson.ROOT) / "files"
    return {f"{paths.FONTS}/{f.name}": f for f in sorted(folder.glob("*.ttf"))}


def stylesheets(library: Library, templates: Templates) -> dict[str, FileData]:
    """The site's own CSS (templates site/assets) and the branding colours from guide.yml."""
    branding = library.guide.branding
    brand = render(
        templates,
        "site/assets/brand.css.j2",
        autoescape=False,
        primary=branding.primary_color,
        accent=branding.accent_color,
        primary_dark=_shade(branding.primary_color, 0.8),
        primary_light=_shade(branding.primary_color, 1.25),
    )
    return {
        paths.CSS: templates.find("site/assets/exercise-guide.css"),
        paths.BRAND_CSS: brand.encode("utf-8"),
    }


def logo(library: Library) -> dict[str, FileData]:
    """The branding logo, if guide.yml names one."""
    name = library.guide.branding.logo
    if not name:
        return {}
    return {logo_path(name): library.media_path(name)}


def logo_path(name: str) -> str:
    """The site path of the logo file."""
    return f"assets/logo{Path(name).suffix.lower()}"


def _shade(colour: str, factor: float) -> str:
    # Material wants light and dark variants of the primary colour for hover and focus states.
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{max(0, min(255, round(c * factor))):02x}" for c in rgb)


def static_files(library: Library, templates: Templates) -> dict[str, FileData]:
    """Every non-page file of the site except figures and PDFs."""
    return {**fonts(), **stylesheets(library, templates), **logo(library)}
