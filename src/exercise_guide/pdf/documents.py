"""Print HTML for posters and the booklet: content is autoescaped, figures are vector SVG images."""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup, escape

from ..content import Library
from ..figures import StepFigure, render_step
from ..model import Exercise, Paper
from ..strings import strings
from ..template_folders import Templates
from ..templating import render
from .boxes import arrange
from .columns import step_widths

Layout = Literal["poster", "desk"]
FIT_LEVELS = 4
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
_SVG_TITLE = re.compile(r"<svg\b[^>]*>\s*<title\b", re.IGNORECASE)
_XML_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?")
_HIDE_TEXT = "<style>text { display: none; }</style>"
# A figure's words: a <text>, its lines perhaps in <tspan>s (joined with a space).
_SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
POSTER_STYLES = ("base.css", "sheet.css")
BOOKLET_STYLES = ("base.css", "sheet.css", "booklet.css")
# Pixels per QR module: a version-3 code and its 4-module quiet zone are 148 px, 157 dpi at 24 mm.
QR_PIXELS = 4
# Content is plain text, so the templates use no italics: loading fewer faces renders faster.
_FONT_FACES = (("Regular", 400, "normal"), ("Bold", 700, "normal"))


@dataclass(frozen=True)
class PrintOptions:
    """How to print: paper size and poster layout."""

    paper: Paper = "A4"
    layout: Layout = "poster"

    def as_dict(self) -> dict[str, str]:
        """The options as plain data, for cache keys."""
        return {"paper": self.paper, "layout": self.layout}


def page_url(library: Library, exercise: Exercise) -> str:
    """The exercise's page on the hosted site (the site puts it at exercises/<id>/)."""
    return f"{library.guide.base_url}exercises/{exercise.id}/"


def file_url(path: Path) -> str:
    """An absolute file: URL for a path."""
    return path.resolve().as_uri()


def inline_svg(svg: str, alt: str) -> Markup:
    """SVG markup ready to inline, carrying its alt text as <title> (the PDF structure tree's Alt)."""
    svg = _XML_PROLOGUE.sub("", svg, count=1)
    if not _SVG_TITLE.match(svg):
        svg = _SVG_OPEN.sub(lambda m: f"{m.group(0)}<title>{escape(alt)}</title>", svg, count=1)
    # Generated SVG; the figure module escapes any content text it embeds.
    return Markup(svg)


def figure_words(svg: str) -> list[str]:
    """The words drawn inside a figure ("Seen from behind", "Forward"), once each, in order."""
    found: list[str] = []
    for raw in _SVG_TEXT.findall(svg):
        word = " ".join(html.unescape(_TAG.sub(" ", raw)).split())
        if word and word not in found:
            found.append(word)
    return found


def print_figure(library: Library, exercise: Exercise, index: int) -> StepFigure:
    """A step's figure for print: no words inside it, since print sets them beside it in type.

    Words drawn at figure scale print far below 9 pt, so print hides them and sets the same words
    (`figure_words`) beside the figure at body size; the breath cue is printed there too, so the
    figure is drawn without it (no caption repeats the words next to it).
    """
    figure = render_step(library, exercise, index, breath=False)
    if figure.svg is None:
        return figure
    return replace(
        figure, svg=_SVG_OPEN.sub(lambda m: m.group(0) + _HIDE_TEXT, figure.svg, count=1)
    )


def svg_data_url(svg: str) -> str:
    """An SVG as a data: URL for an <img>: a separate image keeps the page's style cascade small
    (WeasyPrint styles every inline SVG element like HTML), and it stays vector in the PDF."""
    svg = _XML_PROLOGUE.sub("", svg, count=1)
    if "xmlns=" not in svg[: svg.find(">")]:
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def qr_code(url: str, alt: str) -> dict[str, str]:
    """A QR code for a URL, as an image source (a black and white PNG) and its alt text.

    An image, not SVG: each poster's code is its own, so WeasyPrint parsed and drew some 300
    path segments for every poster (about 4 ms of a poster's 130 ms CPU), where an image is
    copied in. Each module is QR_PIXELS square pixels, printed unsmoothed (`image-rendering:
    pixelated`, base.css), so the modules print as sharp squares and a viewer that smooths
    anyway blurs only a sliver of each edge. zxing-cpp encodes it (C++, 0.2 ms; a pure-Python
    encoder took 5 ms, most of it choosing the mask: 5% of a render worker's CPU).
    """
    import zxingcpp
    from PIL import Image

    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    # Dark modules 0, light 255, with the standard quiet zone of four modules all round.
    pixels = code.to_image(scale=QR_PIXELS, add_quiet_zones=True)
    height, width = pixels.shape
    # zxing-cpp's stub leaves out the buffer protocol its image has.
    image = Image.frombytes("L", (width, height), bytes(memoryview(pixels)))  # type: ignore[arg-type]
    png = io.BytesIO()
    image.save(png, format="PNG")
    data = base64.b64encode(png.getvalue()).decode("ascii")
    return {"src": f"data:image/png;base64,{data}", "alt": f"{alt}: {url}"}


def _fonts() -> list[dict[str, Any]]:
    from .confine import font_dir

    folder = font_dir()
    return [
        {"url": file_url(folder / f"AtkinsonHyperlegible-{name}.ttf"), "weight": w, "style": s}
        for name, w, s in _FONT_FACES
    ]


def _date(guide_date: str | None) -> str | None:
    # PDF dates must be W3C dates; a free-text date is printed but not put in the metadata.
    return guide_date if guide_date and _DATE.match(guide_date) else None


def _logo(library: Library) -> dict[str, str] | None:
    branding = library.guide.branding
    if not branding.logo:
        return None
    return {"src": file_url(library.media_path(branding.logo)), "alt": branding.name}


def common_context(library: Library, title: str, description: str) -> dict[str, Any]:
    """What every print template reads: words, guide, branding, fonts, logo and document metadata."""
    guide = library.guide
    s = strings(guide.language)
    return {
        "s": s,
        "guide": guide,
        "branding": guide.branding,
        "fonts": _fonts(),
        "logo": _logo(library),
        "doc": {
            "title": title,
            "author": guide.branding.name,
            "description": description,
            "lang": guide.language,
            "date": _date(guide.date),
        },
    }


def stylesheet(
    library: Library, options: PrintOptions, folder: Templates, names: tuple[str, ...]
) -> str:
    """The print CSS (fonts, paper, colours filled in), for WeasyPrint to parse once per worker."""
    # Autoescape off: this is CSS, and its only inputs are validated colours, paper and font paths.
    context = {
        "fonts": _fonts(),
        "branding": library.guide.branding,
        "paper": options.paper,
        "layout": options.layout,
    }
    return "\n".join(render(folder, name, autoescape=False, **context) for name in names)


def sheet_context(library: Library, exercise: Exercise, options: PrintOptions) -> dict[str, Any]:
    """What the one-page exercise sheet macro needs: the exercise, its figures, QR code and logo."""
    s = strings(library.guide.language)
    figures: list[dict[str, Any]] = []
    for index in range(len(exercise.steps)):
        figure = print_figure(library, exercise, index)
        if figure.svg is not None:
            words = figure_words(figure.svg)
            figures.append({"alt": figure.alt, "src": svg_data_url(figure.svg), "words": words})
        else:
            assert figure.media is not None
            figures.append({"alt": figure.alt, "src": file_url(figure.media), "words": []})
    tips = tips_beyond_safety(exercise)
    return {
        "exercise": exercise,
        "tips": tips,
        "figures": figures,
        "qr": qr_code(page_url(library, exercise), s["qr_alt"]),
        "logo": _logo(library),
        "layout": options.layout,
        "paper": options.paper,
    }


def _plain(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.lower()))


def tips_beyond_safety(exercise: Exercise) -> list[str]:
    """The exercise's tips less those that repeat a safety line (the safety box prints those)."""
    safety = {_plain(line) for line in exercise.safety}
    return [tip for tip in exercise.tips if _plain(tip) not in safety]


def step_words(exercise: Exercise, s: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """Each step's text and the bold lines the sheet prints under it (breath cue, hold)."""
    steps = []
    for step in exercise.steps:
        extras = [s["breath"][step.breath]] if step.breath else []
        if step.hold:
            extras.append(f"{s['hold_position']}: {step.hold}")
        steps.append((step.text, tuple(extras)))
    return steps


def box_groups(exercise: Exercise, get_help: Sequence[str]) -> dict[str, list[str]]:
    """The lists a poster boxes under its steps, by name (pdf/boxes.py arranges them)."""
    return {
        "benefits": list(exercise.benefits),
        "tips": tips_beyond_safety(exercise),
        "safety": list(exercise.safety),
        "cautions": list(exercise.cautions),
        "help": list(get_help),
    }


def per_row(exercise: Exercise, layout: Layout, fit: int) -> int:
    """How many step panels share a row: up to four on a desk poster, three on a poster (four when tight)."""
    most = 4 if layout == "desk" or fit >= 2 else 3
    return min(len(exercise.steps), most)


class PosterMaker:
    """One exercise's poster HTML at any fit level; its figures are drawn once."""

    def __init__(
        self, library: Library, exercise: Exercise, options: PrintOptions, templates: Templates
    ) -> None:
        self.library = library
        self.exercise = exercise
        self.options = options
        self.folder = templates.sub("print")
        self._sheet = sheet_context(library, exercise, options)

    def _sheet_at(self, fit: int) -> dict[str, Any]:
        per = per_row(self.exercise, self.options.layout, fit)
        widths: list[float] = []
        if self.options.layout == "poster":
            # The steps table's columns, shared by how much each step has to say (columns.py).
            steps = step_words(self.exercise, strings(self.library.guide.language))
            widths = step_widths(steps, per, self.options.paper, fit)
        groups = box_groups(self.exercise, self.library.guide.get_help)
        boxes, box_widths, _ = arrange(groups, self.options.paper, fit)
        return {
            **self._sheet,
            "fit": fit,
            "per_row": per,
            "widths": widths,
            "boxes": list(zip(boxes, box_widths, strict=True)),
        }

    def styles(self) -> str:
        """The poster's CSS, the same at every fit level."""
        return stylesheet(self.library, self.options, self.folder, POSTER_STYLES)

    def poster(self, fit: int, *, inline_styles: bool = False) -> str:
        """The poster document at a fit level (0 loosest); its CSS inline only when asked."""
        return render(
            self.folder,
            "poster.html",
            autoescape=True,
            external_styles=not inline_styles,
            sheet=self._sheet_at(fit),
            paper=self.options.paper,
            layout=self.options.layout,
            **common_context(self.library, self.exercise.title, self.exercise.summary),
        )


def text_size(exercise: Exercise) -> int:
    """How many characters of text an exercise puts on its sheet."""
    parts = [exercise.title, exercise.summary, *(step.text for step in exercise.steps)]
    parts += [*exercise.benefits, *exercise.tips, *exercise.safety, *exercise.cautions]
    return sum(len(p) for p in parts)
