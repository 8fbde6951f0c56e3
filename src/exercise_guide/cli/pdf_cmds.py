"""CLI commands for pdf: `exercise-guide pdf` (and `python build_pdf.py`, which runs the same command)."""

from __future__ import annotations

import ctypes.util
from pathlib import Path
from typing import get_args

import click

from ..errors import ContentError, display_path
from ..model import Paper
from .group import cli, run_command
from .options import content_option, templates_option


@cli.command()
@content_option
@templates_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Where to write the PDFs.",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".cache/pdf"),
    show_default=True,
    help="Cache of rendered PDFs; unchanged documents are never rendered twice.",
)
@click.option(
    "--paper",
    type=click.Choice(get_args(Paper)),
    default=None,
    help="Paper size  [default: the guide's paper]",
)
@click.option(
    "--layout",
    type=click.Choice(["poster", "desk"]),
    default="poster",
    show_default=True,
    help="poster: portrait, everything on it; desk: landscape, large type, for a desk at 1.5 m.",
)
@click.option(
    "--posters/--no-posters", default=True, show_default=True, help="Build one poster per exercise."
)
@click.option(
    "--booklet/--no-booklet",
    default=None,
    help="Build the whole guide as guide.pdf  [default: yes, except with --layout desk]",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Render processes  [default: all cores]",
)
def pdf(
    content_dir: Path,
    templates_dir: Path | None,
    out_dir: Path,
    cache_dir: Path,
    paper: str | None,
    layout: str,
    posters: bool,
    booklet: bool | None,
    jobs: int | None,
) -> None:
    """Build printable PDFs: a one-page poster per exercise and the guide booklet."""
    from ..content import load_library
    from ..pdf import PrintOptions
    from ..printing import build_pdfs
    from ..template_folders import templates_for
    from ..validate import library_problems

    if ctypes.util.find_library("harfbuzz-subset") is None:
        # WeasyPrint falls back to fontTools subsetting, about 4x slower.
        click.echo(
            "warning: libharfbuzz-subset is missing, so PDFs build about 4x slower; "
            "install it: apt-get install -y libharfbuzz-subset0",
            err=True,
        )
    library = load_library(content_dir)
    problems = library_problems(library)
    if problems:
        raise ContentError(problems)
    options = PrintOptions(
        paper=paper or library.guide.paper,  # type: ignore[arg-type]
        layout="desk" if layout == "desk" else "poster",
    )
    if booklet is None:
        booklet = layout == "poster"
    report = build_pdfs(
        library,
        cache_dir=cache_dir,
        out_dir=out_dir,
        templates=templates_for(content_dir.resolve().parent, templates_dir),
        options=options,
        jobs=jobs,
        posters=posters,
        booklet=booklet,
    )
    click.echo(
        # Documents, not files: the booklet is made of parts, each rendered or cached on its own.
        f"{len(report.files)} PDFs in {display_path(out_dir)}: {report.rendered} documents "
        f"rendered, {report.cached} from the cache, {report.written} written"
    )


def standalone() -> None:
    """Run `pdf` as its own program (build_pdf.py): errors are printed plainly, exit code 1."""
    run_command(pdf, prog_name="build_pdf.py")
