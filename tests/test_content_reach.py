"""Content cannot reach past content/ or hide what it says: no images or embeds from other hosts
in articles, no symlinks out of content/, no bidi controls or other invisible characters."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from exercise_guide.content import load_library
from exercise_guide.errors import ContentError, Problem
from exercise_guide.pages import site_content
from tests.conftest import RunCli
from tests.support import SHIPPED

ARTICLE = "pages/why-the-upper-back-gets-tight.md"
ANCHOR = "The upper back and neck are chronically tight and painful areas for many people.\n"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>A diagram</title>'
    '<circle cx="5" cy="5" r="4"/></svg>'
)


def _problems(content: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_library(content)
    return caught.value.problems


def _add_to_article(content: Path, markdown: str) -> int:
    """Put Markdown in the shipped article after a known line; return the line it starts on."""
    path = content / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert ANCHOR in text
    before = text[: text.index(ANCHOR) + len(ANCHOR)]
    path.write_text(before + "\n" + markdown + "\n" + text[len(before) :], encoding="utf-8")
    return before.count("\n") + 2


# Each puts the remote part on the first line it adds.
REMOTE = {
    "image": "A tracking pixel ![x](https://tracker.example/p.png) in a sentence.",
    "image-angle": "![x](<http://tracker.example/p.png>)",
    "image-no-scheme": "![x](//tracker.example/p.png)",
    "image-reference": "![a pixel][pixel]\n\n[pixel]: https://tracker.example/p.png",
    "image-data": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "iframe": '<iframe src="https://video.example/embed/1"></iframe>',
    "video": "<video controls poster=https://video.example/p.jpg></video>",
    "audio-source": '<audio controls><source src="http://audio.example/a.mp3"></audio>',
}


@pytest.mark.parametrize("kind", sorted(REMOTE))
def test_a_remote_resource_in_an_article_is_refused_with_its_line(
    content_copy: Path, kind: str
) -> None:
    line = _add_to_article(content_copy, REMOTE[kind])
    [problem] = _problems(content_copy)
    assert problem.path.endswith(ARTICLE)
    assert (problem.line, problem.field) == (line, "body"), problem
    assert "content/media/" in problem.message


def test_check_prints_the_remote_image_as_path_line_field(
    run_cli: RunCli, content_copy: Path
) -> None:
    line = _add_to_article(content_copy, REMOTE["image"])
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"{ARTICLE}:{line}: body: image 'https://tracker.example/p.png' is from another host:"
        " put the file in content/media/" in result.stderr
    ), result.stderr


def test_images_in_code_and_links_to_other_sites_are_not_refused(content_copy: Path) -> None:
    _add_to_article(
        content_copy,
        "Write `![x](https://a.example/p.png)` for nothing; [a page](https://a.example/) is fine.\n\n"
        "```markdown\n![x](https://a.example/p.png)\n<iframe src='https://a.example'></iframe>\n```",
    )
    assert load_library(content_copy).articles


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("![x](media/missing.png)", "'missing.png' does not exist in content/media/"),
        ("![x](media/../guide.yml)", "must be a path inside content/media/"),
        ("![x](images/diagram.svg)", "outside content/media/"),
        ("![x](media/script.svg)", "<script> is not allowed"),
    ],
)
def test_an_article_image_must_be_a_safe_file_in_media(
    content_copy: Path, markdown: str, words: str
) -> None:
    (content_copy / "media" / "script.svg").write_text(
        SVG.replace("<circle", "<script>alert(1)</script><circle"), encoding="utf-8"
    )
    line = _add_to_article(content_copy, markdown)
    [problem] = _problems(content_copy)
    assert (problem.line, problem.field) == (line, "body"), problem
    assert words in problem.message


def _list_image(content: Path, file: str) -> int:
    """List an image with its licence in the article's front matter; return the file's line."""
    path = content / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert "\norder: 1\n" in text
    listing = f"images:\n  - file: {file}\n    licence: CC BY 4.0\n    attribution: Test Author\n"
    path.write_text(text.replace("\norder: 1\n", "\norder: 1\n" + listing, 1), encoding="utf-8")
    return text[: text.index("\norder: 1\n")].count("\n") + 4


def test_an_article_image_from_media_is_published_with_its_credit(content_copy: Path) -> None:
    (content_copy / "media" / "diagram.svg").write_text(SVG, encoding="utf-8")
    _list_image(content_copy, "diagram.svg")
    _add_to_article(content_copy, "![A diagram of the upper back](media/diagram.svg)")
    site = site_content(load_library(content_copy), SHIPPED)
    page = site.pages["articles/why-the-upper-back-gets-tight.md"]
    # The article page is articles/<id>.md, so the image is one folder up.
    assert "![A diagram of the upper back](../media/diagram.svg)" in page
    assert "Image: diagram.svg, Test Author (CC BY 4.0)" in page
    assert site.files["media/diagram.svg"] == content_copy / "media" / "diagram.svg"


def test_an_article_image_without_a_licence_is_refused(content_copy: Path) -> None:
    (content_copy / "media" / "diagram.svg").write_text(SVG, encoding="utf-8")
    line = _add_to_article(content_copy, "![A diagram](media/diagram.svg)")
    [problem] = _problems(content_copy)
    assert (problem.line, problem.field) == (line, "body"), problem
    assert problem.message.startswith("image 'diagram.svg' needs a licence")


def test_a_listed_image_that_is_not_a_safe_media_file_is_refused(content_copy: Path) -> None:
    line = _list_image(content_copy, "../guide.yml")
    [problem] = _problems(content_copy)
    assert (problem.line, problem.field) == (line, "images[0].file"), problem
    assert "must be a path inside content/media/" in problem.message


def _outside_copy(tmp_path: Path, content: Path, name: str) -> Path:
    outside = tmp_path / "elsewhere" / Path(name).name
    outside.parent.mkdir(exist_ok=True)
    shutil.copy2(content / name, outside)
    return outside


@pytest.mark.parametrize(
    "name",
    [
        "exercises/shoulder-rolling.yml",
        "routines/upper-back-loosening.yml",
        ARTICLE,
        "guide.yml",
    ],
)
def test_a_content_file_that_is_a_symlink_out_of_content_is_refused(
    content_copy: Path, tmp_path: Path, name: str
) -> None:
    # The same text as the shipped file, so only where it lives is wrong.
    outside = _outside_copy(tmp_path, content_copy, name)
    (content_copy / name).unlink()
    os.symlink(outside, content_copy / name)
    problems = _problems(content_copy)
    assert [(p.line, p.field) for p in problems] == [(1, "(file)")], problems
    assert problems[0].path.endswith(name)
    assert "is a symlink to a file outside content/" in problems[0].message


def test_a_symlinked_folder_out_of_content_is_refused(content_copy: Path, tmp_path: Path) -> None:
    shutil.move(content_copy / "routines", tmp_path / "routines")
    os.symlink(tmp_path / "routines", content_copy / "routines")
    problems = _problems(content_copy)
    assert [p.field for p in problems] == ["(file)"]
    assert problems[0].path.endswith("routines/upper-back-loosening.yml")


def test_a_folder_moved_out_after_a_load_is_refused_at_the_next(
    content_copy: Path, tmp_path: Path
) -> None:
    # As under `mkdocs serve`: folders are resolved once per load, never kept from the last one.
    assert load_library(content_copy).routines
    shutil.move(content_copy / "routines", tmp_path / "routines")
    os.symlink(tmp_path / "routines", content_copy / "routines")
    assert [p.field for p in _problems(content_copy)] == ["(file)"]


def test_poses_file_symlinked_out_of_content_is_refused(content_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "poses.yml"
    outside.write_text("my-pose:\n  base: stand\n", encoding="utf-8")
    os.symlink(outside, content_copy / "poses.yml")
    [problem] = _problems(content_copy)
    assert problem.path.endswith("poses.yml") and "symlink" in problem.message


def test_a_symlink_that_stays_inside_content_is_allowed(content_copy: Path) -> None:
    target = content_copy / "exercises" / "shoulder-rolling.yml"
    os.symlink(target, content_copy / "exercises" / "shoulder-circles.yml")
    assert "shoulder-circles" in load_library(content_copy).exercises


INVISIBLE = [
    ("exercises/upper-back-loosener.yml", "title: Upper Back Loosener", "\u202e", "title"),
    ("exercises/upper-back-loosener.yml", "  - Stop if you feel any pain.", "\u2066", "safety[0]"),
    ("exercises/shoulder-rolling.yml", "Then roll your", "\u200b", "steps[2].text"),
    ("routines/upper-back-loosening.yml", "  done one after", "\u200f", "purpose"),
    ("guide.yml", "title: Upper Back Exercise Guide", "\ufeff", "title"),
    (ARTICLE, "title: Why the upper back gets tight", "\u202d", "title"),
    (ARTICLE, "chronically tight", "\u00ad", "body"),
]


@pytest.mark.parametrize(("name", "needle", "char", "field"), INVISIBLE)
def test_an_invisible_format_character_is_refused_with_path_line_and_field(
    content_copy: Path, name: str, needle: str, char: str, field: str
) -> None:
    path = content_copy / name
    text = path.read_text(encoding="utf-8")
    assert needle in text
    # Before the needle's last word, so the character sits inside the text, not at its edge.
    head, last = needle.rsplit(" ", 1)
    path.write_text(text.replace(needle, f"{head} {char}{last}", 1), encoding="utf-8")
    line = text[: text.index(needle)].count("\n") + 1
    [problem] = _problems(content_copy)
    assert problem.path.endswith(name)
    assert (problem.line, problem.field) == (line, field), problem
    assert f"U+{ord(char):04X}" in problem.message


def test_check_prints_the_bidi_control_as_path_line_field(
    run_cli: RunCli, content_copy: Path
) -> None:
    path = content_copy / "exercises" / "elbow-flapping.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Elbow Flapping", "title: Elbow \u202egnippalF"), "utf-8")
    line = text[: text.index("title: Elbow Flapping")].count("\n") + 1
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"exercises/elbow-flapping.yml:{line}: title: holds the invisible character U+202E"
        " RIGHT-TO-LEFT OVERRIDE (column 14): remove it" in result.stderr
    ), result.stderr


def test_joiners_that_scripts_and_emoji_need_are_allowed(content_copy: Path) -> None:
    path = content_copy / "exercises" / "elbow-flapping.yml"
    text = path.read_text(encoding="utf-8")
    # ZWJ joins a family emoji; ZWNJ keeps a Persian word's letters apart as written.
    title = "title: Elbow Flapping \U0001f468\u200d\U0001f469\u200d\U0001f467 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    path.write_text(text.replace("title: Elbow Flapping", title), encoding="utf-8")
    assert "\u200d" in load_library(content_copy).exercises["elbow-flapping"].title
