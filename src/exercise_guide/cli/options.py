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
