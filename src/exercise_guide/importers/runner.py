"""Run an import: read, convert, write each exercise file, and report what happened to each."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import free_exercise_db
from .free_exercise_db import EntryProblem
from .generated import Outcome, render, write_generated
from .safety import default_safety


@dataclass
class ImportReport:
    """The result of one import: skipped entries, and the outcome for every file written or kept."""

    problems: list[EntryProblem] = field(default_factory=list)
    files: dict[Path, Outcome] = field(default_factory=dict)

    def counts(self) -> Counter[Outcome]:
        """How many files had each outcome."""
        return Counter(self.files.values())

    def kept(self) -> list[Path]:
        """Files left alone because someone edited them since they were imported."""
        return [path for path, outcome in self.files.items() if outcome is Outcome.KEPT]

    def skipped(self) -> int:
        """How many upstream entries were not imported."""
        return len({problem.entry for problem in self.problems})


def import_free_exercise_db(path: Path, out: Path, *, force: bool = False) -> ImportReport:
    """Import a free-exercise-db exercises.json into the exercises folder `out`."""
    entries = free_exercise_db.read_entries(path)
    converted, problems = free_exercise_db.convert(entries, default_safety(out))
    report = ImportReport(problems=problems)
    for item in converted:
        target = out / f"{item.exercise_id}.yml"
        text = render(item.data, free_exercise_db.SOURCE_NAME)
        report.files[target] = write_generated(target, text, force=force)
    return report
