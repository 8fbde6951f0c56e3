"""CLI commands for the site: `pages` writes the generated Markdown for engines without plugins."""

from __future__ import annotations

from pathlib import Path

import click

from ..content import load_library
from ..errors import ContentError, display_path
from ..writing import write_atomic
from .group import cli
from .options import content_option, templates_option


@cli.command()
@content_option
@templates_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the pages, figures, fonts and CSS into (a docs_dir).",
)
def pages(content_dir: Path, templates_dir: Path | None, out_dir: Path) -> None:
    """Write the site's pages as Markdown (plus figures, fonts, CSS) into a folder."""
    from ..pages import site_content
    from ..template_folders import templates_for
    from ..validate import library_problems

    library = load_library(content_dir)
    problems = library_problems(library)
    if problems:
        raise ContentError(problems)
    # No PDFs here: pages link only PDFs that exist, and this command builds none.
    content = site_content(library, templates_for(content_dir.resolve().parent, templates_dir))
    for path, text in content.pages.items():
        write_atomic(out_dir / path, text.encode("utf-8"))
    for path, data in content.files.items():
        write_atomic(out_dir / path, data.read_bytes() if isinstance(data, Path) else data)
    click.echo(
        f"wrote {len(content.pages)} pages and {len(content.files)} files to {display_path(out_dir)}"
    )
