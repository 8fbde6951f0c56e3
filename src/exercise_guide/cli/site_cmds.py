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
    help="Folder to write the pages, figures, fonts, CSS and PDFs into (a docs_dir).",
)
@click.option("--pdfs/--no-pdfs", default=True, help="Build the PDFs the pages link.")
def pages(content_dir: Path, templates_dir: Path | None, out_dir: Path, pdfs: bool) -> None:
    """Write the site's pages as Markdown (plus figures, fonts, CSS, PDFs) into a folder, and
    beside it a zensical.toml that builds them on Zensical."""
    from ..pages import site_content
    from ..pages.zensical import zensical_config
    from ..printing import build_for_site
    from ..template_folders import templates_for
    from ..validate import library_problems

    library = load_library(content_dir)
    problems = library_problems(library)
    if problems:
        raise ContentError(problems)
    project_dir = content_dir.resolve().parent
    templates = templates_for(project_dir, templates_dir)
    # Zensical runs no plugins: the PDFs the MkDocs plugin builds at build time are built here.
    built = build_for_site(library, project_dir, templates) if pdfs else {}
    content = site_content(library, templates, built)
    for path, text in content.pages.items():
        write_atomic(out_dir / path, text.encode("utf-8"))
    for path, data in {**content.files, **built}.items():
        write_atomic(out_dir / path, data.read_bytes() if isinstance(data, Path) else data)
    config_dir = out_dir.resolve().parent
    # Zensical wants the site inside the folder of its config: site/ beside DIR.
    config = zensical_config(library, out_dir.resolve().name, "site")
    write_atomic(config_dir / "zensical.toml", config.encode("utf-8"))
    click.echo(
        f"wrote {len(content.pages)} pages and {len(content.files) + len(built)} files to "
        f"{display_path(out_dir)}, and {display_path(config_dir / 'zensical.toml')}"
    )
