"""CLI commands for import: other formats → content/exercises/*.yml."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..errors import display_path
from ..importers import free_exercise_db
from ..importers.generated import Outcome, render, write_generated
from ..importers.safety import default_safety
from . import cli


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
    entries = free_exercise_db.read_entries(path)
    safety = default_safety(out)
    converted, problems = free_exercise_db.convert(entries, safety)
    for problem in problems:
        click.echo(str(problem), err=True)
    outcomes: Counter[Outcome] = Counter()
    for item in converted:
        target = out / f"{item.exercise_id}.yml"
        text = render(item.data, free_exercise_db.SOURCE_NAME)
        outcome = write_generated(target, text, force=force)
        outcomes[outcome] += 1
        if outcome is Outcome.KEPT:
            click.echo(
                f"kept {display_path(target)}: edited since it was imported "
                "(run with --force to overwrite)",
                err=True,
            )
    skipped = len({p.entry for p in problems})
    counts = ", ".join(f"{outcomes[o]} {o.value}" for o in Outcome)
    click.echo(
        f"free-exercise-db: {len(converted)} exercises in {display_path(out)} ({counts}); "
        f"{skipped} entries skipped"
    )
