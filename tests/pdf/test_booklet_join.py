"""The booklet joined from parts: one structure tree, links that land on the right page, and the
same pages as a booklet rendered in one piece."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pikepdf
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from exercise_guide.content import Library
from exercise_guide.pdf import BOOKLET, BuildReport
from exercise_guide.template_folders import PACKAGED, Templates, templates_for
from tests.pdf.conftest import build
from tests.pdf.readers import resolve, run


def _parent_tree(reader: PdfReader) -> dict[int, Any]:
    tree = resolve(reader.trailer["/Root"]["/StructTreeRoot"])
    nums = resolve(resolve(tree["/ParentTree"])["/Nums"])
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _page_texts(path: Path) -> list[str]:
    return run("pdftotext", "-layout", path, "-").split("\f")[:-1]


def test_every_link_lands_on_the_page_it_names(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    reader = PdfReader(report.files[BOOKLET])
    texts = [page.extract_text() for page in reader.pages]
    targets = reader.named_destinations
    expected = {f"exercise-{e.id}": e.title for e in shipped.exercises.values()}
    expected |= {f"area-{a}": shipped.body_area_title(a) for a in shipped.body_areas()}
    expected |= {f"article-{a.id}": a.title for a in shipped.articles.values()}
    expected |= {f"routine-{r.id}": r.title for r in shipped.routines.values()}
    expected["book-index"] = "Index"
    links = 0
    for page in reader.pages:
        for ref in page.get("/Annots", []):
            annotation = resolve(ref)
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                name = str(annotation["/Dest"])
                number = reader.get_destination_page_number(targets[name])
                # The stand-in targets in the booklet's own documents were replaced: each link
                # opens the page of what it names (a title is at the top or, for the articles
                # and routines that share a page, on it).
                assert expected[name] in texts[number], (name, number)
                if name.startswith(("exercise-", "area-", "book-")):
                    assert texts[number].lstrip().startswith(expected[name]), (name, number)
                links += 1
    # Contents, routine and section openings link (the index is plain text, as in print).
    assert links >= len(expected) + 2 * len(shipped.exercises)


def test_each_entry_of_a_section_opening_is_one_link(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    reader = PdfReader(report.files[BOOKLET])
    targets = reader.named_destinations
    first_area = shipped.body_areas()[0]
    # From the first section on: the front matter's contents and routine keep their dot leaders,
    # a generated box with a link of its own beside the entry's.
    start = reader.get_destination_page_number(targets[f"area-{first_area}"])
    for number, page in enumerate(reader.pages[start:], start=start):
        seen: dict[str, list[tuple[float, float, float, float]]] = {}
        for ref in page.get("/Annots", []):
            annotation = resolve(ref)
            if annotation.get("/Subtype") != "/Link" or "/Dest" not in annotation:
                continue
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            rect = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            name = str(annotation["/Dest"])
            # A second annotation over the same entry (a generated ::after box's own link) makes
            # a screen reader meet the entry as two links.
            for other in seen.get(name, []):
                overlap = min(rect[2], other[2]) > max(rect[0], other[0]) and min(
                    rect[3], other[3]
                ) > max(rect[1], other[1])
                assert not overlap, (number, name)
            seen.setdefault(name, []).append(rect)


def test_one_structure_tree_whose_parent_tree_matches_every_page_and_link(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    reader = PdfReader(report.files[BOOKLET])
    tree = resolve(reader.trailer["/Root"]["/StructTreeRoot"])
    [document_ref] = resolve(tree["/K"])
    document = resolve(document_ref)
    assert document["/S"] == "/Document"
    tops = [resolve(kid)["/S"] for kid in resolve(document["/K"])]
    # Front matter, then per area its opening and its exercises' posters (each poster's <main>
    # is a Part), then the index: all under one Document.
    assert tops.count("/Part") == len(shipped.exercises)
    assert tops[:3] == ["/Sect", "/Sect", "/NonStruct"]
    reachable = _reachable(document_ref)
    parents = _parent_tree(reader)
    page_refs = [page.indirect_reference.idnum for page in reader.pages]
    keys = [int(page["/StructParents"]) for page in reader.pages]
    assert len(set(keys)) == len(keys)
    for number, page in enumerate(reader.pages):
        elements = resolve(parents[int(page["/StructParents"])])
        assert isinstance(elements, ArrayObject) and elements, number
        for ref in elements:
            element = resolve(ref)
            # Marked content on page n belongs to elements that say they are on page n, and
            # that a screen reader reaches from the root.
            assert element.raw_get("/Pg").idnum == page_refs[number], number
            assert ref.idnum in reachable, number
        for ref in page.get("/Annots", []):
            annotation = resolve(ref)
            link_ref = parents[int(annotation["/StructParent"])]
            link = resolve(link_ref)
            assert link["/S"] == "/Link" and link_ref.idnum in reachable
            kids = resolve(link["/K"])
            objects = [resolve(k) for k in (kids if isinstance(kids, list) else [kids])]
            assert any(
                isinstance(o, DictionaryObject) and o.raw_get("/Obj").idnum == ref.idnum
                for o in objects
            )
    assert int(tree["/ParentTreeNextKey"]) == max(parents) + 1


def _reachable(root: IndirectObject) -> set[int]:
    """The object numbers of every element reached from an element through /K."""
    found: set[int] = set()
    stack = [root]
    while stack:
        ref = stack.pop()
        if not isinstance(ref, IndirectObject) or ref.idnum in found:
            continue
        element = resolve(ref)
        if not isinstance(element, DictionaryObject) or "/S" not in element:
            continue
        found.add(ref.idnum)
        kids = element.raw_get("/K") if "/K" in element else []
        kids = resolve(kids)
        stack.extend(kids if isinstance(kids, list) else [kids])
    return found


def test_outline_names_and_font_subsets_are_well_formed(
    a4_build: tuple[Path, BuildReport],
) -> None:
    _, report = a4_build
    with pikepdf.open(report.files[BOOKLET]) as pdf:
        _check_outline_level(pdf.Root.Outlines)
        names = [bytes(n) for n in pdf.Root.Names.Dests.Names[::2]]
        # A name tree is searched by halving: its keys must be in byte order.
        assert names == sorted(names) and len(set(names)) == len(names)
        subsets: dict[str, bytes] = {}
        for font in pdf.objects:
            if isinstance(font, pikepdf.Dictionary) and "/FontName" in font:
                program = font.get("/FontFile2") or font.get("/FontFile3") or font.get("/FontFile")
                data = bytes(program.read_raw_bytes())
                # Two different subsets under one name would let a viewer draw the wrong glyphs.
                assert subsets.setdefault(str(font.FontName), data) == data, str(font.FontName)
        assert len(subsets) > 2  # each part brings its own subsets


def _check_outline_level(parent: pikepdf.Object) -> int:
    """Check a level of the outline is a well-linked list; how many items show under parent."""
    items = []
    item = parent.First
    shown = 0
    while True:
        assert item.Parent.objgen == parent.objgen
        items.append(item)
        below = _check_outline_level(item) if "/First" in item else 0
        if below:
            # Open items count what shows under them; closed ones the negative of it.
            assert abs(int(item.Count)) == below
        shown += 1 + (below if int(item.get("/Count", 0)) > 0 else 0)
        if "/Next" not in item:
            break
        assert item.Next.Prev.objgen == item.objgen
        item = item.Next
    assert parent.Last.objgen == items[-1].objgen
    if "/Type" in parent:  # the outline root counts every item that shows
        assert int(parent.Count) == shown
    return shown


def _templates_with(tmp_path: Path, css: str) -> Templates:
    """A guide's own booklet.css: the packaged one plus extra CSS (a designer's change)."""
    sheet = tmp_path / "templates" / "print" / "booklet.css"
    sheet.parent.mkdir(parents=True)
    packaged = PACKAGED / "print" / "booklet.css"
    sheet.write_text(packaged.read_text(encoding="utf-8") + f"\n{css}\n", encoding="utf-8")
    return templates_for(tmp_path)


def test_section_openings_over_several_pages_move_every_later_page_number(
    shipped: Library, tmp_path: Path
) -> None:
    # Tall entries: each area's opening runs over several pages, so every page after the first
    # opening moves on, and the front matter printed numbers it could only guess at first.
    templates = _templates_with(tmp_path, ".area .listing li { padding-bottom: 110mm; }")
    report = build(shipped, tmp_path, templates=templates, posters=False)
    reader = PdfReader(report.files[BOOKLET])
    texts = [page.extract_text() for page in reader.pages]
    targets = reader.named_destinations
    firsts = [text.lstrip().split("\n", 1)[0].strip() for text in texts]
    areas = shipped.body_areas()
    openings = [reader.get_destination_page_number(targets[f"area-{a}"]) for a in areas]
    assert any(b - a > 2 for a, b in pairwise(openings)), "openings should run over a page"
    contents = next(t for t in texts if t.lstrip().startswith("Contents"))
    for area, opening in zip(areas, openings, strict=True):
        title = shipped.body_area_title(area)
        assert firsts[opening] == title
        assert re.search(re.escape(title) + rf"[ .]*{opening + 1}\b", contents), area
    for exercise in shipped.exercises.values():
        number = reader.get_destination_page_number(targets[f"exercise-{exercise.id}"])
        # pypdf may run a large title into the summary set close under it ("…LoosenerLoosens").
        assert firsts[number].startswith(exercise.title), (firsts[number], exercise.title)
        # The routine, the index and every opening that lists it print that page.
        for text in texts:
            if exercise.title in text and not text.lstrip().startswith(exercise.title):
                found = re.findall(re.escape(exercise.title) + r"[^\n\d]*?[ .]+(\d+)\b", text)
                assert set(found) <= {str(number + 1)}, (exercise.id, found)
    for number, text in enumerate(texts[1:], start=2):
        assert text.rstrip().endswith(str(number)), number


def test_damaged_cache_entries_are_rendered_or_joined_again(
    shipped: Library, tmp_path: Path
) -> None:
    first = build(shipped, tmp_path)
    booklet = first.files[BOOKLET].read_bytes()
    outputs = {path.read_bytes() for path in first.files.values()}
    objects = sorted((tmp_path / "cache" / "objects").glob("*/*.pdf"))
    parts = [path for path in objects if path.read_bytes() not in outputs]
    joined = [path for path in objects if path.read_bytes() == booklet]
    poster = next(path for path in objects if path.read_bytes() == first.files[POSTER].read_bytes())
    # Front matter, an opening per area and the index; the joined booklet.
    assert len(parts) == 2 + len(shipped.body_areas()) and len(joined) == 1
    for path in [*parts, poster]:
        _damage(path)
    again = build(shipped, tmp_path)
    # Same size, different bytes: found by the recorded hash, rendered again, never joined.
    assert (again.rendered, again.joined) == (len(parts) + 1, 0)
    assert again.files[BOOKLET].read_bytes() == booklet
    _damage(joined[0])
    third = build(shipped, tmp_path)
    assert (third.rendered, third.joined) == (0, 1)
    assert third.files[BOOKLET].read_bytes() == booklet


POSTER = "shoulder-rolling.pdf"


def _damage(path: Path) -> None:
    """Zero a stretch in the middle of a file, keeping its size (a disk fault, not a truncation)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 2000] = bytes(2000)
    path.write_bytes(bytes(data))
