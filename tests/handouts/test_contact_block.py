"""A handout's contact block: the clinic from guide.yml, the clinician and the next review, read
back from the PDF; empty fields are left out, and with nothing given there is no block."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.handouts.support import make_project, pdfinfo, poppler_text, run_handout, squash, xmp

CLINIC = {
    "phone": "01632 960 123",
    "address": "4 Quarry Lane, Elmstead",
    "web": "www.elmstead-clinic.test",
    "contact": "Email desk@elmstead-clinic.test",
}
CLINICIAN = "Dr Ingrid Vasquez-Holm"
REVIEW, HUMAN_REVIEW = "2027-01-15", "15 January 2027"


def _brand(project: Path, **fields: str) -> None:
    """Give the project's guide.yml these branding fields."""
    guide = project / "content" / "guide.yml"
    text = guide.read_text(encoding="utf-8")
    lines = "".join(f"  {key}: {value}\n" for key, value in fields.items())
    guide.write_text(text.replace("branding:\n", f"branding:\n{lines}", 1), encoding="utf-8")


def _first_page(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-l", "1", str(pdf), "-"], capture_output=True, check=True
    )
    return squash(out.stdout.decode("utf-8"))


def _contact(text: str) -> str:
    """The first page's text from the contact block's heading to the end of the cover."""
    match = re.search(r"\bContact\b(.*?)(?=\b1 Upper Back Loosener\b|$)", text)
    assert match is not None, text
    return match.group(1)


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handout with every clinic detail, the clinician and a review date."""
    project = make_project(tmp_path_factory.mktemp("contact") / "project")
    _brand(project, **CLINIC)
    result = run_handout(
        project, "upper-back-loosening", "--patient", "Pat Example", "--clinician", CLINICIAN,
        "--review", REVIEW, "--out", "out/full.pdf",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return project / "out" / "full.pdf"


def test_the_block_holds_the_clinic_the_clinician_and_the_review(full: Path) -> None:
    block = _contact(_first_page(full))
    assert block.startswith(" Exercise Guide")  # the clinic's name first
    for label, value in (
        ("Phone", CLINIC["phone"]),
        ("Address", CLINIC["address"]),
        ("Web", CLINIC["web"]),
        ("Prescribed by", CLINICIAN),
        ("Next review", HUMAN_REVIEW),  # written for people, like the handout's date
    ):
        assert f"{label} {value}" in block, label
    assert CLINIC["contact"] in block
    assert REVIEW not in _first_page(full)
    assert "Ask your health professional about these exercises" not in block


def test_no_clinician_or_review_in_the_metadata(full: Path) -> None:
    info = PdfReader(full).metadata or {}
    fields = [str(info.get(key, "")) for key in info]
    fields += list(pdfinfo(full).values())
    fields.append(xmp(full))
    for detail in (CLINICIAN, CLINICIAN.split()[-1], REVIEW, HUMAN_REVIEW):
        assert not [field for field in fields if detail in field], detail


def test_empty_fields_are_left_out(tmp_path: Path) -> None:
    """Only a phone number and a review date (from an rx file): only those are printed."""
    project = make_project(tmp_path / "project")
    _brand(project, phone=CLINIC["phone"])
    rx = project / "pat.yml"
    rx.write_text(
        f"patient: Pat Example\nroutine: upper-back-loosening\nreview: {REVIEW}\n", encoding="utf-8"
    )
    result = run_handout(project, "--from", "pat.yml")
    assert result.returncode == 0, result.stderr
    block = _contact(_first_page(rx.with_suffix(".pdf")))
    assert f"Phone {CLINIC['phone']}" in block and f"Next review {HUMAN_REVIEW}" in block
    for absent in ("Address", "Web", "Prescribed by", CLINIC["contact"]):
        assert absent not in block, absent


def test_no_block_when_nothing_is_given(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = run_handout(
        project, "upper-back-loosening", "--patient", "Pat Example", "--out", "none.pdf"
    )
    assert result.returncode == 0, result.stderr
    text = poppler_text(project / "none.pdf")  # every page: an empty block would sit on page 2
    assert "Upper back loosening" in text  # the cover is there
    assert re.search(r"\bContact\b", text) is None
    for label in ("Phone", "Address", "Web", "Prescribed by", "Next review"):
        assert label not in text, label
