"""The `exercise-guide` click group, and how a command runs: errors printed plainly, exit code 1."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from ..errors import BuildError, ContentError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="exercise-guide")
def cli() -> None:
    """Turn structured exercise data into a searchable website and printable PDFs."""


def run_command(command: click.Command, prog_name: str | None = None) -> NoReturn:
    """Run a click command; a content or build error prints its message and exits 1."""
    try:
        command.main(prog_name=prog_name, standalone_mode=False)
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(0)
