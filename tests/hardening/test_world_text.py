"""Accents, right-to-left, CJK and emoji reach the PDF as real text, not boxes or blanks."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import yaml

from tests.hardening.project import make_project, pdf_command, run

TITLE = "Épaules détendues 肩の回し 😀"
STEPS = [
    "Stand tall, shoulders relaxed: naïve Ærøskøbing façade.",
    "مرحبا بالعالم ارفع كتفيك ببطء",
    "שלום עולם הרם את הכתפיים",
    "慢慢地向前转动肩膀 천천히 어깨를 돌리세요",
    "Smile 😀 and breathe 👍🏽",
]


def _letters(text: str) -> str:
    # Bidi controls (pdftotext marks right-to-left runs) and white space (CJK and Hangul may
    # break a line inside a word) are layout; every other character must come back as written.
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def test_world_text_is_extracted_from_the_poster_as_written(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", exercises=3)
    path = project / "content" / "exercises" / "shoulder-rolling.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = TITLE
    data["steps"] = [{"text": text, "breath": "normal", "pose": "arms-relaxed"} for text in STEPS]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    out = tmp_path / "out"
    result = run(pdf_command(project, out, tmp_path / "cache", "--no-booklet"), project)
    assert result.returncode == 0, result.stderr
    poster = out / "shoulder-rolling.pdf"
    text = subprocess.run(
        ["pdftotext", str(poster), "-"], capture_output=True, text=True, check=True
    ).stdout
    extracted = _letters(text)
    # Word by word: posters set steps side by side, so a step's lines may wrap and pdftotext may
    # read a wrapped word (an emoji, say) before its neighbours; every word must come back whole.
    for source in [TITLE, *STEPS]:
        for word in source.split():
            assert _letters(word) in extracted, (word, source)
    fonts = subprocess.run(
        ["pdffonts", str(poster)], capture_output=True, text=True, check=True
    ).stdout
    assert all(f in fonts for f in ("Atkinson", "CJK", "Arabic", "Hebrew", "Symbola")), fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), "every font embedded"
    # Emoji and all: the same content gives the same bytes.
    again = tmp_path / "again"
    result = run(pdf_command(project, again, tmp_path / "cache-2", "--no-booklet"), project)
    assert result.returncode == 0, result.stderr
    assert (again / "shoulder-rolling.pdf").read_bytes() == poster.read_bytes()
