"""Hashes of everything a print document is made from, so unchanged documents are found without building them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..content import Library
from ..digest import package_digest, tree_digest
from ..model import Exercise
from ..template_folders import Templates
from .cache import CACHE_FORMAT, AssetHasher
from .confine import font_dir

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def _package_digest() -> str:
    # Once per process: the code that runs is the code imported at start (render workers fork
    # from a server started by this process), not whatever is on disk by the next build.
    from importlib.metadata import version

    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for dist in ("weasyprint", "zxing-cpp", "pydyf", "pikepdf", "fontpkg-atkinson-hyperlegible"):
        digest.update(f"\0{dist}={version(dist)}".encode())
    digest.update(package_digest(_PACKAGE).encode())
    for ttf in sorted(font_dir().glob("*.ttf")):
        digest.update(ttf.read_bytes())
    return digest.hexdigest()


def code_digest(templates: Templates) -> str:
    """A hash of the code, templates, strings, fonts and library versions that shape every PDF."""
    digest = hashlib.sha256(_package_digest().encode())
    # Templates are read afresh by every build (Jinja reloads changed files), so hash them each time.
    for place, folder in enumerate(templates.sub("print").folders):
        digest.update(f"\0{place}\0{tree_digest(folder)}".encode())
    return digest.hexdigest()


class Fingerprint:
    """Source keys for the documents of one build: a hash of every input, without rendering anything."""

    def __init__(self, library: Library, code: str, assets: AssetHasher) -> None:
        self.library = library
        self.assets = assets
        guide = library.guide
        base = hashlib.sha256(code.encode())
        base.update(str(library.root.resolve()).encode())
        base.update(guide.model_dump_json().encode())
        base.update(json.dumps({k: v.model_dump() for k, v in library.poses.items()}).encode())
        if guide.branding.logo:
            base.update(self.assets.file(library.media_path(guide.branding.logo)).encode())
        self._base = base
        self.library_key = base.hexdigest()

    def _exercise(self, digest: hashlib._Hash, exercise: Exercise) -> None:
        digest.update(exercise.model_dump_json().encode())
        for step in exercise.steps:
            if step.illustration is not None:
                path = self.library.media_path(step.illustration.file)
                digest.update(self.assets.file(path).encode())

    def poster(self, exercise: Exercise, options: dict[str, str]) -> str:
        """The source key of an exercise's poster."""
        digest = self._base.copy()
        digest.update(json.dumps({"kind": "poster", **options}, sort_keys=True).encode())
        self._exercise(digest, exercise)
        return digest.hexdigest()

    def sheet(self, options: dict[str, str], data: str, exercises: Iterable[Exercise]) -> str:
        """The source key of a routine sheet: what it prints besides its exercises (as JSON),
        and each of its exercises with its pictures' files."""
        digest = self._base.copy()
        digest.update(json.dumps({"kind": "sheet", **options}, sort_keys=True).encode())
        digest.update(data.encode())
        for exercise in exercises:
            self._exercise(digest, exercise)
        return digest.hexdigest()

    def booklet_document(self, kind: str, options: dict[str, str], data: str) -> str:
        """The source key of one of the booklet's own documents, from what it prints (as JSON)."""
        digest = self._base.copy()
        digest.update(json.dumps({"kind": f"booklet-{kind}", **options}, sort_keys=True).encode())
        digest.update(data.encode())
        return digest.hexdigest()
