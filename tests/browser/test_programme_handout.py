"""The programme printed by Chromium, its QR code, `handout --from-link`, and privacy, end to end."""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Request

from exercise_guide.content import load_library
from exercise_guide.sessions import sessions_per_day
from exercise_guide.strings import strings
from tests.browser.programme_flow import (
    NEW_DOSES,
    build_programme,
    everything_stored,
    programme_on_page,
    type_into,
)
from tests.handouts.support import make_project, run_handout, unbroken
from tests.site.support import Served
from tests.support import CONTENT

LIBRARY = load_library(CONTENT)
WORDS = strings(LIBRARY.guide.language)
ORDER = ["elbow-flapping", "upper-back-loosener", "shoulder-rolling"]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(pdf: Path) -> str:
    # -raw reads in drawing order: steps set side by side would otherwise interleave their lines.
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return _flat(out.stdout)


def _qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.splitlines()


def _assert_holds_the_programme(text: str, doses: list[tuple[str, dict[str, str]]]) -> None:
    """Every chosen exercise's steps, breath cues, safety lines and dose, and the disclaimer."""
    words = LIBRARY.guide
    assert _flat(words.disclaimer) in text
    # The guide's "when to get help" box, as the WeasyPrint handout prints it (the seed sets none).
    if words.get_help:
        assert "When to get help " + " ".join(_flat(line) for line in words.get_help) in text
    else:
        assert "When to get help" not in text
    positions = []
    for exercise_id, _ in doses:
        exercise = LIBRARY.exercises[exercise_id]
        positions.append(text.index(exercise.title + " " + _flat(exercise.summary)))
        # A line may break after a word's hyphen ("waist-" / "width"): compare without hyphens.
        for step in exercise.steps:
            assert unbroken(step.text) in unbroken(text), step.text
        for line in [*exercise.safety, *exercise.cautions]:
            assert unbroken(line) in unbroken(text), line
    assert positions == sorted(positions), "exercises out of order"
    chosen = dict(doses)
    sr = chosen["shoulder-rolling"]
    assert f"Repeat: {sr['reps']} times" in text
    assert f"Sets: {sr['sets']}" in text
    assert f"How often: {sr['frequency']}" in text
    assert f"How often: {chosen['elbow-flapping']['frequency']}" in text
    assert "Breathe in through your nose" in text


def test_printed_programme_holds_everything_and_the_patient_goes_nowhere(
    site: Served, browser: Browser, tmp_path: Path
) -> None:
    name = f"Zora Quinlan-{uuid.uuid4().hex[:8]}"
    clinician = f"Dr Private-{uuid.uuid4().hex[:8]}"
    note = f"Secret note {uuid.uuid4().hex[:8]}"
    exercise_note = f"Knee note {uuid.uuid4().hex[:8]}"
    secrets = [name, clinician, note, exercise_note]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url + " " + (request.post_data or ""))

    context.on("request", record)
    try:
        page = context.new_page()
        link = build_programme(page, site)
        loaded = len(requests)
        # From here on the page must need nothing more from the network.
        context.set_offline(True)
        type_into(page, "#eg-patient", name)
        type_into(page, "#eg-clinician", clinician)
        type_into(page, "#eg-note", note)
        type_into(page, "#eg-shoulder-rolling-note", exercise_note)
        page.locator("#eg-date").fill("2026-11-24")
        page.emulate_media(media="print")
        pdf = tmp_path / "programme.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        page.emulate_media(media="screen")
        assert requests[loaded:] == [], "requests after the patient's details were typed"

        text = _pdf_text(pdf)
        assert f"For: {name}" in text and clinician in text and note in text
        assert exercise_note in text
        assert text.count("(set for you)") == 2
        assert "24 November 2026" in text or "November 24, 2026" in text
        _assert_holds_the_programme(text, programme_on_page(page))
        assert _qr_codes(pdf, tmp_path) == [link]
        size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", size), size

        # Nothing typed about the patient is in any request, URL or storage after the whole flow.
        stored = everything_stored(context)
        for secret in secrets:
            assert all(secret not in r for r in requests), secret
            assert secret not in stored, secret
        # The list and doses are what is kept, and the page's URL is the programme link.
        assert "shoulder-rolling" in stored and NEW_DOSES["shoulder-rolling"]["sets"] in stored
        assert page.url == link
    finally:
        context.close()


def test_letter_paper_prints_on_letter(site: Served, browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        build_programme(page, site)
        page.locator("#eg-paper").select_option("Letter")
        pdf = tmp_path / "letter.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "612 x 792 pts (letter)" in size, size
    finally:
        context.close()


def test_from_link_writes_the_same_programme_as_a_weasyprint_handout(
    site: Served, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        link = build_programme(page, site)
        chosen = programme_on_page(page)
    finally:
        context.close()
    assert [i for i, _ in chosen] == ORDER
    project = make_project(tmp_path / "project")
    out = tmp_path / "from-link.pdf"
    result = run_handout(
        project, "--from-link", link, "--patient", "Alex Example", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    text = _pdf_text(out)
    assert "For: Alex Example" in text
    _assert_holds_the_programme(text, chosen)
    # Only the changed doses are marked as set for the patient, as on the page.
    assert text.count("(set for you)") == 2


def test_from_link_refuses_a_bad_link_naming_each_bad_part(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    out = tmp_path / "bad.pdf"
    result = run_handout(
        project,
        "--from-link",
        "https://example.org/programme/#x=shoulder-rolling,10&x=shoulder-rollin,3&x=Bad!,1",
        "--patient",
        "Alex Example",
        "--out",
        str(out),
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["--from-link: exercise 3 'Bad!': is not an exercise id"]
    result = run_handout(
        project,
        "--from-link",
        "https://example.org/programme/#x=shoulder-rolling,10&x=shoulder-rollin,3",
        "--patient",
        "Alex Example",
        "--out",
        str(out),
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "--from-link exercise 2 'shoulder-rollin': no exercise 'shoulder-rollin' exists "
        "(did you mean 'shoulder-rolling'?)"
    ]
    assert "Traceback" not in result.stderr and not out.exists()


def _boxes_a_day(page: Page) -> dict[str, int]:
    """Each log table's exercise (its caption's title) and the boxes in its first day's cell."""
    rows: list[list[Any]] = page.eval_on_selector_all(
        ".eg-handout .log table.ticks",
        """tables => tables.map(t => [t.caption.textContent,
            t.querySelector('tbody td').querySelectorAll('.box').length,
            Math.min(...[...t.querySelectorAll('tbody td')].map(td => td.querySelectorAll('.box').length)),
            Math.max(...[...t.querySelectorAll('tbody td')].map(td => td.querySelectorAll('.box').length))])""",
    )
    found = {}
    for caption, first, least, most in rows:
        assert least == first == most, caption  # every day of every week alike
        found[caption.split(":")[0]] = first
    return found


def test_printed_programme_names_the_patient_on_every_page_and_logs_each_session(
    site: Served, browser: Browser, tmp_path: Path
) -> None:
    # Quotes and a backslash: the name goes into a CSS string for the page footer.
    name = f'Zoë "Q" O\'Brien\\{uuid.uuid4().hex[:6]}'
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        build_programme(page, site)
        type_into(page, "#eg-patient", name)
        # One box per session a day, by the handout's own rule (sessions.py), for the doses as set.
        doses = dict(programme_on_page(page))
        expected = {
            LIBRARY.exercises[i].title: sessions_per_day(
                doses[i].get("frequency") or LIBRARY.exercises[i].dose.frequency
            )
            for i in doses
        }
        assert _boxes_a_day(page) == expected
        assert sorted(expected.values()) == [1, 2, 3]
        # Whatever frequency is typed, the page counts as the handout does.
        for frequency in ("2-3 times a day", "once daily", "3 times a week", "five times a day"):
            type_into(page, "#eg-shoulder-rolling-frequency", frequency)
            boxes = _boxes_a_day(page)["Shoulder Rolling"]
            assert boxes == sessions_per_day(frequency), (frequency, boxes)

        page.emulate_media(media="print")
        pdf = tmp_path / "programme.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        pages = int(re.search(r"Pages:\s+(\d+)", _pdfinfo(pdf))[1])  # type: ignore[index]
        assert pages >= 3
        for number in range(1, pages + 1):
            # The bottom margin (17 mm of the A4 page) holds the footer: name, brand, page n of N.
            footer = subprocess.run(
                ["pdftotext", "-f", str(number), "-l", str(number), "-x", "0", "-y", "790",
                 "-W", "596", "-H", "52", str(pdf), "-"],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            assert f"For: {name}" in _flat(footer), (number, footer)
            assert f"{number} of {pages}" in footer, (number, footer)
        # The pain log is the handout's (handouts/log.html): one week-by-day grid, a box a day to
        # write a number in, after the tick grids (no longer a line of 0-10 circles a day).
        log = _pdf_text(pdf).split("Your exercise log", 1)[1]
        last = subprocess.run(
            ["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert "Your exercise log" in last and "Pain, 0 to 10" in last  # the log on one page
        pain = log.split("Pain, 0 to 10", 1)[1]
        assert pain.startswith(" " + WORDS["log_pain_write"]), pain[:200]
        assert " Week Mon Tue Wed Thu Fri Sat Sun 1 2 3 4 " in pain, pain[:300]
        assert " 0 1 2 3 4 5 6 7 8 9 10 " not in pain
        grid: list[list[Any]] = page.eval_on_selector_all(
            ".eg-handout .log .pain table",
            "ts => ts.map(t => [t.className, [...t.tBodies[0].rows].map(r => r.cells.length)])",
        )
        assert grid == [["pain-grid", [8, 8, 8, 8]]], grid  # one row a week: its number, 7 days
        # The name stays in the page: nowhere stored.
        assert name not in everything_stored(context)
    finally:
        context.close()


def _pdfinfo(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
