"""CLI commands for import: other formats → content/exercises/*.yml."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from ..importers.generated import Outcome
from ..importers.runner import import_free_exercise_db
from .group import cli


@cli.group(name="import")
def import_group() -> None:
    """Convert exercises from open datasets into this guide's YAML (marked review: needed)."""


@import_group.command(name="free-exercise-db")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content/exercises"),
    show_default=True,
    help="The exercises folder to write into.",
)
@click.option("--force", is_flag=True, help="Also overwrite files edited since they were imported.")
def free_exercise_db_cmd(path: Path, out: Path, force: bool) -> None:
    """Import PATH, an exercises.json from free-exercise-db (text only; photos are never used)."""
    report = import_free_exercise_db(path, out, force=force)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    for target in report.kept():
        click.echo(
            f"kept {display_path(target)}: edited since it was imported "
            "(run with --force to overwrite)",
            err=True,
        )
    counts = report.counts()
    summary = ", ".join(f"{counts[o]} {o.value}" for o in Outcome)
    click.echo(
        f"free-exercise-db: {len(report.files)} exercises in {display_path(out)} ({summary}); "
        f"{report.skipped()} entries skipped"
    )
