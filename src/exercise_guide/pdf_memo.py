"""The last site build's PDFs, found under one key while every input of them is the same.

A `mkdocs build` with nothing changed used to plan every document of the PDF side again: a
source key per poster, routine sheet and booklet document (the booklet's contexts built to hash
them), an index file read per document, and the cache listed to prune it. `build_for_site` is a
pure function of the library, the templates and the package's code, so what it made is stored in
`<pdf cache>/memo.bin` under a hash of all of them: the print engine's code digest (package,
fonts, print templates, library releases), the library's root and models (guide, poses,
exercises in order, routines, articles) and the bytes of every picture a document prints (the
logo, each step's illustration), read as the documents' own keys read them. Any change is a miss,
and the PDF side plans every document as before (still from the cache where it can).

A hit still checks every PDF it hands out (and the booklet's parts) against the hash recorded
when it was stored, as the cache checks it: a damaged entry is a miss, never linked into site/.
Reading and hashing every PDF (53 MB at 873 exercises) was a tenth of the CPU of a build with
nothing changed, so a PDF checked whole is recorded in `memo-stamps.bin` with its files' stamps
(inode, size, modification and change times of the PDF and its metadata): the next hit takes an
entry whose files still have those stamps as checked. Any write to either file, or a rename onto
it, gives it a newer change time; an entry changed within two seconds of a check is not recorded
(the file system's clock is coarser than the process's), so it is read again next time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import time
from pathlib import Path
from typing import Any

from .content import Library
from .errors import BuildError
from .pdf.cache import AssetHasher, CachedPdf, PdfCache
from .pdf.fingerprint import code_digest
from .template_folders import Templates
from .writing import write_atomic

# Bump when the meaning of a stored memo changes.
PDF_MEMO_FORMAT = "exercise-guide-pdf-memo-1"
MEMO_FILE = "memo.bin"
STAMPS_FORMAT = "exercise-guide-pdf-stamps-1"
STAMPS_FILE = "memo-stamps.bin"
# How long before a check an entry must have last changed for its stamps to be recorded.
_SETTLED_NS = 2_000_000_000

# The stamps of an entry's PDF and metadata files (inode, size, modification, change time).
Stamp = tuple[tuple[int, int, int, int], tuple[int, int, int, int]]


def pdf_key(library: Library, templates: Templates) -> str:
    """A hash of everything the site's PDFs are made from."""
    digest = hashlib.sha256(PDF_MEMO_FORMAT.encode())
    assets = AssetHasher()

    def add(text: str) -> None:
        digest.update(text.encode())
        digest.update(b"\0")

    add(code_digest(templates))
    add(str(library.root.resolve()))
    add(library.guide.model_dump_json())
    if library.guide.branding.logo:
        add(assets.file(library.media_path(library.guide.branding.logo)))
    for kind, items in (
        ("pose", library.poses),
        ("routine", library.routines),
        ("article", library.articles),
    ):
        for item_id, item in items.items():
            add(f"{kind}\0{item_id}\0{item.model_dump_json()}")
    for exercise_id, exercise in library.exercises.items():
        add(f"exercise\0{exercise_id}\0{exercise.model_dump_json()}")
        for step in exercise.steps:
            if step.illustration is not None:
                add(assets.file(library.media_path(step.illustration.file)))
    return digest.hexdigest()


def read_pdfs(cache: PdfCache, key: str) -> dict[str, CachedPdf] | None:
    """The PDFs stored under this key (file name → cached PDF), each checked whole, or None."""
    try:
        stored = marshal.loads((cache.folder / MEMO_FILE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == key):
        return None
    _, outputs, objects = stored
    if not (isinstance(outputs, dict) and isinstance(objects, list)):
        return None
    found: dict[str, CachedPdf] = {}
    known = _read_stamps(cache)
    checked: dict[str, tuple[Stamp, int, int]] = {}
    settled = time.time_ns() - _SETTLED_NS
    # Every object the build used, the booklet's parts too: a damaged one is rendered again.
    for object_key in objects:
        cached = (
            _checked(cache, object_key, known, checked, settled)
            if isinstance(object_key, str)
            else None
        )
        if cached is None:
            return None
        found[object_key] = cached
    if checked != known:
        # A record that cannot be saved only means reading the PDFs again next time.
        with contextlib.suppress(BuildError):
            write_atomic(cache.folder / STAMPS_FILE, marshal.dumps((STAMPS_FORMAT, checked)))
    made: dict[str, CachedPdf] = {}
    for name, object_key in outputs.items():
        if not (isinstance(name, str) and object_key in found):
            return None
        made[name] = found[object_key]
    return made


def _stamp(path: Path) -> tuple[int, int, int, int]:
    info = os.stat(path)
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _read_stamps(cache: PdfCache) -> dict[str, Any]:
    try:
        stored = marshal.loads((cache.folder / STAMPS_FILE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    ok = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == STAMPS_FORMAT
    return stored[1] if ok and isinstance(stored[1], dict) else {}


def _checked(
    cache: PdfCache,
    key: str,
    known: dict[str, Any],
    checked: dict[str, tuple[Stamp, int, int]],
    settled: int,
) -> CachedPdf | None:
    """The entry, whole: by its files' recorded stamps, else read and checked by the cache."""
    pdf, meta = cache.files(key)
    try:
        stamp = (_stamp(pdf), _stamp(meta))
    except OSError:
        return None
    entry = known.get(key)
    if isinstance(entry, tuple) and len(entry) == 3 and entry[0] == stamp:
        fit, pages = entry[1], entry[2]
        if isinstance(fit, int) and isinstance(pages, int):
            checked[key] = (stamp, fit, pages)
            return cache.known(key, fit, pages)
    cached = cache.get(key)
    # Stamps taken before reading: a write since gives a newer change time than recorded.
    if cached is not None and max(stamp[0][3], stamp[1][3]) < settled:
        checked[key] = (stamp, cached.fit, cached.pages)
    return cached


def write_pdfs(cache: PdfCache, key: str, outputs: dict[str, CachedPdf]) -> None:
    """Store what a build made (and every object it used) under its key for the next build."""
    data = marshal.dumps(
        (
            key,
            {name: cached.key for name, cached in outputs.items()},
            sorted(cache.found),
        )
    )
    # A memo that cannot be saved only means planning every document again next time.
    with contextlib.suppress(BuildError):
        write_atomic(cache.folder / MEMO_FILE, data)
