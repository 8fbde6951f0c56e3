"""Errors users can act on: every content problem names its file, line and field."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, printed as `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """Content that cannot be built; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str | Path, line: int, field: str, message: str) -> ContentError:
        """A content error with a single problem."""
        return cls(Problem(display_path(path), line, field, message))


def problem_listing(exc: ContentError) -> str:
    """Every problem of a ContentError, one a line, under a heading that counts them."""
    problems = "\n".join(f"  {p}" for p in exc.problems)
    return f"exercise-guide: the content has {len(exc.problems)} problem(s):\n{problems}"


def template_line(exc: BaseException) -> str:
    """The template file and line an error was raised at (or the templates folder)."""
    # Jinja rewrites tracebacks so template frames carry the template's own file and line.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return "templates/site"
    return f"{display_path(frames[-1].filename)}:{frames[-1].lineno}"


class BuildError(Exception):
    """A build that cannot finish for a reason outside the content (disk full, read-only output)."""


def display_path(path: str | Path) -> str:
    """A path as users see it: relative to the working directory when it lies below it."""
    # Remembered per working directory: every content file is named once per load (and twice
    # by yamlsafe), and resolving both paths each time was 3% of a no-change build at 873.
    return _display_path(str(path), os.getcwd())


@lru_cache(maxsize=8192)
def _display_path(path: str, cwd: str) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return str(p)
