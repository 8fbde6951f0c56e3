"""Authored images: paths stay inside content/media/, SVGs carry no script or outside reference."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.support import without_seed_placeholders

GOOD_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>A figure</title>'
    '<circle cx="5" cy="5" r="4"/></svg>'
)


def _use_illustration(content: Path, file: str, licence: bool = True) -> Path:
    path = content / "exercises" / "shoulder-rolling.yml"
    text = path.read_text(encoding="utf-8")
    licence_line = "      licence: CC BY 4.0\n" if licence else ""
    block = (
        f"    illustration:\n      file: {file!r}\n{licence_line}      attribution: Test Author\n"
    )
    text = text.replace(
        "    pose: arms-relaxed\n    view: front\n",
        "    pose: arms-relaxed\n    view: front\n" + block,
        1,
    )
    path.write_text(text, encoding="utf-8")
    return path


def _check(run_cli: RunCli, content: Path) -> tuple[int, str]:
    result = run_cli("check", "--content", str(content))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def test_a_clean_svg_is_accepted(run_cli: RunCli, content_copy: Path) -> None:
    (content_copy / "media" / "roll.svg").write_text(GOOD_SVG, encoding="utf-8")
    _use_illustration(content_copy, "roll.svg")
    code, stderr = _check(run_cli, content_copy)
    assert (code, without_seed_placeholders(stderr)) == (0, "")


def test_an_image_without_licence_is_refused(run_cli: RunCli, content_copy: Path) -> None:
    (content_copy / "media" / "roll.svg").write_text(GOOD_SVG, encoding="utf-8")
    _use_illustration(content_copy, "roll.svg", licence=False)
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert (
        "shoulder-rolling.yml:" in stderr and "steps[0].illustration.licence: is required" in stderr
    )


HOSTILE_SVGS = {
    "script": GOOD_SVG.replace("<circle", "<script>alert(1)</script><circle"),
    "event": GOOD_SVG.replace("<circle", '<circle onclick="alert(1)"'),
    "external": GOOD_SVG.replace("<circle", '<image href="https://evil.example/x.png"/><circle'),
    "xlink": GOOD_SVG.replace(
        '<svg xmlns="http://www.w3.org/2000/svg"',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"',
    ).replace("<circle", '<use xlink:href="file:///etc/passwd#x"/><circle'),
    # SVG 2 allows a plain href (no xlink namespace) on <use>: it loads another document too.
    "href": GOOD_SVG.replace("<circle", '<use href="https://evil.example/x.svg#a"/><circle'),
    "css": GOOD_SVG.replace(
        "<circle", "<style>@import url(http://evil.example/a.css);</style><circle"
    ),
    "entity-bomb": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + GOOD_SVG.replace("A figure", "&b;"),
    "foreign": GOOD_SVG.replace("<circle", "<foreignObject><p>x</p></foreignObject><circle"),
    "not-svg": "<html><body>hi</body></html>",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_SVGS))
def test_hostile_svg_is_refused(run_cli: RunCli, content_copy: Path, kind: str) -> None:
    (content_copy / "media" / "roll.svg").write_text(HOSTILE_SVGS[kind], encoding="utf-8")
    path = _use_illustration(content_copy, "roll.svg")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "roll.svg" in text)
    assert f"shoulder-rolling.yml:{line}: steps[0].illustration.file: 'roll.svg'" in stderr, stderr


@pytest.mark.parametrize(
    "name",
    [
        "../guide.yml",
        "/etc/passwd",
        "file:///etc/passwd",
        "https://example.org/x.png",
        "missing.png",
    ],
)
def test_paths_outside_media_and_urls_are_refused(
    run_cli: RunCli, content_copy: Path, name: str
) -> None:
    _use_illustration(content_copy, name)
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert "steps[0].illustration.file:" in stderr and name in stderr


def test_a_symlink_out_of_content_is_refused(
    run_cli: RunCli, content_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.svg"
    outside.write_text(GOOD_SVG, encoding="utf-8")
    os.symlink(outside, content_copy / "media" / "link.svg")
    _use_illustration(content_copy, "link.svg")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1
    assert "links outside content/media/" in stderr


def test_a_renamed_file_is_not_trusted_by_its_extension(
    run_cli: RunCli, content_copy: Path
) -> None:
    (content_copy / "media" / "photo.png").write_text("not really a png", encoding="utf-8")
    _use_illustration(content_copy, "photo.png")
    code, stderr = _check(run_cli, content_copy)
    assert code == 1 and "is not a PNG file" in stderr
