"""Content that cannot be printed fails with file, line and field, and no PDF is written for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from exercise_guide.content import Library
from exercise_guide.errors import BuildError, ContentError
from exercise_guide.model import Media, Step
from exercise_guide.pdf import BOOKLET, PrintOptions
from exercise_guide.pdf.confine import allowed_roots
from exercise_guide.strings import strings
from exercise_guide.template_folders import PACKAGED, templates_for
from tests.pdf.conftest import TEMPLATES, build, only, with_exercise
from tests.pdf.readers import pdf_text, squash

LONG = (
    "Stand tall, breathe slowly through your nose and let your shoulders drop away from your "
    "ears while you keep your chin level and your gaze soft, then move gently and stop if it hurts."
)


def test_too_long_for_one_page_names_the_exercise_and_writes_no_pdf(
    shipped: Library, tmp_path: Path
) -> None:
    steps = [Step(text=f"{LONG} ({i + 1})", breath="normal") for i in range(30)]
    library = with_exercise(
        only(shipped, "shoulder-rolling", "elbow-flapping"), "shoulder-rolling", steps=steps
    )
    out = tmp_path / "out"
    out.mkdir()
    # A poster from an earlier build must survive a failed one untouched.
    (out / "shoulder-rolling.pdf").write_bytes(b"earlier poster")
    with pytest.raises(ContentError) as caught:
        build(library, tmp_path, booklet=False)
    [problem] = caught.value.problems
    assert problem.path.endswith("content/exercises/shoulder-rolling.yml")
    assert problem.field == "steps"
    assert problem.line > 1
    assert "too long for one A4 page" in problem.message
    assert "30 steps" in problem.message
    assert (out / "shoulder-rolling.pdf").read_bytes() == b"earlier poster"
    # The other exercise still gets its poster.
    assert len(PdfReader(out / "elbow-flapping.pdf").pages) == 1


def test_an_illustration_outside_the_project_fails_before_rendering(
    shipped: Library, tmp_path: Path
) -> None:
    outside = Media(file="../../../../etc/hostname", licence="CC0", attribution="nobody")
    exercise = shipped.exercises["shoulder-rolling"]
    steps = [exercise.steps[0].model_copy(update={"illustration": outside}), *exercise.steps[1:]]
    library = with_exercise(only(shipped, "shoulder-rolling"), "shoulder-rolling", steps=steps)
    with pytest.raises(ContentError) as caught:
        build(library, tmp_path, booklet=False)
    [problem] = caught.value.problems
    assert problem.path.endswith("content/exercises/shoulder-rolling.yml")
    assert problem.field == "steps[0].illustration.file"
    assert "outside content/" in problem.message
    assert not (tmp_path / "out" / "shoulder-rolling.pdf").exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/pixel.png",
        "http://127.0.0.1:9/x.png",
        "file:///etc/hostname",
        "ftp://x/y",
    ],
)
def test_the_fetcher_refuses_anything_outside_the_project_in_a_real_render(
    url: str, tmp_path: Path
) -> None:
    from weasyprint import HTML

    from exercise_guide.pdf.fetcher import ConfinedFetcher, RefusedURL

    fetcher = ConfinedFetcher(allowed_roots(tmp_path, TEMPLATES))
    html = f'<html lang="en"><title>t</title><body><img src="{url}" alt="x"></body></html>'
    with pytest.raises(RefusedURL) as caught:
        HTML(string=html, base_url=tmp_path.as_uri() + "/", url_fetcher=fetcher).render()
    assert caught.value.url.startswith(url.split(":")[0])


def test_the_fetcher_allows_files_inside_content_and_data_urls(tmp_path: Path) -> None:
    from weasyprint import HTML

    from exercise_guide.pdf.fetcher import ConfinedFetcher

    (tmp_path / "media").mkdir()
    dot = tmp_path / "media" / "dot.svg"
    dot.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', "utf-8")
    data = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E"
    fetcher = ConfinedFetcher(allowed_roots(tmp_path, TEMPLATES))
    html = f'<img src="{dot.as_uri()}" alt="a"><img src="{data}" alt="b">'
    document = HTML(string=html, base_url=tmp_path.as_uri() + "/", url_fetcher=fetcher).render()
    assert len(document.pages) == 1


def test_a_symlink_inside_content_pointing_outside_is_refused(tmp_path: Path) -> None:
    from exercise_guide.pdf.confine import refusal

    (tmp_path / "media").mkdir()
    link = tmp_path / "media" / "evil.png"
    link.symlink_to("/etc/hostname")
    reason = refusal(link.as_uri(), allowed_roots(tmp_path, TEMPLATES))
    assert reason is not None and "outside" in reason


def test_a_sibling_folder_whose_name_starts_like_content_is_refused(tmp_path: Path) -> None:
    """content-private/ beside content/ shares its name as a prefix, not as a folder."""
    from weasyprint import HTML

    from exercise_guide.pdf.confine import refusal
    from exercise_guide.pdf.fetcher import ConfinedFetcher, RefusedURL

    content = tmp_path / "content"
    (content / "media").mkdir(parents=True)
    secret = tmp_path / "content-private" / "secret.svg"
    secret.parent.mkdir()
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', "utf-8")
    roots = allowed_roots(content, TEMPLATES)
    reason = refusal(secret.as_uri(), roots)
    assert reason is not None and "outside" in reason
    html = f'<html lang="en"><title>t</title><body><img src="{secret.as_uri()}" alt="x"></body>'
    with pytest.raises(RefusedURL):
        HTML(
            string=html, base_url=content.as_uri() + "/", url_fetcher=ConfinedFetcher(roots)
        ).render()


def test_content_text_is_escaped_and_review_notice_shown(shipped: Library, tmp_path: Path) -> None:
    title = 'Roll <b>bold</b> & <img src="https://example.org/x.png"> breathe'
    library = with_exercise(
        only(shipped, "shoulder-rolling"), "shoulder-rolling", title=title, review="needed"
    )
    report = build(library, tmp_path, booklet=False)
    text = squash(pdf_text(report.files["shoulder-rolling.pdf"]))
    assert squash(title) in text
    assert squash(strings("en")["review_needed"]) in text


def test_desk_poster_is_one_landscape_page(shipped: Library, tmp_path: Path) -> None:
    library = only(shipped, "upper-back-loosener")
    report = build(
        library, tmp_path, options=PrintOptions(paper="A4", layout="desk"), booklet=False
    )
    assert sorted(report.files) == ["upper-back-loosener-desk.pdf"]
    reader = PdfReader(report.files["upper-back-loosener-desk.pdf"])
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = squash(pdf_text(report.files["upper-back-loosener-desk.pdf"]))
    exercise = shipped.exercises["upper-back-loosener"]
    # Read from across the room: each step's cue (the full words are on the A4 poster).
    cues = [s.cue for s in exercise.steps if s.cue]
    assert len(cues) == len(exercise.steps)
    for line in [*cues, *exercise.safety, *exercise.cautions, shipped.guide.disclaimer]:
        assert squash(line) in text


def test_a_guides_own_template_replaces_the_packaged_one_file_by_file(
    shipped: Library, tmp_path: Path
) -> None:
    # The guide has its own poster.html and nothing else: the booklet's own pages and the CSS
    # come from the package, and its exercise page is the guide's own poster.
    own = tmp_path / "templates" / "print" / "poster.html"
    own.parent.mkdir(parents=True)
    packaged = (PACKAGED / "print" / "poster.html").read_text(encoding="utf-8")
    own.write_text(packaged.replace("<body>", "<body><p>Own-template-4711</p>"), encoding="utf-8")
    library = only(shipped, "shoulder-rolling")
    report = build(library, tmp_path, templates=templates_for(tmp_path))
    assert "Own-template-4711" in pdf_text(report.files["shoulder-rolling.pdf"])
    booklet = pdf_text(report.files[BOOKLET])
    assert booklet.count("Own-template-4711") == 1
    assert squash(strings(library.guide.language)["how_to_use"]) in squash(booklet)


def test_a_templates_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        templates_for(tmp_path, tmp_path / "nowhere")
    assert "nowhere: the templates folder does not exist" in str(caught.value)
