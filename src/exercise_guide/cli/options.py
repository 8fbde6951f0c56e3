"""Click options several commands share, so each reads and defaults the same way."""

from __future__ import annotations

from pathlib import Path

import click

content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="The content folder.",
)

templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=(
        "Your own templates folder: its files replace the packaged templates of the same name, "
        "file by file  [default: templates/ beside the content folder, when there is one]"
    ),
)
