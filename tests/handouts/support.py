"""Helpers for handout tests: a private project copy, the real CLI, and a real PDF reader."""

from __future__ import annotations

import math
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


def pdf_text(path: Path) -> str:
    """The text of a PDF in drawing order as pypdf reads it, whitespace squashed."""
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


def poppler_text(path: Path) -> str:
    """The text of a PDF as poppler's pdftotext reads it (layout order), whitespace squashed."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
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


def text_sizes(path: Path) -> list[tuple[int, float, str]]:
    """Every text run in the PDF as (page, size in pt on the page, text), from pypdf's visitor."""
    runs: list[tuple[int, float, str]] = []
    for number, page in enumerate(PdfReader(path).pages, start=1):

        def visit(
            text: str, cm: list[float], tm: list[float], font: Any, size: float, page: int = number
        ) -> None:
            if not text.strip():
                return
            # The font size scaled by the text and current transformation matrices' y axis.
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            runs.append((page, size * math.hypot(c, d), text))

        page.extract_text(visitor_text=visit)
    return runs


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
