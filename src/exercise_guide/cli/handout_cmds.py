"""CLI command `handout`: a personalised home exercise programme for one patient, as one PDF."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..content import load_library
from ..errors import display_path
from ..handouts.dose import SYNTAX
from ..handouts.from_link import link_prescription
from ..handouts.issue import issue_handout
from ..handouts.options import HandoutOptions
from ..handouts.prescription import PrescriptionError
from ..template_folders import templates_for
from .group import cli
from .options import templates_option


def _weeks(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise PrescriptionError([f"--weeks {text!r}: give a whole number of weeks"]) from None


@cli.command()
@click.argument("routine", required=False)
@click.option(
    "--from",
    "rx_file",
    type=click.Path(path_type=Path),
    help="A prescription YAML file; options given here override its values.",
)
@click.option(
    "--from-link",
    "link",
    metavar="URL",
    help="A programme link copied from the site's Programme page (exercises, order, doses).",
)
@click.option("--patient", help="The patient's name, printed on the handout.")
@click.option("--clinician", help="Who prescribes the programme.")
@click.option("--date", help="The date printed on the handout (default: today).")
@click.option("--note", help="A note to the patient, printed on the first page.")
@click.option(
    "--review", metavar="DATE", help="The next review, printed in the contact block (2026-12-01)."
)
@click.option(
    "--dose",
    "doses",
    multiple=True,
    metavar="ID=REPS[xSETS][@FREQUENCY]",
    help=f"A dose for one exercise: {SYNTAX}. Repeatable.",
)
@click.option(
    "--exercise",
    "exercises",
    multiple=True,
    metavar="ID",
    help="Pick exercises instead of a routine. Repeatable.",
)
@click.option(
    "--large-print",
    is_flag=True,
    help="Body text at least 18 pt, one step to a row, larger figures.",
)
@click.option("--paper", metavar="A4|Letter", help="Paper size (default: the guide's).")
@click.option("--weeks", "weeks_text", metavar="N", help="Weeks in the adherence log (default 4).")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="The PDF to write (default with --from: the file beside it, .pdf).",
)
@click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default=Path("content"),
    show_default=True,
    help="The content folder.",
)
@templates_option
def handout(
    routine: str | None,
    rx_file: Path | None,
    link: str | None,
    patient: str | None,
    clinician: str | None,
    date: str | None,
    note: str | None,
    review: str | None,
    doses: tuple[str, ...],
    exercises: tuple[str, ...],
    large_print: bool,
    paper: str | None,
    weeks_text: str | None,
    out: Path | None,
    content_dir: Path,
    templates_dir: Path | None,
) -> None:
    """Write a personalised handout of ROUTINE (or of --exercise picks, --from rx.yml, or a
    programme link with --from-link)."""
    try:
        options = HandoutOptions(
            routine=routine,
            patient=patient,
            clinician=clinician,
            date=date,
            note=note,
            review=review,
            doses=doses,
            exercises=exercises,
            large_print=large_print,
            paper=paper,
            weeks=_weeks(weeks_text),
        )
        library = load_library(content_dir)
        templates = templates_for(content_dir.resolve().parent, templates_dir)
        if link is not None:
            if routine is not None or exercises or rx_file is not None:
                raise PrescriptionError(
                    ["--from-link: give the link alone, without ROUTINE, --exercise or --from"]
                )
            base = link_prescription(link, library)
            target = issue_handout(library, options, None, out, templates, base=base)
        else:
            target = issue_handout(library, options, rx_file, out, templates)
    except PrescriptionError as exc:
        for line in exc.lines:
            click.echo(line, err=True)
        sys.exit(1)
    click.echo(f"wrote {display_path(target)}")
