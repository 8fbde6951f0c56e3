"""The programme builder's files: its page data (JSON), script, stylesheet and the QR encoder."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from ..content import Library
from ..programme.data import programme_data
from ..programme.link import MAX_EXERCISES
from ..strings import strings
from ..template_folders import Templates
from ..templating import render
from . import paths
from .assets import FileData, figure_path, logo_path

# The QR encoder is vendored (MIT, see its LICENSE): the site loads nothing from other hosts.
VENDOR = "site/assets/vendor/qrcode-generator"


def programme_files(
    library: Library,
    templates: Templates,
    alts: Mapping[str, Sequence[str]],
    animated: Collection[str] = (),
) -> dict[str, FileData]:
    """The files the programme page and the add buttons need, by site path.

    `animated` names the exercises whose page shows an animation (the page borrows it from there).
    """
    figures = {
        ex.id: [figure_path(library, ex.id, i) for i in range(len(ex.steps))]
        for ex in library.exercises.values()
    }
    pages = {ex_id: paths.exercise_url(ex_id) for ex_id in library.exercises}
    logo = library.guide.branding.logo
    data = programme_data(
        library, figures, alts, pages, logo_path(logo) if logo else None, animated
    )
    script = render(
        templates,
        "site/assets/programme.js.j2",
        autoescape=False,
        words=strings(library.guide.language),
        programme_url=paths.PROGRAMME_URL,
        data_path=paths.PROGRAMME_DATA,
        qr_path=paths.QR_JS,
        max_exercises=MAX_EXERCISES,
    )
    return {
        paths.PROGRAMME_DATA: data,
        paths.PROGRAMME_JS: script.encode("utf-8"),
        paths.PROGRAMME_CSS: templates.find("site/assets/programme.css"),
        paths.QR_JS: templates.find(f"{VENDOR}/qrcode.js"),
        paths.QR_LICENCE: templates.find(f"{VENDOR}/LICENSE"),
    }
