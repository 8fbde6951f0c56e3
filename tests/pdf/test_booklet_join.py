"""The booklet joined from parts: one structure tree, links that land on the right page, and the
same pages as a booklet rendered in one piece."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from exercise_guide.content import Library
from exercise_guide.errors import ContentError
from exercise_guide.pdf import BOOKLET, BuildReport
from exercise_guide.template_folders import PACKAGED, Templates, templates_for
from tests.pdf.conftest import build, only
from tests.pdf.readers import resolve, run


def _parent_tree(reader: PdfReader) -> dict[int, Any]:
    tree = resolve(reader.trailer["/Root"]["/StructTreeRoot"])
    nums = resolve(resolve(tree["/ParentTree"])["/Nums"])
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _page_texts(path: Path) -> list[str]:
    return run("pdftotext", "-layout", path, "-").split("\f")[:-1]


def test_contents_links_land_on_each_exercise_page(
    a4_build: tuple[Path, BuildReport], shipped: Library
) -> None:
    _, report = a4_build
    reader = PdfReader(report.files[BOOKLET])
    texts = [page.extract_text() for page in reader.pages]
    targets = reader.named_destinations
    landed: dict[str, set[int]] = {}
    for page in reader.pages[:2]:
        for ref in page.get("/Annots", []):
            annotation = resolve(ref)
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                name = str(annotation["/Dest"])
                landed.setdefault(name, set()).add(
                    reader.get_destination_page_number(targets[name])
                )
    assert set(landed) == {f"exercise-{i}" for i in shipped.exercises}
    for exercise in shipped.exercises.values():
        [number] = landed[f"exercise-{exercise.id}"]
        # Past the front matter: the stand-in targets on the contents page were replaced.
        assert number >= 2
        assert texts[number].lstrip().startswith(exercise.title), (exercise.id, number)


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
    # Cover, contents, one article per exercise, each page's number: all under one Document.
    assert tops.count("/Art") == len(shipped.exercises)
    assert tops[:2] == ["/Sect", "/NonStruct"]
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
        outlines = pdf.Root.Outlines
        items = []
        item = outlines.First
        while True:
            assert item.Parent.objgen == outlines.objgen
            items.append(item)
            if "/Next" not in item:
                break
            assert item.Next.Prev.objgen == item.objgen
            item = item.Next
        assert outlines.Last.objgen == items[-1].objgen
        assert int(outlines.Count) == len(items)
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


def test_the_pages_do_not_depend_on_how_the_booklet_is_cut_into_parts(
    a4_build: tuple[Path, BuildReport], shipped: Library, tmp_path: Path
) -> None:
    _, joined = a4_build
    whole = build(shipped, tmp_path, posters=False, booklet_part_size=len(shipped.exercises))
    assert _page_texts(joined.files[BOOKLET]) == _page_texts(whole.files[BOOKLET])
    assert len(_page_texts(whole.files[BOOKLET])) == 2 + len(shipped.exercises)


def test_a_booklet_page_that_runs_over_names_the_exercise(shipped: Library, tmp_path: Path) -> None:
    # A designer's booklet style that leaves no room: the posters fit, the booklet pages do not.
    templates = _templates_with(tmp_path, ".sheet.booklet-page { padding-top: 250mm; }")
    library = only(shipped, "shoulder-rolling")
    with pytest.raises(ContentError) as caught:
        build(library, tmp_path, templates=templates)
    [problem] = caught.value.problems
    assert problem.path.endswith("content/exercises/shoulder-rolling.yml")
    assert problem.field == "steps"
    assert "booklet" in problem.message and "one page" in problem.message
    assert (tmp_path / "out" / "shoulder-rolling.pdf").is_file()
    assert not (tmp_path / "out" / BOOKLET).exists()


def _templates_with(tmp_path: Path, css: str) -> Templates:
    """A guide's own booklet.css: the packaged one plus extra CSS (a designer's change)."""
    sheet = tmp_path / "templates" / "print" / "booklet.css"
    sheet.parent.mkdir(parents=True)
    packaged = PACKAGED / "print" / "booklet.css"
    sheet.write_text(packaged.read_text(encoding="utf-8") + f"\n{css}\n", encoding="utf-8")
    return templates_for(tmp_path)


def test_contents_over_several_pages_number_and_link_every_exercise_right(
    shipped: Library, tmp_path: Path
) -> None:
    # Tall entries: the contents run over several pages, so every exercise page moves on.
    templates = _templates_with(tmp_path, ".contents li { padding-bottom: 110mm; }")
    report = build(shipped, tmp_path, templates=templates, posters=False)
    reader = PdfReader(report.files[BOOKLET])
    texts = [page.extract_text() for page in reader.pages]
    contents = range(1, len(reader.pages) - len(shipped.exercises))
    assert len(contents) > 1, "the contents should run over a page in this test"
    listed = " ".join(texts[i] for i in contents)
    targets = reader.named_destinations
    for index, exercise in enumerate(shipped.exercises.values()):
        number = 1 + len(contents) + index + 1  # cover, contents, then the exercises in order
        assert re.search(re.escape(exercise.title) + rf"[ .]*{number}\b", listed), exercise.id
        page = texts[number - 1]
        assert page.lstrip().startswith(exercise.title), (number, page[:60])
        assert re.search(rf"(^|\n)\s*{number}\s*$", page), page[-40:]
        target = targets[f"exercise-{exercise.id}"]
        assert reader.get_destination_page_number(target) == number - 1


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
    assert len(parts) == 3 and len(joined) == 1  # front matter and two parts; the joined booklet
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
