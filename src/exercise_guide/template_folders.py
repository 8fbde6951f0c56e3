"""Where templates come from: a guide's own templates/ first, file by file, then the packaged ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError, display_path

# Shipped inside the package (package data), so a non-editable install can build everything.
PACKAGED = Path(__file__).resolve().parent / "templates"
# The folder beside content/ and mkdocs.yml that a guide may put its own templates in.
OWN_FOLDER = "templates"


@dataclass(frozen=True)
class Templates:
    """Folders searched in order for each template file; the last is always the packaged one."""

    folders: tuple[Path, ...]

    def sub(self, name: str) -> Templates:
        """The same search order, one folder down (e.g. "print" or "site")."""
        return Templates(tuple(folder / name for folder in self.folders))

    def find(self, name: str) -> Path:
        """The file a template name stands for: the guide's own when it has one, else the packaged one."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        raise BuildError(f"{display_path(self.folders[-1] / name)}: no such template")

    def existing(self) -> tuple[Path, ...]:
        """The folders that exist (a guide's own folder may lack a subfolder)."""
        return tuple(folder for folder in self.folders if folder.is_dir())


def templates_for(project_dir: Path, own: Path | None = None) -> Templates:
    """The one rule for where a guide's templates come from.

    `own` is a folder someone named (it must exist); without it, `templates/` in the project
    folder is used when there is one. Either way the packaged templates fill in every file the
    guide's own folder does not have.
    """
    if own is not None and not own.is_dir():
        raise BuildError(f"{display_path(own)}: the templates folder does not exist")
    folder = own if own is not None else project_dir / OWN_FOLDER
    if folder.is_dir() and folder.resolve() != PACKAGED:
        return Templates((folder.resolve(), PACKAGED))
    return Templates((PACKAGED,))
