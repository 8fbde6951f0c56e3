"""Join the booklet's separately rendered parts into one tagged PDF.

WeasyPrint renders the front matter and each run of exercise pages as its own PDF/UA document, so
an edit re-renders one run instead of the whole guide. Joining must keep what a plain page merge
loses: one structure tree (one Document element, a parent tree renumbered across parts), one
outline, and named link targets that point at the real pages (the contents' links are made against
stand-in targets in the front part, see templates/print/booklet_front.html).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

# Bump when the way parts are joined changes: joined booklets are cached under this.
ASSEMBLY_FORMAT = "exercise-guide-booklet-join-1"


@dataclass
class _Bookmark:
    title: str
    page: int  # index in the joined document
    left: Any
    top: Any
    children: list[_Bookmark] = field(default_factory=list)


def join_parts(parts: Sequence[Path]) -> tuple[bytes, int]:
    """One PDF of the parts in order (the first gives catalog and metadata) and its page count."""
    with pikepdf.open(parts[0]) as joined:
        bookmarks: list[_Bookmark] = []
        targets: dict[str, tuple[int, Any, Any]] = {}
        document = joined.Root.StructTreeRoot.K[0]
        numbers = _parent_tree_entries(joined.Root.StructTreeRoot)
        bookmarks += _bookmarks(joined, 0)
        targets.update(_named_targets(joined, 0))
        for path in parts[1:]:
            with pikepdf.open(path) as part:
                _append(joined, part, document, numbers, bookmarks, targets)
        tree = joined.Root.StructTreeRoot
        tree.ParentTree = joined.make_indirect(Dictionary(Nums=Array(_flatten(numbers))))
        tree.ParentTreeNextKey = max(numbers) + 1 if numbers else 0
        _write_bookmarks(joined, bookmarks)
        _write_targets(joined, targets)
        out = io.BytesIO()
        # A content-derived /ID: equal parts give byte-identical booklets.
        joined.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue(), len(joined.pages)


def _append(
    joined: pikepdf.Pdf,
    part: pikepdf.Pdf,
    document: pikepdf.Object,
    numbers: dict[int, pikepdf.Object],
    bookmarks: list[_Bookmark],
    targets: dict[str, tuple[int, Any, Any]],
) -> None:
    """Add a part's pages, structure, bookmarks and link targets after what is joined so far."""
    first = len(joined.pages)
    # The part's parent-tree keys (one per page, then one per link) follow on from ours.
    offset = max(numbers) + 1 if numbers else 0
    part_root = part.Root.StructTreeRoot
    part_document = part_root.K[0]
    entries = _parent_tree_entries(part_root)
    kids = list(part_document.K)
    tops = _children_of(part_document, entries.values())
    for top in tops:
        # Cut the link up to the part's own Document, so copying does not drag its tree along.
        del top["/P"]
    joined.pages.extend(part.pages)
    # Pages are copied first: the structure copied next refers to the same copies (/Pg, /Obj).
    for key, value in entries.items():
        numbers[key + offset] = _copy(joined, value)
    for top in tops:
        joined.copy_foreign(top).P = document
    for kid in kids:
        document.K.append(joined.copy_foreign(kid))
    for page in joined.pages[first:]:
        page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", Array()):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    bookmarks += _bookmarks(part, first)
    # A part's real targets replace the front matter's stand-ins of the same name.
    targets.update(_named_targets(part, first))


def _children_of(
    document: pikepdf.Object, entries: Iterable[pikepdf.Object]
) -> list[pikepdf.Object]:
    """Every element whose parent is the Document: its kids, and those only the parent tree
    reaches (WeasyPrint leaves page-margin boxes, such as the page number, out of /K)."""
    found = {kid.objgen: kid for kid in document.K}
    seen: set[tuple[int, int]] = set()
    for value in entries:
        for element in [value] if value.is_indirect else list(value):
            while element.objgen not in seen and "/P" in element:
                seen.add(element.objgen)
                parent = element.P
                if parent.objgen == document.objgen:
                    found.setdefault(element.objgen, element)
                    break
                element = parent
    return list(found.values())


def _copy(joined: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """A parent-tree value copied in: a page's direct array of elements, or one element."""
    if value.is_indirect:
        return joined.copy_foreign(value)
    return Array([_copy(joined, item) for item in value])


def _parent_tree_entries(tree: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """The parent tree as key → value (WeasyPrint writes one flat /Nums array)."""
    parent_tree = tree.get("/ParentTree")
    if parent_tree is None:
        return {}
    if "/Kids" in parent_tree:
        raise ValueError("booklet part has a nested parent tree; expected WeasyPrint's flat /Nums")
    nums = list(parent_tree.Nums)
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _flatten(numbers: dict[int, pikepdf.Object]) -> list[Any]:
    flat: list[Any] = []
    for key in sorted(numbers):
        flat += [key, numbers[key]]
    return flat


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: i for i, page in enumerate(pdf.pages)}


def _bookmarks(pdf: pikepdf.Pdf, first: int) -> list[_Bookmark]:
    """A part's outline, its pages numbered as in the joined document."""
    outlines = pdf.Root.get("/Outlines")
    if outlines is None or "/First" not in outlines:
        return []
    index = _page_index(pdf)

    def walk(item: pikepdf.Object | None) -> list[_Bookmark]:
        found = []
        while item is not None:
            dest = item.Dest
            found.append(
                _Bookmark(
                    str(item.Title),
                    first + index[dest[0].objgen],
                    dest[2],
                    dest[3],
                    walk(item.get("/First")),
                )
            )
            item = item.get("/Next")
        return found

    return walk(outlines.First)


def _write_bookmarks(pdf: pikepdf.Pdf, bookmarks: list[_Bookmark]) -> None:
    if not bookmarks:
        return
    root = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    count = _link_bookmarks(pdf, root, bookmarks)
    root.Count = count
    pdf.Root.Outlines = root


def _link_bookmarks(pdf: pikepdf.Pdf, parent: pikepdf.Object, marks: list[_Bookmark]) -> int:
    """Write bookmarks under parent, all open as WeasyPrint leaves them; the number shown."""
    items = []
    shown = 0
    for mark in marks:
        dest = Array([pdf.pages[mark.page].obj, Name.XYZ, mark.left, mark.top, 0])
        item = pdf.make_indirect(Dictionary(Title=String(mark.title), Parent=parent, Dest=dest))
        below = _link_bookmarks(pdf, item, mark.children) if mark.children else 0
        if mark.children:
            item.Count = below
        shown += 1 + below
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
    # A name tree's keys must be sorted; the ids are ASCII slugs, so str order is byte order.
    for name in sorted(targets):
        page, left, top = targets[name]
        flat += [String(name), Array([pdf.pages[page].obj, Name.XYZ, left, top, 0])]
    pdf.Root.Names.Dests = pdf.make_indirect(Dictionary(Names=Array(flat)))
