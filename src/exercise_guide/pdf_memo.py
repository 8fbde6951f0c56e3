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

A hit still reads every PDF it hands out (and the booklet's parts), each checked against the
hash recorded when it was stored, as the cache checks it: a damaged entry is a miss, never
linked into site/.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal

from .content import Library
from .errors import BuildError
from .pdf.cache import AssetHasher, CachedPdf, PdfCache
from .pdf.fingerprint import code_digest
from .template_folders import Templates
from .writing import write_atomic

# Bump when the meaning of a stored memo changes.
PDF_MEMO_FORMAT = "exercise-guide-pdf-memo-1"
MEMO_FILE = "memo.bin"


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
    # Every object the build used, the booklet's parts too: a damaged one is rendered again.
    for object_key in objects:
        cached = cache.get(object_key) if isinstance(object_key, str) else None
        if cached is None:
            return None
        found[object_key] = cached
    made: dict[str, CachedPdf] = {}
    for name, object_key in outputs.items():
        if not (isinstance(name, str) and object_key in found):
            return None
        made[name] = found[object_key]
    return made


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
