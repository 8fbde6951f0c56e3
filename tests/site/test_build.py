"""The real `mkdocs build --strict` of the shipped project: pages, files, links, PDFs, edit links."""

from __future__ import annotations

import json
import re
from pathlib import Path

from exercise_guide.content import load_library
from tests.checkers import vnu_errors
from tests.site.support import copy_project, mkdocs_build, own_template
from tests.site.test_html_valid import theme_kept
from tests.support import CONTENT

LIBRARY = load_library(CONTENT)


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_every_page_is_built(built_site: Path) -> None:
    expected = ["", "routines", "articles"]
    expected += [f"exercises/{i}" for i in LIBRARY.exercises]
    expected += [f"routines/{i}" for i in LIBRARY.routines]
    expected += [f"areas/{a}" for a in LIBRARY.body_areas()]
    expected += [f"articles/{i}" for i in LIBRARY.articles]
    for page in expected:
        assert (built_site / page / "index.html").is_file(), page


def test_every_step_has_its_figure_file(built_site: Path) -> None:
    for exercise in LIBRARY.exercises.values():
        html = _html(built_site, f"exercises/{exercise.id}")
        for n in range(1, len(exercise.steps) + 1):
            figure = built_site / "figures" / exercise.id / f"step-{n}.svg"
            assert figure.read_bytes().lstrip().startswith((b"<svg", b"<?xml")), figure
            assert f'src="../../figures/{exercise.id}/step-{n}.svg"' in html


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loaded = re.findall(
            r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="([^"]+)"', html
        )
        remote = [u for u in loaded if re.match(r"^(https?:)?//", u) and 'rel="canonical"' not in u]
        # The canonical link names the public URL but loads nothing.
        remote = [u for u in remote if not u.startswith(LIBRARY.guide.base_url)]
        assert remote == [], (page, remote)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_fonts_and_css_are_in_the_site(built_site: Path) -> None:
    fonts = sorted(p.name for p in (built_site / "assets" / "fonts").glob("*.ttf"))
    assert fonts == [
        "AtkinsonHyperlegible-Bold.ttf",
        "AtkinsonHyperlegible-BoldItalic.ttf",
        "AtkinsonHyperlegible-Italic.ttf",
        "AtkinsonHyperlegible-Regular.ttf",
    ]
    css = (built_site / "assets" / "exercise-guide.css").read_text(encoding="utf-8")
    for font in fonts:
        assert f'url("fonts/{font}")' in css
    brand = (built_site / "assets" / "brand.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {LIBRARY.guide.branding.primary_color};" in brand
    assert f"--md-accent-fg-color: {LIBRARY.guide.branding.accent_color};" in brand
    home = _html(built_site, "")
    assert 'href="assets/brand.css"' in home and 'href="assets/exercise-guide.css"' in home


def test_the_packaged_theme_overrides_are_used(built_site: Path) -> None:
    # templates/overrides/partials/search.html ships in the package; mkdocs.yml names no custom_dir.
    assert 'class="md-search" data-md-component="search" role="dialog" aria-label=' in _html(
        built_site, ""
    )


def test_every_pdf_link_resolves_and_every_poster_is_linked(built_site: Path) -> None:
    linked: set[Path] = set()
    for page in built_site.rglob("index.html"):
        for href in re.findall(r'href="([^"#]+\.pdf)"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            assert target.is_file(), (page, href)
            linked.add(target)
    built = (
        {p.resolve() for p in (built_site / "pdf").glob("*.pdf")}
        if (built_site / "pdf").is_dir()
        else set()
    )
    assert built <= linked, built - linked
    for exercise_id in LIBRARY.exercises:
        poster = built_site / "pdf" / f"{exercise_id}.pdf"
        html = _html(built_site, f"exercises/{exercise_id}")
        assert (poster.is_file()) == ('href="../../pdf/' + exercise_id + '.pdf"' in html)


def test_the_seed_shows_no_edit_link_and_no_tags_page(built_site: Path) -> None:
    # The seed names no repository (it has none published), and guide.yml's site options are
    # off unless set.
    guide = LIBRARY.guide
    assert guide.repo_url is None and not guide.site.edit_link
    assert not guide.site.tags_page
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'rel="edit"' not in html and "md-content__button" not in html, page
        assert not re.search(r'href="(\.\./)*tags/"', html), page
    assert not (built_site / "tags").exists()
    # The tags stay searched (the index ranks by them) but are not shown.
    html = _html(built_site, "exercises/shoulder-rolling")
    assert '<nav class="md-tags" hidden>' in html


def test_site_options_turn_on_the_edit_link_and_the_tags_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    guide_file = project / "content" / "guide.yml"
    text = guide_file.read_text(encoding="utf-8")
    repo = "repo_url: https://github.com/clinic/guide\nedit_uri: edit/main/content/\n"
    options = "site:\n  edit_link: true\n  tags_page: true\n"
    guide_file.write_text(text + repo + options, "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for exercise_id in LIBRARY.exercises:
        html = _html(site, f"exercises/{exercise_id}")
        url = f"https://github.com/clinic/guide/edit/main/content/exercises/{exercise_id}.yml"
        assert f'href="{url}"' in html and 'rel="edit"' in html
        # Its tags show, linked to the tags page, which the menu lists.
        assert '<nav class="md-tags" >' in html and 'href="../../tags/#' in html
        assert 'href="../../tags/"' in html
    assert "Shoulder Rolling" in _html(site, "tags")
    pages = [site / "tags" / "index.html", site / "exercises" / "shoulder-rolling" / "index.html"]
    errors = [str(e) for found in vnu_errors(pages).values() for e in found if not theme_kept(e)]
    assert not errors, errors
    # Pages made from no single file offer no edit link.
    assert 'rel="edit"' not in _html(site, "")


def test_search_index_boosts_exercises_and_holds_their_keywords(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"]: d for d in index["docs"] if "#" not in d["location"]}
    loosener = pages["exercises/upper-back-loosener/"]
    assert loosener["boost"] > 1
    text = " ".join(
        d["text"]
        for d in index["docs"]
        if d["location"].startswith("exercises/upper-back-loosener/")
    )
    assert "stiff upper back" in text and "interlocked" in text
    assert "Upper back" in loosener.get("tags", [])
    assert pages["areas/shoulders/"].get("boost", 1) < loosener["boost"]


def test_site_name_url_and_footer_come_from_guide(built_site: Path) -> None:
    home = _html(built_site, "")
    assert f"<title>Home - {LIBRARY.guide.title}</title>" in home
    assert f'<link rel="canonical" href="{LIBRARY.guide.base_url}">' in home
    assert LIBRARY.guide.branding.name in home


def test_disclaimer_and_safety_are_on_every_page(built_site: Path) -> None:
    disclaimer = " ".join(LIBRARY.guide.disclaimer.split())
    for page in built_site.rglob("index.html"):
        if page.parent.name == "404":
            continue
        html = page.read_text(encoding="utf-8")
        assert disclaimer in html, page
        assert 'class="admonition danger"' in html or page.parent.name == "articles", page


def test_bad_content_stops_the_build_with_file_line_and_field(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bad = project / "content" / "exercises" / "bad-breath.yml"
    good = (project / "content" / "exercises" / "shoulder-rolling.yml").read_text(encoding="utf-8")
    bad.write_text(good.replace("breath: normal", "breath: inhale", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    line = next(i for i, t in enumerate(bad.read_text().splitlines(), 1) if "inhale" in t)
    assert re.search(rf"bad-breath\.yml:{line}: steps\[0\]\.breath: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "index.html").exists()


def test_strict_build_without_pdfs_links_none(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "pdf").exists()
    for page in site.rglob("index.html"):
        assert ".pdf" not in page.read_text(encoding="utf-8"), page


def test_logo_from_branding_is_served_and_shown(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    media = project / "content" / "media"
    media.mkdir(exist_ok=True)
    logo = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'
    (media / "clinic-logo.svg").write_bytes(logo)
    guide = project / "content" / "guide.yml"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(
        text.replace(
            "  name: Exercise Guide\n", "  name: Exercise Guide\n  logo: clinic-logo.svg\n"
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "assets" / "logo.svg").read_bytes() == logo
    assert 'src="../../assets/logo.svg"' in _html(site, "exercises/shoulder-rolling")


def test_template_mistake_names_the_template_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    template = own_template(project, "site/routine.md.j2")
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "{{ routine.no_such_field.deeper }}")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "routine.md.j2:3: " in result.stderr and "no_such_field" in result.stderr
    assert "Traceback" not in result.stderr


def test_authored_step_image_is_copied_and_credited(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    media = project / "content" / "media" / "photos"
    media.mkdir(parents=True, exist_ok=True)
    image = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>'
    (media / "roll.svg").write_bytes(image)
    exercise = project / "content" / "exercises" / "shoulder-rolling.yml"
    text = exercise.read_text(encoding="utf-8")
    illustration = (
        "    illustration:\n      file: photos/roll.svg\n      licence: CC BY 4.0\n"
        "      attribution: A. Clinic\n      alt: Arms hanging loosely\n"
    )
    text = text.replace("    view: front\n", "    view: front\n" + illustration, 1)
    exercise.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "media" / "photos" / "roll.svg").read_bytes() == image
    html = _html(site, "exercises/shoulder-rolling")
    assert 'alt="Arms hanging loosely"' in html
    assert 'src="../../media/photos/roll.svg"' in html
    assert "Image: A. Clinic (CC BY 4.0)" in html
    assert not (site / "figures" / "shoulder-rolling" / "step-1.svg").exists()


def test_a_library_without_routines_or_articles_builds_strictly(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    for folder in ("routines", "pages"):
        for path in (project / "content" / folder).glob("*"):
            path.unlink()
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "routines").exists()
    assert (site / "exercises" / "shoulder-rolling" / "index.html").is_file()


def test_build_prints_placeholders_and_shows_no_edit_link_without_a_repo(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", pdfs=False)
    guide = project / "content" / "guide.yml"
    text = guide.read_text(encoding="utf-8")
    # The seed names no repository; edit links are turned on, and still none is shown.
    assert LIBRARY.guide.repo_url is None
    guide.write_text(text + "site:\n  edit_link: true\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    # A placeholder is a warning, not an error: the strict build still succeeds, and says so.
    assert result.returncode == 0, result.stderr
    assert "base_url: https://exercise-guide.example.org/ is a placeholder" in result.stderr
    page = (site / "exercises" / "shoulder-rolling" / "index.html").read_text(encoding="utf-8")
    assert 'rel="edit"' not in page
