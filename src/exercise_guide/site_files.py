"""The files the plugin adds to a MkDocs build: figures and assets as bytes, PDFs linked from the cache."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .memory import return_freed_memory
from .pages.assets import FileData
from .site_output import same_bytes
from .site_stamps import Stamps
from .writing import link_atomic


class AtomicFile(File):
    """A PDF put into site/ atomically: a killed build never leaves half a PDF."""

    def copy_file(self, dirty: bool = False) -> None:
        """Link the cached PDF into site/ (MkDocs empties site/ each build; a link copies no
        bytes). The cache never changes a file in place, and checks each file's hash before use."""
        if self.abs_src_path is None:
            super().copy_file(dirty)
            return
        if not _same_file(self.abs_src_path, self.abs_dest_path):
            link_atomic(Path(self.abs_src_path), Path(self.abs_dest_path))


def _same_file(source: str, target: str) -> bool:
    # A link kept from the last build (site_output.tidy) to the same cached file: relinking it
    # (a link and a rename per PDF) was a twentieth of a build with nothing changed.
    try:
        return os.path.samestat(os.stat(source), os.lstat(target))
    except OSError:
        return False


class PdfToCome(AtomicFile):
    """A PDF still being made when MkDocs copies the files (site_pdfs.py): the pages link it by
    name, and it is linked into site/ once made (`arrive`)."""

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy yet: `arrive` links the PDF once it is made."""

    def arrive(self, made: Path) -> None:
        """Link the made PDF into site/."""
        self.abs_src_path = str(made)
        super().copy_file()


class SameBytesFile(File):
    """A generated file (figure, asset) left alone in site/ when it already holds these bytes."""

    # The last build's stamps of site/'s files (site_stamps.py), when the build keeps site/.
    stamps: Stamps | None = None

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file unless the one in site/ is the same (reading is cheaper than writing)."""
        if self.stamps is not None:
            same = self.stamps.same(self.abs_dest_path, self.content_bytes)
        else:
            same = same_bytes(Path(self.abs_dest_path), self.content_bytes)
        if not same:
            super().copy_file(dirty)
            if self.stamps is not None:
                self.stamps.wrote(self.abs_dest_path, hashlib.sha256(self.content_bytes).digest())


class WrittenOnceFile(SameBytesFile):
    """A generated file whose bytes are let go once written: in a plain build nothing reads them
    again. (At 873 exercises the figures' bytes were 20 MB held while every page rendered beside
    the PDFs' workers, the build's peak. Under serve, a rebuild may write them again.)"""

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file as a SameBytesFile does, then let go of its bytes."""
        super().copy_file(dirty)
        self.content_bytes = b""


def generated_file(
    config: MkDocsConfig,
    path: str,
    data: FileData | None,
    *,
    keep: bool = True,
    stamps: Stamps | None = None,
) -> File:
    """A file for MkDocs to write: bytes, a cached PDF (a Path), or a PDF still to come (None);
    bytes not kept (`keep=False`) are let go once written; `stamps` tell unchanged ones."""
    if data is None:
        return PdfToCome.generated(config, path, content=b"")
    if isinstance(data, Path):
        return AtomicFile.generated(config, path, abs_src_path=str(data))
    kind = SameBytesFile if keep else WrittenOnceFile
    file = kind.generated(config, path, content=data)
    if isinstance(file, SameBytesFile):  # always (File.generated makes its own class)
        file.stamps = stamps
    return file


def add_generated(
    config: MkDocsConfig,
    files: Files,
    generated: Mapping[str, FileData | None],
    *,
    keep: bool,
    stamps: Stamps | None = None,
) -> None:
    """Add generated files to the build (see `generated_file`); when their bytes are not kept
    (a plain build), hand back the memory making them freed."""
    for path, data in generated.items():
        add(files, generated_file(config, path, data, keep=keep, stamps=stamps))
    if not keep:
        # Drawing the figures freed far more than it kept: given back before the pages render
        # beside the PDFs' workers (the build's peak memory).
        return_freed_memory()


def add(files: Files, file: File) -> None:
    """Add a file to the build; it replaces one of the same name in docs_dir (the content is the truth)."""
    # By src_uri itself (already a POSIX path): get_file_from_path makes a PurePath of it, a
    # twentieth of a build with nothing changed at 873 exercises' 5,500 files.
    existing = files.src_uris.get(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def release_markdown(files: Files) -> None:
    """Let go of every page's Markdown once all are converted (a plain build reads none again),
    and hand the memory freed since the pages were generated back to the system."""
    # At 873 exercises: about 25 MB (the generated source and MkDocs' copy of it, 14 KB a page)
    # held while every page renders beside the PDFs' workers, the build's peak.
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.markdown = ""  # not None: MkDocs' Page.title takes None as "not read yet"
        if file.generated_by is not None:
            file.content_string = ""
    return_freed_memory()


def release_written(files: Files) -> None:
    """Let go of the text of every page and the bytes of every file MkDocs has written (a plain
    build's last step reads none of them again), and hand the memory back to the system."""
    for file in files:
        if file.page is not None:
            file.page.markdown = None
            file.page.content = None
        if file.abs_src_path is None and not isinstance(file, PdfToCome):
            file.content_bytes = b""
    # The join runs in the PDF build's thread, whose allocations come from another malloc arena
    # than this thread's: memory freed here is of use to it only once given back to the system.
    gc.collect()
    return_freed_memory()
