"""The booklet joined from parts: one structure tree, links that land on the right page, and the
same pages as a booklet rendered in one piece."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from exercise_guide.content import Library
from exercise_guide.errors import ContentError
from exercise_guide.pdf import BOOKLET, BuildReport
from tests.pdf.conftest import TEMPLATES, build, only
from tests.pdf.readers import run


def _get(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _parent_tree(reader: PdfReader) -> dict[int, Any]:
    tree = _get(reader.trailer["/Root"]["/StructTreeRoot"])
    nums = _get(_get(tree["/ParentTree"])["/Nums"])
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
            annotation = _get(ref)
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                name = str(annotation["/Dest"])
                landed.setdefault(name, set()).add(reader.get_destination_page_number(targets[name]))
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
    tree = _get(reader.trailer["/Root"]["/StructTreeRoot"])
    [document_ref] = _get(tree["/K"])
    document = _get(document_ref)
    assert document["/S"] == "/Document"
    # Cover, contents, then one article per exercise, all under the one Document element.
    assert len(_get(document["/K"])) == 2 + len(shipped.exercises)
    parents = _parent_tree(reader)
    page_refs = [page.indirect_reference.idnum for page in reader.pages]
    keys = [int(page["/StructParents"]) for page in reader.pages]
    assert len(set(keys)) == len(keys)
    for number, page in enumerate(reader.pages):
        elements = _get(parents[int(page["/StructParents"])])
        assert isinstance(elements, ArrayObject) and elements, number
        for ref in elements:
            element = _get(ref)
            # Marked content on page n belongs to elements that say they are on page n.
            assert element.raw_get("/Pg").idnum == page_refs[number], number
            assert _under(element, document_ref.idnum), number
        for ref in page.get("/Annots", []):
            annotation = _get(ref)
            link = _get(parents[int(annotation["/StructParent"])])
            assert link["/S"] == "/Link"
            kids = _get(link["/K"])
            objects = [_get(k) for k in (kids if isinstance(kids, list) else [kids])]
            assert any(
                isinstance(o, DictionaryObject) and o.raw_get("/Obj").idnum == ref.idnum
                for o in objects
            )
    assert int(tree["/ParentTreeNextKey"]) == max(parents) + 1


def _under(element: DictionaryObject, document_id: int) -> bool:
    """Whether an element's chain of /P parents reaches the Document element."""
    for _ in range(64):
        parent = element.raw_get("/P")
        if parent.idnum == document_id:
            return True
        element = _get(parent)
    return False


def test_joined_parts_give_the_pages_of_a_booklet_rendered_in_one_piece(
    a4_build: tuple[Path, BuildReport], shipped: Library, tmp_path: Path
) -> None:
    _, joined = a4_build
    whole = build(shipped, tmp_path, posters=False, booklet_part_size=len(shipped.exercises))
    assert _page_texts(joined.files[BOOKLET]) == _page_texts(whole.files[BOOKLET])
    assert len(_page_texts(whole.files[BOOKLET])) == 2 + len(shipped.exercises)


def test_a_booklet_page_that_runs_over_names_the_exercise(
    shipped: Library, tmp_path: Path
) -> None:
    # A designer's booklet style that leaves no room: the posters fit, the booklet pages do not.
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    css = templates / "print" / "booklet.css"
    css.write_text(
        css.read_text(encoding="utf-8") + "\n.sheet.booklet-page { padding-top: 250mm; }\n",
        encoding="utf-8",
    )
    library = only(shipped, "shoulder-rolling")
    with pytest.raises(ContentError) as caught:
        build(library, tmp_path, templates_dir=templates)
    [problem] = caught.value.problems
    assert problem.path.endswith("content/exercises/shoulder-rolling.yml")
    assert problem.field == "steps"
    assert "booklet" in problem.message and "one page" in problem.message
    assert (tmp_path / "out" / "shoulder-rolling.pdf").is_file()
    assert not (tmp_path / "out" / BOOKLET).exists()
