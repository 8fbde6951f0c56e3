"""Helpers for handout tests: a private project copy, the real CLI, and real PDF readers.

Text sizes read back from a PDF: tests/pdf/readers.py (text_runs).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.support import CLI, CONTENT


def make_project(root: Path) -> Path:
    """A project folder with a copy of the shipped content/ (templates come from the package)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(CONTENT, root / "content")
    return root


def run_handout(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `exercise-guide handout ARGS` in a project folder."""
    return subprocess.run(
        [str(CLI), "handout", *args],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


def squash(text: str) -> str:
    """Text with every run of whitespace made one space, for comparing flowed text."""
    return " ".join(text.split())


def unbroken(text: str) -> str:
    """Text squashed, with its hyphens and any line break after one left out, for comparing.

    A line may break after a word's hyphen ("waist-" / "width"): pypdf reads a space there, and
    pdftotext drops the hyphen (it takes it for a soft one).
    """
    return re.sub(r"-\s*", "", squash(text))


def pdf_text(path: Path) -> str:
    """The text of a PDF in drawing order as pypdf reads it, whitespace squashed."""
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


def poppler_text(path: Path) -> str:
    """The text of a PDF as poppler's pdftotext reads it, whitespace squashed.

    In drawing order (-raw), as copying text out of a viewer gives it: pdftotext's own reading
    order takes lines of a step and of the safety column beside it, level with each other, as
    one line and interleaves them.
    """
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return squash(out.stdout.decode("utf-8"))


def pdfinfo(path: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    fields = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def structure_elements(path: Path) -> Iterator[dict[str, Any]]:
    """Every element of the PDF's structure tree (tagged PDF), depth first."""
    root = PdfReader(path).trailer["/Root"]
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return
    stack = [tree.get_object()]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids.get_object()
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                if "/S" in kid:
                    yield kid
                stack.append(kid)


def figures_alt(path: Path) -> list[str]:
    """The alt text of every /Figure element in the structure tree."""
    return [str(el.get("/Alt", "")) for el in structure_elements(path) if el["/S"] == "/Figure"]


def xmp(path: Path) -> str:
    """The document's XMP metadata packet as text."""
    metadata = PdfReader(path).trailer["/Root"].get("/Metadata")
    return metadata.get_object().get_data().decode("utf-8") if metadata is not None else ""


def has_pdfua_1(path: Path) -> bool:
    """True when the XMP metadata claims PDF/UA-1 (pdfuaid:part = 1)."""
    return re.search(r"pdfuaid:part(?:>|=\")\s*1", xmp(path)) is not None
