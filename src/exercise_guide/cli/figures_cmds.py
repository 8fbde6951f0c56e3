"""CLI command for figures: list key poses, write every step's SVG, draw the contact sheet."""

from __future__ import annotations

from pathlib import Path

import click

from ..content import load_library
from ..errors import ContentError, display_path
from ..writing import write_atomic
from .group import cli
from .options import content_option


@cli.command()
@content_option
@click.option(
    "--sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a contact sheet (PNG) of every key pose in every view.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every step's figure as SVG into this folder.",
)
@click.option(
    "--steps",
    "steps_sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a sheet (PNG) of every step's figure with the step's words, for review.",
)
@click.option(
    "--frames",
    "frames_sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a sheet (PNG) of each exercise's animation at its key moments, for review.",
)
@click.option(
    "--pose", "only", multiple=True, help="Put only this key pose on the sheet (repeatable)."
)
@click.option("--list", "list_poses", is_flag=True, help="List the key poses and what they show.")
def figures(
    content_dir: Path,
    sheet: Path | None,
    out: Path | None,
    steps_sheet: Path | None,
    frames_sheet: Path | None,
    only: tuple[str, ...],
    list_poses: bool,
) -> None:
    """Step figures: check poses, list them, write SVGs or review sheets (poses, steps, frames)."""
    from ..figures import check_library, pose_book, render_step
    from ..figures.sheet import pose_cells, sheet_html
    from ..pdf.preview import write_png

    library = load_library(content_dir)
    problems = check_library(library)
    if problems:
        raise ContentError(problems)
    book = pose_book(library)
    if list_poses:
        for name in book.names():
            click.echo(f"{name}: {book.specs[name].description}")
    if out is not None:
        count = 0
        for ex in library.exercises.values():
            for i in range(len(ex.steps)):
                figure = render_step(library, ex, i)
                if figure.svg is not None:
                    write_atomic(out / f"{ex.id}-step-{i + 1}.svg", figure.svg.encode("utf-8"))
                    count += 1
        click.echo(f"wrote {count} figures to {display_path(out)}")
    if sheet is not None:
        unknown = [name for name in only if name not in book.specs]
        if unknown:
            raise click.BadParameter(f"no key pose '{unknown[0]}'", param_hint="--pose")
        names = list(only) or book.names()
        note = (
            "Every key pose in every view, drawn from joint angles (figures/poses.yml and "
            "content/poses.yml). Far-side limbs are drawn in a lighter tone."
        )
        html = sheet_html(f"Key poses of {library.guide.title}", pose_cells(book, names), note=note)
        write_png(html, sheet)
        click.echo(f"wrote {display_path(sheet)}: {len(names)} poses in 4 views")
    if steps_sheet is not None:
        rows = []
        for ex in library.exercises.values():
            cells = []
            for i, step in enumerate(ex.steps):
                figure = render_step(library, ex, i)
                words = _clip(step.text)
                if figure.svg is not None:
                    cells.append((f"{i + 1}. {words}", figure.svg))
            rows.append((ex.title, cells))
        # At print size: each figure as tall as on the A4 poster (45 mm), with the step's words.
        html = sheet_html(
            f"Step figures of {library.guide.title}, at print size",
            rows,
            columns=3,
            figure_mm=PRINT_FIGURE_MM,
        )
        write_png(html, steps_sheet, dpi=130)
        click.echo(f"wrote {display_path(steps_sheet)}: {len(rows)} exercises")
    if frames_sheet is not None:
        from ..figures.stills import stills

        movies = [(ex.title, stills(library, ex)) for ex in library.exercises.values()]
        movies = [(title, frames) for title, frames in movies if frames]
        html = sheet_html(
            f"Animation frames of {library.guide.title}",
            [(title, [("", svg) for svg in frames]) for title, frames in movies],
            columns=max((len(frames) for _, frames in movies), default=1),
            note="Each exercise's animation as the site plays it, at its key moments.",
            figure_mm=FRAME_MM,
        )
        write_png(html, frames_sheet, dpi=130)
        click.echo(f"wrote {display_path(frames_sheet)}: {len(movies)} animations")
    if not (list_poses or out or sheet or steps_sheet or frames_sheet):
        click.echo(f"ok: {len(book.names())} key poses; every step can be drawn")


PRINT_FIGURE_MM = 45.0
FRAME_MM = 30.0  # an animation's stills side by side: smaller, so a whole loop fits a row


def _clip(text: str, limit: int = 220) -> str:
    """A caption: the text, or its start cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 3].rsplit(" ", 1)[0].rstrip(".,;:") + "…"
