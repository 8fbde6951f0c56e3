"""The `exercise-guide` command: one group (cli/group.py), with commands from the modules beside it."""

from __future__ import annotations

from .group import cli, run_command

__all__ = ["cli", "main", "run_command"]


def main() -> None:
    """Run the CLI; content and build errors are printed plainly, never as a traceback."""
    # Each module registers its commands on the group when imported.
    from . import (  # noqa: F401
        content_cmds,
        figures_cmds,
        handout_cmds,
        import_cmds,
        init_cmds,
        pdf_cmds,
        site_cmds,
    )

    run_command(cli)
