"""The page generator as a pure function, its golden Markdown, and `exercise-guide pages`."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.pages import navigation, site_content
from exercise_guide.pages.assets import image_size
from exercise_guide.pages.generate import HOME_CARDS, generate, safe_article_body
from exercise_guide.reading_order import guide_order
from exercise_guide.strings import strings
from tests.conftest import RunCli
from tests.site.support import ENV, MKDOCS
from tests.support import CONTENT, SHIPPED, TEMPLATES

GOLDEN = Path(__file__).parent / "golden"
# Pages whose text does not depend on the figure renderer (the home page shows figures and their
# alt texts: test_home_page_shows_areas_and_exercises_as_cards checks it); regenerate with UPDATE_GOLDEN=1 and
# review the diff.
GOLDEN_PAGES = {
    "routines/upper-back-loosening.md": "routine-upper-back-loosening.md",
    "areas/shoulders/index.md": "area-shoulders.md",
    "articles/why-the-upper-back-gets-tight.md": "article-why-the-upper-back-gets-tight.md",
}


@pytest.fixture(scope="module")
def library() -> Library:
    """The shipped content."""
    return load_library(CONTENT)


@pytest.mark.parametrize("page", sorted(GOLDEN_PAGES))
def test_page_matches_golden(library: Library, page: str) -> None:
    text = site_content(library, SHIPPED).pages[page]
    golden = GOLDEN / GOLDEN_PAGES[page]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


# Generates the site content in a fresh interpreter and prints every page and file, in order.
_GENERATE = """
import hashlib, json, sys
from pathlib import Path
from exercise_guide.content import load_library
from exercise_guide.pages import site_content
from exercise_guide.template_folders import Templates
site = site_content(load_library(sys.argv[1]), Templates((Path(sys.argv[2]),)))
files = {n: d.read_bytes() if isinstance(d, Path) else d for n, d in site.files.items()}
print(json.dumps({
    "pages": list(site.pages.items()),
    "files": [(n, hashlib.sha256(d).hexdigest()) for n, d in files.items()],
}))
"""


def test_generation_is_the_same_under_two_hash_seeds() -> None:
    """Two processes with different hash seeds (set and dict order, hash() values) agree: the
    same pages in the same order, the same file names and bytes."""
    runs = []
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", _GENERATE, str(CONTENT), str(TEMPLATES)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
            check=True,
        )
        runs.append(json.loads(out.stdout))
    assert len(runs[0]["pages"]) > 10 and len(runs[0]["files"]) > 10
    assert runs[0] == runs[1]


def test_exercise_page_front_matter_boosts_search_and_tags_areas(library: Library) -> None:
    page = site_content(library, SHIPPED).pages["exercises/elbow-flapping.md"]
    front = page.split("---\n")[1]
    assert "title: Elbow Flapping\n" in front
    assert "search:\n  boost: 4\n" in front
    assert "tags:\n- Upper back\n- Shoulders\n- Chest\n- Neck\n" in front
    # Without guide.yml's site.tags_page the tags are searched but not shown.
    assert "hide:\n- tags\n" in front
    assert "wings" in page


def test_posters_are_linked_only_when_built(library: Library) -> None:
    without = site_content(library, SHIPPED, pdfs=()).pages
    assert not any(".pdf" in text for text in without.values())
    pdfs = {"pdf/shoulder-rolling.pdf", "pdf/routine-upper-back-loosening.pdf", "pdf/guide.pdf"}
    with_pdfs = site_content(library, SHIPPED, pdfs=pdfs).pages
    assert "(../pdf/shoulder-rolling.pdf)" in with_pdfs["exercises/shoulder-rolling.md"]
    assert ".pdf" not in with_pdfs["exercises/elbow-flapping.md"]
    assert (
        "(../pdf/routine-upper-back-loosening.pdf)" in with_pdfs["routines/upper-back-loosening.md"]
    )
    assert "(pdf/guide.pdf)" in with_pdfs["index.md"]


def test_imported_exercise_carries_the_review_warning(library: Library) -> None:
    imported = library.exercises["shoulder-rolling"].model_copy(update={"review": "needed"})
    changed = dataclasses.replace(
        library, exercises={**library.exercises, "shoulder-rolling": imported}
    )
    page = site_content(changed, SHIPPED).pages["exercises/shoulder-rolling.md"]
    assert '!!! warning "Imported, not yet reviewed by a clinician"' in page
    plain = site_content(library, SHIPPED).pages["exercises/shoulder-rolling.md"]
    assert "not yet reviewed" not in plain


def test_home_page_shows_areas_and_exercises_as_cards(library: Library) -> None:
    site = site_content(library, SHIPPED)
    home = site.pages["index.md"]
    for area in library.body_areas():
        heading = f"[{library.body_area_title(area)}](areas/{area}/index.md)"
        assert heading + "{ .eg-area-link }" in home, area
    # Exercises in the booklet's order, each once: heading link, first figure with its alt
    # text and size, then the summary.
    at = [home.index(f"(exercises/{ex.id}.md)") for ex in guide_order(library)]
    assert at == sorted(at) and len(at) == len(library.exercises)
    assert at[0] == home.index("(exercises/upper-back-loosener.md)")
    ex = library.exercises["elbow-flapping"]
    card = home[home.index("### [Elbow Flapping]") :]
    figure = site.files["figures/elbow-flapping/step-1.svg"]
    assert isinstance(figure, bytes)
    width, height = image_size(figure) or (0, 0)
    alt = re.search(r"!\[(.*?)\]\(figures/elbow-flapping/step-1\.svg\)", card)
    assert alt and alt.group(1).startswith("Seen from"), card[:400]
    assert f"loading=lazy width={width} height={height} }}" in card
    assert card.index(ex.summary) < card.index("</div>")
    assert "Every exercise is listed" not in home


def test_home_page_cards_stop_at_a_limit_and_point_to_the_areas(library: Library) -> None:
    base = library.exercises["shoulder-rolling"]
    many = {f"ex-{n:03}": base.model_copy(update={"id": f"ex-{n:03}"}) for n in range(30)}
    big = dataclasses.replace(library, exercises=many, routines={})
    pages = generate(big, SHIPPED, {i: ["A figure."] * len(base.steps) for i in many})
    home = pages["index.md"]
    assert home.count("](exercises/") == HOME_CARDS
    assert "Every exercise is listed on the page of its body area." in home


def test_sources_are_written_for_readers(library: Library) -> None:
    page = site_content(library, SHIPPED).pages["exercises/shoulder-rolling.md"]
    line = (
        '<p class="eg-sources">Based on: '
        "Upper Back Exercises That Are Quick, Effective and Easy</p>"
    )
    assert line in page
    # The author's note ("The guide's seed article") stays in the YAML.
    assert "seed" not in page and "Sources" not in page
    # A source on the web is linked; a link that is not http(s) is shown as words only.
    exercise = library.exercises["shoulder-rolling"]
    web = exercise.sources[0].model_copy(
        update={"url": "https://example.org/a?b=1&c=2", "licence": "CC BY 4.0"}
    )
    script = web.model_copy(update={"title": "Other", "url": "javascript:alert(1)"})
    changed = dataclasses.replace(
        library,
        exercises={
            **library.exercises,
            "shoulder-rolling": exercise.model_copy(update={"sources": [web, script]}),
        },
    )
    page = site_content(changed, SHIPPED).pages["exercises/shoulder-rolling.md"]
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2">Upper Back Exercises That Are Quick, '
        "Effective and Easy</a> (CC BY 4.0); Other (CC BY 4.0)</p>"
    ) in page
    assert "javascript" not in page


def test_branding_colours_reach_the_css(library: Library) -> None:
    branding = library.guide.branding.model_copy(
        update={"primary_color": "#123456", "accent_color": "#abcdef"}
    )
    guide = library.guide.model_copy(update={"branding": branding})
    files = site_content(dataclasses.replace(library, guide=guide), SHIPPED).files
    brand = files["assets/brand.css"]
    assert isinstance(brand, bytes)
    assert b"--md-primary-fg-color: #123456;" in brand
    assert b"--md-accent-fg-color: #abcdef;" in brand


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Hi <script>x</script>", "Hi &lt;script>x&lt;/script>"),
        ("[a](javascript:alert(1))", "[a](#javascript-alert(1))"),
        ("[a]( JavaScript:alert(1))", "[a]( #JavaScript-alert(1))"),
        ("[a]: vbscript:x", "[a]: #vbscript-x"),
        ("[a](https://example.org/) [b](../x.md)", "[a](https://example.org/) [b](../x.md)"),
        ("```\n<b>code</b>\n```\n<b>", "```\n<b>code</b>\n```\n&lt;b>"),
    ],
)
def test_article_bodies_show_html_as_text_and_disarm_script_links(body: str, expected: str) -> None:
    assert safe_article_body(body) == expected


def test_pages_command_writes_a_docs_folder_plain_mkdocs_can_build(
    run_cli: RunCli, tmp_path: Path, library
) -> None:
    out = tmp_path / "docs"
    result = run_cli(
        "pages",
        "--content",
        str(CONTENT),
        "--templates",
        str(TEMPLATES),
        "--out",
        str(out),
        "--no-pdfs",
    )
    assert result.returncode == 0, result.stderr
    # The Zensical config beside the docs folder names it, with the guide's CSS and nav.
    zensical = (tmp_path / "zensical.toml").read_text(encoding="utf-8")
    assert 'docs_dir = "docs"' in zensical and '"assets/exercise-guide.css"' in zensical
    assert '"Elbow Flapping" = "exercises/elbow-flapping.md"' in zensical
    # Zensical would point edit links at the generated .md files, which are in no repository.
    assert "edit_uri" not in zensical
    expected = site_content(library, SHIPPED)
    for path, text in expected.pages.items():
        assert (out / path).read_text(encoding="utf-8") == text
    for path in expected.files:
        assert (out / path).is_file(), path
    # An engine that runs no plugins gets the same pages: plain Material, no exercise-guide plugin.
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Plain\ndocs_dir: docs\ntheme: {name: material, font: false}\n"
        "plugins: [search, tags]\n"
        "extra_css: [assets/exercise-guide.css, assets/brand.css]\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, toc]\n",
        encoding="utf-8",
    )
    built = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site" / "exercises" / "upper-back-loosener" / "index.html").read_text()
    assert "Upper Back Loosener" in html and "step-1.svg" in html


def test_pages_command_reports_bad_content_plainly(
    run_cli: RunCli, content_copy: Path, tmp_path: Path
) -> None:
    (content_copy / "exercises" / "broken.yml").write_text("title: [unclosed\n", encoding="utf-8")
    result = run_cli("pages", "--content", str(content_copy), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "broken.yml:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_big_body_areas_are_split_into_small_alphabetical_nav_groups(library: Library) -> None:
    base = library.exercises["shoulder-rolling"]
    many = {
        f"roll-{i:03d}": base.model_copy(
            update={"id": f"roll-{i:03d}", "title": f"{chr(65 + i % 26)} roll {i:03d}"}
        )
        for i in range(95)
    }
    ordered = dict(sorted({**library.exercises, **many}.items(), key=lambda kv: kv[1].title))
    big = dataclasses.replace(library, exercises=ordered)
    nav = navigation(big, strings("en"))
    areas = next(item["Body areas"] for item in nav if "Body areas" in item)
    shoulders = next(item["Shoulders"] for item in areas if "Shoulders" in item)
    assert shoulders[0] == "areas/shoulders/index.md"
    groups = shoulders[1:]
    assert len(groups) == 3
    listed = [
        page
        for group in groups
        for (_, entries) in group.items()
        for e in entries
        for page in e.values()
    ]
    assert all(len(entries) <= 40 for group in groups for entries in group.values())
    expected = [
        f"exercises/{ex.id}.md"
        for ex in big.exercises_in("shoulders")
        if ex.body_areas[0] == "shoulders"
    ]
    assert listed == expected
    assert [next(iter(g)) for g in groups] == ["A–J", "K–U", "U–Z"]
    # Small areas stay a flat list.
    upper = next(item["Upper back"] for item in areas if "Upper back" in item)
    assert all(isinstance(next(iter(e.values())), str) for e in upper[1:])
