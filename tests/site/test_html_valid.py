"""The Nu HTML checker finds no error on any page of the built site (one JVM for all of them),
and every step figure's <img> carries its width and height."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from exercise_guide.pages.assets import image_size
from tests.checkers import HtmlError, site_pages, vnu_errors

# Errors the theme's markup makes that are kept on purpose (README, "Reference checkers"):
# Material puts autocomplete="off" on its drawer and search toggles because Firefox otherwise
# restores a checkbox's state on reload and back navigation, reopening the drawer or the search.
KEPT = [
    re.compile(r'Attribute “autocomplete” is only allowed when .*id="__(drawer|search)"'),
]


def theme_kept(error: HtmlError) -> bool:
    text = f"{error.message} {' '.join(error.extract.split())}"
    return any(pattern.search(text) for pattern in KEPT)


def test_no_html_error_on_any_page(built_site: Path) -> None:
    pages = site_pages(built_site)
    assert {p.type for p in pages} >= {"home", "exercise", "body area", "404"}
    found = {
        page.url or "/": [str(e) for e in errors if not theme_kept(e)]
        for page, errors in zip(pages, vnu_errors(p.file for p in pages).values(), strict=True)
    }
    found = {url: errors for url, errors in found.items() if errors}
    assert not found, f"HTML errors on {len(found)} of {len(pages)} pages: {found}"


class _Figures(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "img" and "eg-figure" in (attributes.get("class") or "").split():
            self.images.append(attributes)


def test_every_step_figure_has_the_width_and_height_of_its_image(built_site: Path) -> None:
    checked = 0
    for page in site_pages(built_site):
        parser = _Figures()
        parser.feed(page.file.read_text(encoding="utf-8"))
        for image in parser.images:
            source = (page.file.parent / str(image["src"])).resolve()
            size = image_size(source)
            assert size is not None, source
            assert (image.get("width"), image.get("height")) == tuple(map(str, size)), source
            checked += 1
    assert checked >= 3


def test_image_size_reads_svg_attributes_or_view_box_png_and_jpeg(tmp_path: Path) -> None:
    assert image_size(b'<svg xmlns="x" width="240px" height="270" viewBox="0 0 1 1"/>') == (
        240,
        270,
    )
    assert image_size(b'<?xml version="1.0"?>\n<svg viewBox="0 0 120.4 80"></svg>') == (120, 80)
    assert image_size(b"<svg></svg>") is None
    for kind in ("PNG", "JPEG"):
        Image.new("RGB", (31, 17)).save(tmp_path / f"f.{kind}", kind)
        assert image_size(tmp_path / f"f.{kind}") == (31, 17)
    assert image_size(b"not an image") is None
