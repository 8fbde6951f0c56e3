"""CLI command `init`: start a new guide from the starter shipped in the package."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import display_path
from ..writing import write_atomic
from .content_cmds import SCHEMA_MODELS, json_schema
from .group import cli


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default=None, help="The guide's title  [default: from FOLDER]")
@click.option(
    "--base-url",
    default=None,
    help="The https:// address the site will be published at (QR codes on posters point there).",
)
@click.option(
    "--repo-url",
    default=None,
    help="The repository holding the guide; pages then link 'edit this page' to it  [default: none]",
)
def init(folder: Path, title: str | None, base_url: str | None, repo_url: str | None) -> None:
    """Create a new guide in FOLDER: content/ with an example exercise, routine and article."""
    import json

    from ..placeholders import is_placeholder_url
    from ..scaffold import create_guide

    title = title or folder.name.replace("-", " ").replace("_", " ").strip().capitalize()
    if base_url is None:
        if not sys.stdin.isatty():
            raise click.UsageError(
                "--base-url: give the https:// address the site will be published at"
            )
        base_url = click.prompt("Address the site will be published at (https://…/)")
    if repo_url is None and sys.stdin.isatty():
        # Left out when empty: pages then show no edit link rather than a link to nowhere.
        repo_url = click.prompt("Repository URL (empty for none)", default="", show_default=False)
    create_guide(folder, title, base_url, repo_url or None)
    for option, url in (("--base-url", base_url), ("--repo-url", repo_url)):
        if url and is_placeholder_url(url):
            # Written as asked, but named now: QR codes and edit links there reach nobody.
            click.echo(
                f"warning: {option} {url} is a placeholder address: give the real one", err=True
            )
    for kind, model in SCHEMA_MODELS.items():
        text = json.dumps(json_schema(model), indent=2, sort_keys=True) + "\n"
        write_atomic(folder / "content" / "schema" / f"{kind}.schema.json", text.encode())
    click.echo(
        f"created {display_path(folder)}: cd into it, then `mkdocs build` (the site) and "
        "`exercise-guide pdf` (the PDFs)"
    )
