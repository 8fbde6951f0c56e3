"""The non-page files a generated site needs: figures, authored media (steps and articles), fonts, CSS, logo."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import fontpkg_atkinson_hyperlegible as atkinson

from ..content import Library
from ..embeds import embeds
from ..figures import render_step
from ..figures.cache import FigureCache
from ..model import Exercise
from ..template_folders import Templates
from ..templating import render
from . import paths

if TYPE_CHECKING:
    from ..figures.animate import Animation

FileData = bytes | Path


def figures(
    library: Library, cache: FigureCache | None = None
) -> tuple[dict[str, FileData], dict[str, list[str]]]:
    """Every step figure (generated SVG or authored media file) and each exercise's alt texts.

    The site prints each step's breath cue as text under its figure, so the figures leave it out.
    """
    files: dict[str, FileData] = {}
    alts: dict[str, list[str]] = {}
    for exercise in library.exercises.values():
        own, alts[exercise.id] = exercise_figures(library, exercise, cache)
        files.update(own)
    return files, alts


def exercise_figures(
    library: Library, exercise: Exercise, cache: FigureCache | None = None
) -> tuple[dict[str, FileData], list[str]]:
    """One exercise's step figures (site path → data) and their alt texts."""
    if cache is None:
        drawn = [
            render_step(library, exercise, i, breath=False) for i in range(len(exercise.steps))
        ]
    else:
        drawn = cache.render_steps(library, exercise, breath=False)
    files: dict[str, FileData] = {}
    alts: list[str] = []
    for index, (step, figure) in enumerate(zip(exercise.steps, drawn, strict=True)):
        alts.append(figure.alt)
        if figure.media is not None and step.illustration is not None:
            files[paths.media_file(step.illustration.file)] = figure.media
        elif figure.svg is not None:
            files[paths.figure_file(exercise.id, index)] = figure.svg.encode("utf-8")
    return files, alts


def animations(library: Library, cache: FigureCache | None = None) -> dict[str, Animation | None]:
    """Each exercise's animation (None where its steps show no movement), drawn or from the cache."""
    if cache is None:
        from ..figures.animate import render_animation

        return {ex.id: render_animation(library, ex) for ex in library.exercises.values()}
    return {ex.id: cache.render_animation(library, ex) for ex in library.exercises.values()}


def figure_path(library: Library, exercise_id: str, index: int) -> str:
    """The site path a step's figure is written to (authored media or generated SVG)."""
    step = library.exercises[exercise_id].steps[index]
    if step.illustration is not None:
        return paths.media_file(step.illustration.file)
    return paths.figure_file(exercise_id, index)


_SVG_TAG = re.compile(rb"<svg\b[^>]*>")
_SVG_LENGTH = r'\b{}="\s*([0-9.]+)(?:px)?\s*"'
_VIEW_BOX = re.compile(rb'\bviewBox="\s*[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)\s*"')


def image_size(data: FileData) -> tuple[int, int] | None:
    """An image's intrinsic width and height in CSS pixels (SVG, PNG, JPEG), None if it has none.

    Pages print them on each <img> so the browser reserves the figure's room before it loads.
    """
    raw = data.read_bytes() if isinstance(data, Path) else data
    tag = _SVG_TAG.search(raw[:4096])
    if tag is None:
        # Pillow only for photos and drawings in articles: a build with nothing changed takes
        # every figure's size from its memo and never loads it.
        from PIL import Image

        try:
            with Image.open(io.BytesIO(raw)) as image:
                return image.size
        except OSError:
            return None
    found = [re.search(_SVG_LENGTH.format(name).encode(), tag[0]) for name in ("width", "height")]
    if found[0] and found[1]:
        return round(float(found[0][1])), round(float(found[1][1]))
    box = _VIEW_BOX.search(tag[0])
    return (round(float(box[1])), round(float(box[2]))) if box else None


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


def scripts(templates: Templates) -> dict[str, FileData]:
    """The site's own JavaScript (the animation's play/pause button; search's fuzzy words and its
    notice for body parts the guide does not cover), from templates site/assets."""
    return {
        paths.JS: templates.find("site/assets/exercise-guide.js"),
        paths.SEARCH_JS: templates.find("site/assets/search.js"),
    }


def article_media(library: Library) -> dict[str, FileData]:
    """The images articles show, from content/media/ (checked when the content was loaded)."""
    return {
        paths.media_file(embed.media_name): library.media_path(embed.media_name)
        for article in library.articles.values()
        for embed in embeds(article.body)
        if embed.media_name is not None
    }


def static_files(library: Library, templates: Templates) -> dict[str, FileData]:
    """Every non-page file of the site except figures and PDFs."""
    return {
        **fonts(),
        **stylesheets(library, templates),
        **scripts(templates),
        **logo(library),
        **article_media(library),
    }
