"""Join the booklet's separately rendered parts into one tagged PDF, and number its pages.

The booklet is the front matter, each body area's opening pages, the exercises' posters
themselves (one page each, rendered once for both) and the index, each its own PDF/UA document,
so an edit re-renders only the documents it touches. Joining must keep what a plain page merge
loses: one structure tree (one Document element, a parent tree renumbered across parts), one
outline, named link targets that point at the real pages (the booklet's own documents link
against stand-in targets, see templates/print/booklet_front.html), and font subsets whose names
differ whenever their glyphs do. Each part is prepared once, where it is rendered
(prepare_part); joining after an edit then only copies. Page numbers are stamped last, as
pagination artifacts (pdf/stamp.py).
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .bookmark import Bookmark
from .stamp import number_pages

# Bump when the way parts are joined changes: joined booklets are cached under this.
ASSEMBLY_FORMAT = f"exercise-guide-booklet-join-3 pikepdf={pikepdf.__version__}"
# What WeasyPrint 70 puts in a structure tree root; anything else would be lost by the join.
_TREE_KEYS = {"/Type", "/K", "/ParentTree", "/ParentTreeNextKey"}


class DamagedPart(ValueError):
    """A part that cannot be read cleanly (a damaged cache entry): which one, and why."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(f"part {index + 1}: {reason}")
        self.index = index


def prepare_part(pdf: bytes) -> bytes:
    """A part as WeasyPrint wrote it, made ready to join: each font subset named after its glyphs,
    every element under the Document listed in its /K in reading order, its streams compressed
    and its small objects packed into object streams.

    Done once per part where it is rendered, so joining after an edit only copies. A part may come
    uncompressed (`render.PART_OPTIONS`): compressing here is cheaper than pydyf's level 9.
    """
    with pikepdf.open(io.BytesIO(pdf)) as part:
        tree = part.Root.StructTreeRoot
        document = _document_of(tree, 0)
        entries = _parent_tree_entries(tree).values()
        document.K = Array(_in_reading_order(part, document, entries))
        _name_subsets(part)
        return _save(part, objects=pikepdf.ObjectStreamMode.generate)


def _save(
    pdf: pikepdf.Pdf,
    out: BinaryIO | None = None,
    objects: pikepdf.ObjectStreamMode = pikepdf.ObjectStreamMode.preserve,
) -> bytes:
    """The PDF's bytes; written to `out` instead (returning b"") when one is given."""
    buffer = io.BytesIO() if out is None else None
    # A content-derived /ID, so equal input gives equal bytes; compressed streams are copied as
    # they are (decoding and compressing them again would only cost time), others compressed.
    pdf.save(
        buffer if buffer is not None else out,
        deterministic_id=True,
        compress_streams=True,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        object_stream_mode=objects,
    )
    return buffer.getvalue() if buffer is not None else b""


def join_parts(
    parts: Sequence[Path], outline: Sequence[Bookmark], targets: Mapping[str, int]
) -> tuple[bytes, int]:
    """One PDF of the parts in order (the first gives catalog and metadata) and its page count.

    The outline is the first part's own, then `outline`; `targets` (link name → page index)
    replace the stand-in targets the parts link to. Every page but the first gets its number.
    Raises DamagedPart when a part cannot be read cleanly, and ValueError when a part holds
    something the join would lose.
    """
    # The joined document is written to a spool file and read back once it is gone: at 870
    # exercises its objects take about 300 MB, and its bytes (34 MB) held twice beside them
    # (a BytesIO and its copy) were the build's peak.
    with tempfile.TemporaryFile() as spool:
        pages = _join_into(spool, parts, outline, targets)
        spool.seek(0)
        return spool.read(), pages


def _join_into(
    out: BinaryIO, parts: Sequence[Path], outline: Sequence[Bookmark], targets: Mapping[str, int]
) -> int:
    """Join the parts and write the PDF to `out`; the page count. Every object of the joined
    document is freed when this returns."""
    with _open(parts[0], 0) as front:
        joiner = _Joiner(front)
        for index, path in enumerate(parts[1:], start=1):
            with _open(path, index) as part:
                joiner.append(part, index)
        return joiner.finish(outline, targets, out)


def _open(path: Path, index: int) -> pikepdf.Pdf:
    """A part, refused if qpdf had to repair anything (it would otherwise join a blank stream)."""
    try:
        pdf = pikepdf.open(path, attempt_recovery=False)
    except (pikepdf.PdfError, OSError) as exc:
        raise DamagedPart(index, str(exc)) from None
    # Damage inside a stream shows only when it is decoded; the cache already refused any part
    # whose bytes differ from the sha256 it recorded (PdfCache.get).
    warnings = pdf.get_warnings()
    if warnings:
        pdf.close()
        raise DamagedPart(index, str(warnings[0]))
    return pdf


class _Joiner:
    """The booklet being joined: the front part, with each later part appended to it."""

    def __init__(self, front: pikepdf.Pdf) -> None:
        self.pdf = front
        tree = front.Root.StructTreeRoot
        self.document = _document_of(tree, 0)
        self.language = front.Root.get("/Lang")
        self.numbers = _parent_tree_entries(tree)
        self.bookmarks = _bookmarks(front, 0)
        self.targets = _named_targets(front, 0)

    def append(self, part: pikepdf.Pdf, index: int) -> None:
        """Add a part's pages, structure, bookmarks and link targets after those joined so far."""
        if part.Root.get("/Lang") != self.language:
            raise ValueError(f"part {index + 1} is in another language than the front matter")
        joined = self.pdf
        first = len(joined.pages)
        # The part's parent-tree keys (one per page, then one per link) follow on from ours.
        offset = max(self.numbers) + 1 if self.numbers else 0
        tree = part.Root.StructTreeRoot
        document = _document_of(tree, index)
        # prepare_part listed every element under the Document in /K.
        tops = list(document.K)
        for top in tops:
            # Cut the link up to the part's own Document, so copying does not drag its tree along.
            del top["/P"]
        with warnings.catch_warnings():
            # Named destinations are carried over by the join itself (_named_targets).
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            joined.pages.extend(part.pages)
        # Pages are copied first: the structure copied next refers to the same copies (/Pg, /Obj).
        # The parent tree goes over in one copy (qpdf walks it), not element by element.
        nums = joined.copy_foreign(part.make_indirect(_parent_tree_nums(tree)))
        for i in range(0, len(nums), 2):
            self.numbers[int(nums[i]) + offset] = nums[i + 1]
        for top in tops:
            copied = joined.copy_foreign(top)
            copied.P = self.document
            self.document.K.append(copied)
        for page in joined.pages[first:]:
            page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        self.targets.update(_named_targets(part, first))

    def finish(self, outline: Sequence[Bookmark], targets: Mapping[str, int], out: BinaryIO) -> int:
        """Write the joined parent tree, outline, link targets and page numbers, then the PDF
        to `out`; the page count."""
        joined = self.pdf
        pages = len(joined.pages)
        for name, page in targets.items():
            if not 0 <= page < pages:
                raise ValueError(f"link target {name} is on page {page + 1} of {pages}")
            self.targets[name] = (page, None, None)
        self.bookmarks += outline
        tree = joined.Root.StructTreeRoot
        tree.ParentTree = joined.make_indirect(Dictionary(Nums=Array(_flatten(self.numbers))))
        tree.ParentTreeNextKey = max(self.numbers) + 1 if self.numbers else 0
        _write_bookmarks(joined, self.bookmarks)
        _write_targets(joined, self.targets)
        number_pages(joined, first=1)
        _save(joined, out)
        return pages


def _document_of(tree: pikepdf.Object, index: int) -> pikepdf.Object:
    """The part's one Document element, after checking the tree holds nothing the join drops."""
    extra = set(tree.keys()) - _TREE_KEYS
    if extra:
        raise ValueError(f"part {index + 1}: structure tree has {sorted(extra)}, not joined")
    kids = tree.K if isinstance(tree.K, Array) else Array([tree.K])
    if len(kids) != 1 or kids[0].get("/S") != Name.Document:
        raise ValueError(f"part {index + 1}: structure tree has no single Document element")
    return kids[0]


def _in_reading_order(
    pdf: pikepdf.Pdf, document: pikepdf.Object, entries: Any
) -> list[pikepdf.Object]:
    """Every element whose parent is the Document: its kids in their order, and those only the
    parent tree reaches (WeasyPrint leaves the page-number boxes out of /K), each after the last
    kid that starts on or before its page."""
    kids = list(document.K)
    listed = {kid.objgen for kid in kids}
    unlisted: dict[tuple[int, int], pikepdf.Object] = {}
    seen: set[tuple[int, int]] = set()
    for value in entries:
        for element in value if isinstance(value, Array) else [value]:
            while element.is_indirect and element.objgen not in seen and "/P" in element:
                seen.add(element.objgen)
                parent = element.P
                if parent.objgen == document.objgen:
                    if element.objgen not in listed:
                        unlisted.setdefault(element.objgen, element)
                    break
                element = parent
    if not unlisted:
        return kids
    pages = _page_index(pdf)

    def page_of(element: pikepdf.Object, default: int) -> int:
        page = element.get("/Pg")
        return pages.get(page.objgen, default) if page is not None else default

    starts: list[int] = []
    for kid in kids:
        starts.append(page_of(kid, starts[-1] if starts else 0))
    ordered = list(kids)
    for element in sorted(unlisted.values(), key=lambda e: page_of(e, len(pdf.pages))):
        page = page_of(element, len(pdf.pages))
        at = next((i for i, start in enumerate(starts) if start > page), len(starts))
        ordered.insert(at, element)
        starts.insert(at, page)
    return ordered


def _name_subsets(pdf: pikepdf.Pdf) -> None:
    """Give each font subset a tag made from its glyphs: parts reuse WeasyPrint's tags for
    different subsets, and one file must not name two different subsets alike (ISO 32000-1 9.6.4)."""
    for font in pdf.objects:
        if not isinstance(font, Dictionary) or font.get("/Type") != Name.Font:
            continue
        if "+" not in str(font.get("/BaseFont", "")):
            continue
        for descendant in font.get("/DescendantFonts", Array()):
            descriptor = descendant.get("/FontDescriptor")
            program = _font_program(descriptor) if descriptor is not None else None
            if descriptor is None or program is None:
                continue
            subset = Name(f"/{_tag(program)}+{str(font.BaseFont).split('+', 1)[1]}")
            font.BaseFont = descendant.BaseFont = descriptor.FontName = subset


def _font_program(descriptor: pikepdf.Object) -> bytes | None:
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return bytes(descriptor[key].read_raw_bytes())
    return None


def _tag(program: bytes) -> str:
    """Six capital letters from a hash of a font program: equal subsets get equal tags."""
    digest = hashlib.sha256(program).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _parent_tree_nums(tree: pikepdf.Object) -> pikepdf.Object:
    """The parent tree's flat /Nums array (key, value, key, value...), as WeasyPrint writes it."""
    parent_tree = tree.get("/ParentTree")
    if parent_tree is None:
        return Array()
    if "/Kids" in parent_tree:
        raise ValueError("booklet part has a nested parent tree; expected WeasyPrint's flat /Nums")
    return parent_tree.Nums


def _parent_tree_entries(tree: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """The parent tree as key → value."""
    nums = list(_parent_tree_nums(tree))
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _flatten(numbers: dict[int, pikepdf.Object]) -> list[Any]:
    flat: list[Any] = []
    for key in sorted(numbers):
        flat += [key, numbers[key]]
    return flat


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: i for i, page in enumerate(pdf.pages)}


def _bookmarks(pdf: pikepdf.Pdf, first: int) -> list[Bookmark]:
    """A part's outline, its pages numbered as in the joined document."""
    outlines = pdf.Root.get("/Outlines")
    if outlines is None or "/First" not in outlines:
        return []
    index = _page_index(pdf)

    def walk(item: pikepdf.Object | None) -> list[Bookmark]:
        found = []
        while item is not None:
            if "/Dest" not in item:
                raise ValueError("booklet part has a bookmark without a page destination")
            dest = item.Dest
            found.append(
                Bookmark(
                    str(item.Title),
                    first + index[dest[0].objgen],
                    walk(item.get("/First")),
                    int(item.get("/Count", 0)) >= 0,
                    dest[2],
                    dest[3],
                )
            )
            item = item.get("/Next")
        return found

    return walk(outlines.First)


def _destination(pdf: pikepdf.Pdf, page: int, left: Any, top: Any) -> pikepdf.Object:
    """An explicit destination: a point on a page, or the whole page when no point is given."""
    if left is None or top is None:
        return Array([pdf.pages[page].obj, Name.Fit])
    return Array([pdf.pages[page].obj, Name.XYZ, left, top, 0])


def _write_bookmarks(pdf: pikepdf.Pdf, bookmarks: list[Bookmark]) -> None:
    if not bookmarks:
        return
    root = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    root.Count = _link_bookmarks(pdf, root, bookmarks)
    pdf.Root.Outlines = root


def _link_bookmarks(pdf: pikepdf.Pdf, parent: pikepdf.Object, marks: list[Bookmark]) -> int:
    """Write bookmarks under parent; return how many show when parent is open (its /Count)."""
    items = []
    shown = 0
    for mark in marks:
        dest = _destination(pdf, mark.page, mark.left, mark.top)
        item = pdf.make_indirect(Dictionary(Title=String(mark.title), Parent=parent, Dest=dest))
        below = _link_bookmarks(pdf, item, mark.children) if mark.children else 0
        if mark.children:
            # A closed bookmark's /Count is negative: how many would show if it were opened.
            item.Count = below if mark.is_open else -below
        shown += 1 + (below if mark.is_open else 0)
        items.append(item)
    for before, after in pairwise(items):
        before.Next = after
        after.Prev = before
    parent.First = items[0]
    parent.Last = items[-1]
    return shown


def _named_targets(pdf: pikepdf.Pdf, first: int) -> dict[str, tuple[int, Any, Any]]:
    """The part's named destinations (anchor → page, left, top), pages as in the joined document."""
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    if "/Names" not in names.Dests:
        raise ValueError("booklet part has a nested name tree; expected WeasyPrint's flat /Names")
    index = _page_index(pdf)
    flat = list(names.Dests.Names)
    found = {}
    for i in range(0, len(flat), 2):
        dest = flat[i + 1]
        found[str(flat[i])] = (first + index[dest[0].objgen], dest[2], dest[3])
    return found


def _write_targets(pdf: pikepdf.Pdf, targets: dict[str, tuple[int, Any, Any]]) -> None:
    if not targets:
        return
    flat: list[Any] = []
    # A name tree's keys are sorted by their bytes.
    for name in sorted(targets, key=lambda n: n.encode("utf-8")):
        flat += [String(name), _destination(pdf, *targets[name])]
    pdf.Root.Names.Dests = pdf.make_indirect(Dictionary(Names=Array(flat)))
