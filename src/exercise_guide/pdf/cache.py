"""Content-hash cache of rendered PDFs: an unchanged document is never rendered twice.

objects/<key>.pdf holds a PDF under the hash of its final HTML, the bytes of every asset it uses
and the render options; objects/<key>.json says at which fit level it came out, and the sha256 of
the PDF's bytes, so a damaged entry is a miss (rendered again), never copied out or joined. index/<source key>
maps a hash of the document's inputs (content, code, templates) to the object key, so a rebuild with
nothing changed need not even build the HTML.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..cacheuse import CacheUse
from ..writing import write_atomic

# Bump when the meaning of cached objects changes.
CACHE_FORMAT = "exercise-guide-pdf-4"
_FILE_URL = re.compile(r"""file://[^\s"'()<>]+""")


@dataclass(frozen=True)
class CachedPdf:
    """A PDF in the cache and what is known about it."""

    key: str
    path: Path
    fit: int
    pages: int


class PdfCache:
    """A folder of rendered PDFs keyed by content hash; it remembers which entries it used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()  # object and source keys read or written through this object
        self.found: set[str] = set()  # object keys of the whole PDFs read or written through it

    def _object(self, key: str, suffix: str) -> Path:
        return self.folder / "objects" / key[:2] / f"{key}{suffix}"

    def _index(self, source_key: str) -> Path:
        return self.folder / "index" / source_key[:2] / source_key

    def files(self, key: str) -> tuple[Path, Path]:
        """An object's PDF and its metadata file."""
        return self._object(key, ".pdf"), self._object(key, ".json")

    def known(self, key: str, fit: int, pages: int) -> CachedPdf:
        """An entry found whole by other means (pdf_memo's stamps), handed out as `get` would."""
        self.used.add(key)
        self.found.add(key)
        return CachedPdf(key, self._object(key, ".pdf"), fit, pages)

    def get(self, key: str) -> CachedPdf | None:
        """The cached PDF for an object key, if it is there and whole."""
        pdf, meta = self._object(key, ".pdf"), self._object(key, ".json")
        self.used.add(key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            if pdf.stat().st_size != info["size"]:
                return None
            if hashlib.sha256(pdf.read_bytes()).hexdigest() != info["sha256"]:
                return None
            cached = CachedPdf(key, pdf, int(info["fit"]), int(info["pages"]))
            self.found.add(key)
            return cached
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def note(self, name: str) -> str | None:
        """A short note an earlier build left (e.g. how long the booklet's sections ran)."""
        self.used.add(name)
        try:
            return (self.folder / "notes" / name[:2] / name).read_text(encoding="utf-8")
        except OSError:
            return None

    def put_note(self, name: str, text: str) -> None:
        """Leave a short note for later builds; a lost note only costs a guess."""
        self.used.add(name)
        write_atomic(self.folder / "notes" / name[:2] / name, text.encode("utf-8"))

    def put(self, key: str, pdf: bytes, fit: int, pages: int) -> CachedPdf:
        """Store a rendered PDF; the metadata is written last, so a half-stored entry is a miss."""
        self.used.add(key)
        path = self._object(key, ".pdf")
        write_atomic(path, pdf)
        meta = {
            "size": len(pdf),
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "fit": fit,
            "pages": pages,
        }
        write_atomic(self._object(key, ".json"), json.dumps(meta, sort_keys=True).encode())
        self.found.add(key)
        return CachedPdf(key, path, fit, pages)

    def lookup(self, source_key: str) -> CachedPdf | None:
        """The cached PDF last built from these exact inputs, if any."""
        self.used.add(source_key)
        try:
            key = self._index(source_key).read_text(encoding="ascii").strip()
        except OSError:
            return None
        return self.get(key) if re.fullmatch(r"[0-9a-f]{64}", key) else None

    def remember(self, source_key: str, key: str) -> None:
        """Record which object the inputs hashed to by source_key produced."""
        self.used.update((source_key, key))
        write_atomic(self._index(source_key), key.encode("ascii"))

    def prune(self, use: CacheUse) -> int | None:
        """Drop every object and index entry this build did not use (None: another build is running)."""
        # An entry's files are named by its key: <key>.pdf, <key>.json, index/<key>, notes/<name>.
        return use.prune(
            [self.folder / "objects", self.folder / "index", self.folder / "notes"],
            lambda path: path.name.split(".", 1)[0] in self.used,
        )


class AssetHasher:
    """Hashes of asset files, each file read once per build."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def file(self, path: Path) -> str:
        """The sha256 of a file's bytes (of the text 'missing' when it cannot be read)."""
        name = str(path)
        if name not in self._known:
            try:
                self._known[name] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._known[name] = "missing"
        return self._known[name]

    def html_key(self, variants: tuple[str, ...], options: dict[str, Any]) -> str:
        """The object key: the HTML of every fit level, every file it links, and the options."""
        digest = hashlib.sha256(CACHE_FORMAT.encode())
        digest.update(json.dumps(options, sort_keys=True).encode())
        urls: set[str] = set()
        for html in variants:
            digest.update(b"\0html\0" + html.encode())
            urls.update(_FILE_URL.findall(html))
        for url in sorted(urls):
            path = Path(url2pathname(unquote(urlsplit(url).path)))
            digest.update(f"\0asset\0{url}\0{self.file(path)}".encode())
        return digest.hexdigest()
