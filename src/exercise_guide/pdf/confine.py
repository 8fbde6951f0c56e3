"""Where print documents may load files from: content/, templates/ and the font package, nothing else."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..template_folders import Templates

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def font_dir() -> Path:
    """The folder holding the Atkinson Hyperlegible TTF files."""
    from fontpkg_atkinson_hyperlegible import ROOT

    return Path(ROOT) / "files"


def allowed_roots(content_dir: Path, templates: Templates) -> tuple[str, ...]:
    """The folders a print document may read, resolved, as strings (picklable for workers)."""
    return tuple(str(p.resolve()) for p in (content_dir, *templates.folders, font_dir()))


def refusal(url: str, roots: tuple[str, ...]) -> str | None:
    """Why a URL may not be loaded into a PDF, or None when it may."""
    match = _SCHEME.match(url)
    if match is None:
        return f"'{url}' is not an absolute file: or data: URL"
    scheme = match.group(1).lower()
    if scheme == "data":
        return None
    if scheme != "file":
        return f"'{url}': {scheme}: URLs are not allowed; put the file in content/media/"
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return f"'{url}': file URLs on other hosts are not allowed"
    # resolve() follows symlinks, so a link inside content/ that points elsewhere is refused too.
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not any(path.is_relative_to(root) for root in roots):
        return f"'{url}' is outside content/, templates/ and the font package"
    if not path.is_file():
        return f"'{url}' does not exist"
    return None
