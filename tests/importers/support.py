"""Helpers for importer tests: run the real import command, make an empty content folder."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support import CLI, CONTENT


@dataclass(frozen=True)
class Imported:
    """A content folder (the seed's guide.yml, no exercises of its own) after a real import."""

    content: Path
    result: subprocess.CompletedProcess[str]

    @property
    def exercises(self) -> Path:
        """The folder the importer wrote into."""
        return self.content / "exercises"


def run_import(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run `exercise-guide import free-exercise-db ARGS` as users do."""
    return subprocess.run(
        [str(CLI), "import", "free-exercise-db", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def empty_content(root: Path) -> Path:
    """A content folder with the seed's guide.yml and schemas but no exercises or routines."""
    content = root / "content"
    content.mkdir(parents=True)
    shutil.copy(CONTENT / "guide.yml", content / "guide.yml")
    shutil.copytree(CONTENT / "schema", content / "schema")
    return content
