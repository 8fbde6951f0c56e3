"""Text the world writes: every script our fonts cover passes; what none can show is named."""

from __future__ import annotations

from pathlib import Path

from exercise_guide.glyphs import missing_glyphs
from tests.conftest import RunCli

WORLD = "Café naïve Ærøskøbing, مرحبا بالعالم, שלום עולם, 中文 日本語 한국어, 😀 👍🏽"


def test_accents_rtl_cjk_and_emoji_are_all_covered() -> None:
    assert missing_glyphs(WORLD) == []


def test_bidi_marks_and_joiners_need_no_glyph() -> None:
    assert missing_glyphs("a\u200f\u202eb\u200dc\ufe0f") == []


def test_private_use_and_unassigned_characters_are_reported() -> None:
    assert missing_glyphs("ok \ue000 \U000e0fff") == ["\ue000", "\U000e0fff"]


def test_check_names_the_field_with_characters_no_font_has(
    run_cli: RunCli, content_copy: Path
) -> None:
    path = content_copy / "exercises" / "shoulder-rolling.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Then roll your", "Then \ue000 roll your"), encoding="utf-8")
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    line = next(
        n for n, t in enumerate(path.read_text().splitlines(), 1) if "- text: >-" in t and n > 30
    )
    assert (
        f"shoulder-rolling.yml:{line}: steps[2].text: no PDF font can show '\\ue000' (U+E000)"
        in result.stderr
    )


def test_check_accepts_world_text(run_cli: RunCli, content_copy: Path) -> None:
    path = content_copy / "exercises" / "shoulder-rolling.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Shoulder Rolling", f"title: {WORLD}"), encoding="utf-8")
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 0, result.stderr


def test_print_css_uses_the_font_stack_the_glyph_check_knows() -> None:
    from exercise_guide.glyphs import font_family_css
    from tests.support import TEMPLATES

    for css in [
        TEMPLATES / "print/base.css",
        TEMPLATES / "print/handout/handout.css",
    ]:
        families = [
            line for line in css.read_text().splitlines() if "font-family:" in line and "," in line
        ]
        assert families and all(font_family_css() in line for line in families), css


def test_no_print_css_names_the_emoji_font() -> None:
    from tests.support import TEMPLATES

    # Named in a font-family list, the emoji font draws every digit as an emoji keycap.
    for css in (TEMPLATES / "print").rglob("*.css"):
        rules = [line for line in css.read_text().splitlines() if "font-family" in line]
        assert not any("Emoji" in rule for rule in rules), css
