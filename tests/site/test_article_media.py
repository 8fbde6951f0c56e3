"""An article shows an image from content/media/ through the real `mkdocs build --strict`."""

from __future__ import annotations

from pathlib import Path

from tests.site.support import copy_project, mkdocs_build

ARTICLE = "why-the-upper-back-gets-tight"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="400" height="200">'
    '<title>Upper back</title><rect x="2" y="2" width="36" height="16" fill="none" '
    'stroke="#000"/></svg>'
)


def test_an_article_image_from_media_is_on_the_built_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    content = project / "content"
    (content / "media" / "upper-back.svg").write_text(SVG, encoding="utf-8")
    path = content / "pages" / f"{ARTICLE}.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "\norder: 1\n",
        "\norder: 1\nimages:\n  - file: upper-back.svg\n    licence: CC0\n    attribution: Test\n",
        1,
    ).replace(
        "## What causes upper back pain and tension\n",
        "![The upper back, between the shoulder blades](media/upper-back.svg)\n\n"
        "## What causes upper back pain and tension\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "media" / "upper-back.svg").read_text(encoding="utf-8") == SVG
    html = (site / "articles" / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert (
        '<img alt="The upper back, between the shoulder blades" src="../../media/upper-back.svg"'
        in html
    )
    assert "Image: upper-back.svg, Test (CC0)" in html
